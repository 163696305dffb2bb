package io.hivesafe.engine.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.engine.NodeEvents;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.json.AuthorityJson;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.AccountUpdate2Operation;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.OtherOperation;
import io.hivesafe.hive.rpc.AccountHistoryEntry;
import io.hivesafe.hive.rpc.AccountInfo;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcException;
import io.hivesafe.hive.rpc.Sleeper;
import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.SignerAuthority;
import io.hivesafe.state.StateStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The shell's authority check (DESIGN §3.5): the multisig account's owner and active authorities and
 * its recovery account on chain must be what the state records ({@link MultisigAuthority}: the genesis,
 * then every account_update / account_update2 of the account seen in the blocks). Run when the node
 * starts following the chain live and after every tally.
 *
 * <p>It compares at the node's last committed block N, as {@link CustodyCheck} does: a reading at a head
 * H that stood still ({@link ChainReadings#read}) gives the account as the API shows it (pending
 * transactions included) and the account's history in N+1..H. The record after N, carried through the
 * changes in that history (account_update and account_update2 setting owner or active, recover_account
 * setting owner, changed_recovery_account setting the recovery account), must equal the chain — so our
 * own rotation confirmed after N, or an update the node has not applied yet, is no mismatch. If it is not
 * equal, the changes of a prefix of the account's transactions in the next
 * {@link ChainReadings#PENDING_BLOCKS} blocks (what was pending at the API) must make it equal. Only a
 * mismatch left unexplained by two consecutive readings is reported: an {@code ALARM} ERROR line, kept
 * ({@link #lastReport}) for the API and metrics, never written into state.
 *
 * <p>Authorities are compared as sets of members with weights and the threshold (member order is not
 * compared). A genesis that names no recovery account records "": the recovery account is then "not
 * recorded", never a mismatch. A recovery account changed on chain (change_recovery_account takes effect
 * 30 days later, as a virtual operation no block holds) stays a mismatch once the node's block is past
 * it: the core does not follow it, and that is what an operator must see.
 */
public final class AuthorityCheck implements AutoCloseable {
  /** Readings a check takes at most before giving up. */
  static final int MAX_READINGS = 4;

  private final NetworkGenesis genesis;
  private final StateStore store;
  private final ChainReadings readings;
  private final NodeEvents events;
  private final AtomicReference<AuthorityReport> last = new AtomicReference<>();
  private final CheckWorker worker = new CheckWorker("hivesafe-authority-check");
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile BooleanSupplier condition = () -> true;

  public AuthorityCheck(NetworkGenesis genesis, StateStore store, HiveRpcClient api, NodeEvents events) {
    this(genesis, store, new RpcAccountChain(api, genesis.multisigAccount()), Sleeper.SYSTEM, events);
  }

  /** A check over {@code chain}, pausing through {@code sleeper} while it waits for blocks (tests step the chain there). */
  AuthorityCheck(NetworkGenesis genesis, StateStore store, AccountChain chain, Sleeper sleeper, NodeEvents events) {
    this.genesis = Objects.requireNonNull(genesis, "genesis");
    this.store = Objects.requireNonNull(store, "store");
    this.readings = new ChainReadings(chain, sleeper);
    this.events = Objects.requireNonNull(events, "events");
  }

  /** Runs the scheduled checks only while {@code condition} holds (the node follows the chain live). */
  public AuthorityCheck onlyWhen(BooleanSupplier condition) {
    this.condition = Objects.requireNonNull(condition, "condition");
    return this;
  }

  /**
   * A commit listener that runs a check in the background at the first block committed while the
   * condition holds (the node's start) and after every tally block.
   */
  public SidechainNode.CommitListener atStartAndTallies() {
    return (block, outcome) -> {
      if (dueAfter(block) && worker.submit(this::check)) {
        started.set(true);
      }
    };
  }

  /** Whether the schedule asks for a check after {@code block}: while the condition holds, the first time, then at tallies. */
  boolean dueAfter(long block) {
    return condition.getAsBoolean() && (!started.get() || genesis.isTallyBlock(block));
  }

  /** The last completed check, if any. */
  public Optional<AuthorityReport> lastReport() {
    return Optional.ofNullable(last.get());
  }

  /** Runs one check now, on the caller's thread; empty (with the reason logged) if it could not be made. */
  public Optional<AuthorityReport> check() {
    long block = 0;
    try {
      int unexplained = 0;
      for (int n = 1; n <= MAX_READINGS; n++) {
        Recorded rec = store.read(r -> {
          OptionalLong last = store.lastBlock();
          return new Recorded(last, last.isEmpty() ? null : SidechainState.authority(r));
        });
        if (rec.block().isEmpty()) {
          throw new CheckNotMade("nothing committed yet");
        }
        block = rec.block().getAsLong();
        ChainReadings.Reading reading = readings.read(block);
        Expected chain = Expected.of(reading.account());
        Expected atHead = Expected.of(rec.authority());
        int changes = 0;
        for (AccountHistoryEntry e : reading.history()) {
          Expected next = atHead.after(e.op(), genesis.multisigAccount());
          changes += next == atHead ? 0 : 1;
          atHead = next;
        }
        if (atHead.sameAs(chain)) {
          return done(reading, rec.authority(), chain, atHead, changes, 0, n);
        }
        Expected from = atHead;
        ChainReadings.Pending pending = readings.awaitPending(reading.head(), txs -> prefix(from, txs, chain) >= 0);
        if (pending.explained()) {
          int j = prefix(from, pending.transactions(), chain);
          return done(reading, rec.authority(), chain, chain, changes + changes(from, pending.transactions().subList(0, j)), j, n);
        }
        if (!pending.complete()) {
          throw new CheckNotMade("the chain did not move " + ChainReadings.PENDING_BLOCKS + " blocks past " + reading.head()
              + " while a difference in the authority waited for its pending transactions");
        }
        if (++unexplained == 2) {
          return done(reading, rec.authority(), chain, atHead, changes, 0, n);
        }
      }
      throw new CheckNotMade(MAX_READINGS + " readings did not settle");
    } catch (CheckNotMade e) {
      return unchecked(block, e.getMessage());
    } catch (RpcException | HiveFormatException e) {
      return unchecked(block, "the API failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The least j ≥ 1 such that the changes of the first j transactions take {@code from} to {@code chain}; -1 if none. */
  private int prefix(Expected from, List<List<AccountHistoryEntry>> transactions, Expected chain) {
    Expected e = from;
    for (int j = 0; j < transactions.size(); j++) {
      for (AccountHistoryEntry entry : transactions.get(j)) {
        e = e.after(entry.op(), genesis.multisigAccount());
      }
      if (e.sameAs(chain)) {
        return j + 1;
      }
    }
    return -1;
  }

  private int changes(Expected from, List<List<AccountHistoryEntry>> transactions) {
    int changes = 0;
    Expected e = from;
    for (List<AccountHistoryEntry> t : transactions) {
      for (AccountHistoryEntry entry : t) {
        Expected next = e.after(entry.op(), genesis.multisigAccount());
        changes += next == e ? 0 : 1;
        e = next;
      }
    }
    return changes;
  }

  private Optional<AuthorityReport> done(ChainReadings.Reading reading, MultisigAuthority recorded, Expected chain,
      Expected expected, int changes, int pendingTransactions, int readingsTaken) {
    AuthorityReport.Recovery recovery = recorded.recoveryAccount().isEmpty() ? AuthorityReport.Recovery.NOT_RECORDED
        : expected.recovery().equals(chain.recovery()) ? AuthorityReport.Recovery.MATCHES : AuthorityReport.Recovery.DIFFERS;
    AuthorityReport report = new AuthorityReport(reading.block(), reading.head(), recorded, chain.owner(), chain.active(),
        chain.recovery(), same(expected.owner(), chain.owner()), same(expected.active(), chain.active()), recovery, changes,
        pendingTransactions, readingsTaken);
    last.set(report);
    if (report.matches()) {
      events.authorityMatches(report);
    } else {
      events.authorityMismatch(report);
    }
    return Optional.of(report);
  }

  private Optional<AuthorityReport> unchecked(long block, String reason) {
    events.authorityUnchecked(block, reason);
    return Optional.empty();
  }

  /** Equal threshold and equal members with equal weights, in whatever order. */
  public static boolean same(SignerAuthority a, SignerAuthority b) {
    return a.threshold() == b.threshold() && members(a.keys()).equals(members(b.keys()))
        && members(a.accounts()).equals(members(b.accounts()));
  }

  private static TreeMap<String, Long> members(List<SignerAuthority.Member> members) {
    TreeMap<String, Long> out = new TreeMap<>();
    for (SignerAuthority.Member m : members) {
      out.put(m.name(), m.weight());
    }
    return out;
  }

  /** Owner, active and recovery account ("" for none): what the check compares. */
  private record Expected(SignerAuthority owner, SignerAuthority active, String recovery) {
    static Expected of(MultisigAuthority a) {
      return new Expected(a.owner(), a.active(), a.recoveryAccount());
    }

    static Expected of(AccountInfo a) {
      return new Expected(SignerAuthority.of(a.owner()), SignerAuthority.of(a.active()),
          a.recoveryAccount().map(AccountName::value).orElse(""));
    }

    /** Owner, active and recovery compared, the recovery account only when both sides name one or the record does. */
    boolean sameAs(Expected chain) {
      return same(owner, chain.owner) && same(active, chain.active) && (recovery.isEmpty() || recovery.equals(chain.recovery));
    }

    /** This after {@code op}, if it changes the owner, active or recovery account of {@code account}; this itself otherwise. */
    Expected after(Operation op, AccountName account) {
      if (op instanceof AccountUpdateOperation u && u.account().equals(account)) {
        return withAuthorities(u.owner(), u.active());
      }
      if (op instanceof AccountUpdate2Operation u && u.account().equals(account)) {
        return withAuthorities(u.owner(), u.active());
      }
      if (op instanceof OtherOperation o) {
        JsonNode b = o.body();
        if (o.name().equals("recover_account") && JsonFields.text(b, "account_to_recover").equals(account.value())) {
          return new Expected(SignerAuthority.of(AuthorityJson.read(JsonFields.required(b, "new_owner_authority"))), active,
              recovery);
        }
        if (o.name().equals("changed_recovery_account") && JsonFields.text(b, "account").equals(account.value())
            && !recovery.isEmpty()) {
          return new Expected(owner, active, JsonFields.text(b, "new_recovery_account"));
        }
      }
      return this;
    }

    private Expected withAuthorities(Optional<Authority> newOwner, Optional<Authority> newActive) {
      if (newOwner.isEmpty() && newActive.isEmpty()) {
        return this;
      }
      return new Expected(newOwner.map(SignerAuthority::of).orElse(owner), newActive.map(SignerAuthority::of).orElse(active),
          recovery);
    }
  }

  private record Recorded(OptionalLong block, MultisigAuthority authority) {}

  @Override
  public void close() {
    worker.close();
  }
}
