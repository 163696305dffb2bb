package io.hivesafe.engine.node;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.node.BalanceEffects.Delta;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.rpc.AccountHistoryEntry;
import io.hivesafe.hive.rpc.AccountInfo;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcException;
import io.hivesafe.hive.rpc.Sleeper;
import io.hivesafe.ops.Custody;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.state.StateStore;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The shell's custody check (DESIGN §3.5): after the node's last committed block N, the multisig
 * account must hold on chain what the books say ({@link Custody#books}: genesis treasury + deposits −
 * confirmed payouts − unexplained outflows). It compares at that one block, N:
 *
 * <ol>
 *   <li>A reading ({@link ChainReadings#read}) at a head H that stood still while it was read: the
 *       account's balance B (which, as hived answers find_accounts, includes the transactions pending at
 *       the API) and its history in blocks N+1..H. The balance after N would be B − (what that history
 *       did, {@link BalanceEffects}) − (what the pending transactions did); the difference D is B − history
 *       − books(N).
 *   <li>D = 0: the chain holds what the books say (nothing pending touched the account).
 *   <li>Otherwise the pending transactions must explain D. hived applies them in arrival order and puts
 *       them into the next blocks in that order, so they are a prefix of the account's transactions in the
 *       blocks after H. The check waits for up to {@link ChainReadings#PENDING_BLOCKS} blocks; if D equals
 *       what the first j of those transactions did, for some j ≥ 1, the chain matches, with j pending.
 *   <li>If not, every j gives a candidate difference D − (what the first j did). A difference is reported
 *       only when consecutive readings, each taken afresh (the node's block moves on), agree on exactly
 *       one candidate; readings that share none start the comparison again, readings that share several
 *       narrow it with the next; after {@link #MAX_READINGS} readings without an answer nothing is reported
 *       ("not checked").
 * </ol>
 *
 * <p>A shortfall (the chain holds less) is an {@code ALARM} ERROR line; a surplus (a gift, a reward claim,
 * a virtual operation that paid the account) a WARN line, reported apart. The result is kept
 * ({@link #lastReport}) for the API and metrics and never written into state: consensus cannot depend on
 * what one API node says.
 *
 * <p>Limits. A difference shows at the first check whose block N is at or after the block that caused
 * it: what happens after N is still being explained. A real shortfall that happens to equal what some of
 * the pending transactions did passes as explained at that check (it persists, so a later check with other
 * traffic reports it). Pending transactions that the producing witness orders otherwise than the API node
 * (they reached it by other paths), that expire unincluded, or that take longer than the blocks waited for,
 * leave a reading unexplained: the next reading usually settles it, and only readings that agree are
 * reported. Operations that {@link BalanceEffects} does not interpret count zero. API nodes behind a load
 * balancer that answer one reading from different nodes give readings that do not agree (not checked).
 */
public final class CustodyCheck implements AutoCloseable {
  /** Readings a check takes at most before giving up. */
  static final int MAX_READINGS = 8;
  /** Blocks between two checks when the node runs them itself: a minute of Hive blocks. */
  public static final long DEFAULT_EVERY = 20;

  private final NetworkGenesis genesis;
  private final StateStore store;
  private final ChainReadings readings;
  private final NodeEvents events;
  private final AtomicReference<CustodyReport> last = new AtomicReference<>();
  private final CheckWorker worker = new CheckWorker("hivesafe-custody-check");
  private volatile BooleanSupplier condition = () -> true;

  public CustodyCheck(NetworkGenesis genesis, StateStore store, HiveRpcClient api, NodeEvents events) {
    this(genesis, store, new RpcAccountChain(api, genesis.multisigAccount()), Sleeper.SYSTEM, events);
  }

  /** A check over {@code chain}, pausing through {@code sleeper} while it waits for blocks (tests step the chain there). */
  CustodyCheck(NetworkGenesis genesis, StateStore store, AccountChain chain, Sleeper sleeper, NodeEvents events) {
    this.genesis = Objects.requireNonNull(genesis, "genesis");
    this.store = Objects.requireNonNull(store, "store");
    this.readings = new ChainReadings(chain, sleeper);
    this.events = Objects.requireNonNull(events, "events");
  }

  /** Runs the scheduled checks only while {@code condition} holds (the node follows the chain live). */
  public CustodyCheck onlyWhen(BooleanSupplier condition) {
    this.condition = Objects.requireNonNull(condition, "condition");
    return this;
  }

  /** A commit listener that runs a check in the background after each tally block (one at a time). */
  public SidechainNode.CommitListener afterTallies() {
    return every(genesis.tallyInterval());
  }

  /** A commit listener that runs a check in the background after every block divisible by {@code blocks}. */
  public SidechainNode.CommitListener every(long blocks) {
    if (blocks < 1) {
      throw new IllegalArgumentException("blocks must be positive, got " + blocks);
    }
    return (block, outcome) -> {
      if (dueAfter(block, blocks)) {
        worker.submit(this::check);
      }
    };
  }

  /** Whether a schedule of every {@code blocks} blocks asks for a check after {@code block} (only while the condition holds). */
  boolean dueAfter(long block, long blocks) {
    return block % blocks == 0 && condition.getAsBoolean();
  }

  /** The last completed check, if any. */
  public Optional<CustodyReport> lastReport() {
    return Optional.ofNullable(last.get());
  }

  /** Runs one check now, on the caller's thread; empty (with the reason logged) if it could not be made. */
  public Optional<CustodyReport> check() {
    long block = 0;
    try {
      Set<Delta> agreed = Set.of();
      for (int n = 1; n <= MAX_READINGS; n++) {
        Books books = store.read(r -> {
          OptionalLong last = store.lastBlock();
          return new Books(last, last.isEmpty() ? null : Custody.books(r, genesis));
        });
        if (books.block().isEmpty()) {
          throw new CheckNotMade("nothing committed yet");
        }
        block = books.block().getAsLong();
        ChainReadings.Reading reading = readings.read(block);
        Delta booked = new Delta(books.balance().hive(), books.balance().hbd());
        Delta chain = balance(reading.account());
        Delta after = effects(reading.history());
        Delta d = chain.minus(after).minus(booked);
        if (d.isZero()) {
          return done(reading, booked, chain, after, Delta.ZERO, 0, n);
        }
        ChainReadings.Pending pending = readings.awaitPending(reading.head(), txs -> candidates(d, txs).containsKey(Delta.ZERO));
        LinkedHashMap<Delta, Integer> candidates = candidates(d, pending.transactions());
        if (pending.explained()) {
          int j = candidates.get(Delta.ZERO);
          return done(reading, booked, chain, after, prefix(pending.transactions(), j), j, n);
        }
        if (!pending.complete()) {
          throw new CheckNotMade("the chain did not move " + ChainReadings.PENDING_BLOCKS + " blocks past " + reading.head()
              + " while a difference of " + d.hive() + " milli-HIVE and " + d.hbd() + " milli-HBD waited for its pending transactions");
        }
        Set<Delta> common = new LinkedHashSet<>(agreed);
        common.retainAll(candidates.keySet());
        if (common.size() == 1) {
          Delta difference = common.iterator().next();
          int j = candidates.get(difference);
          return done(reading, booked, chain, after, prefix(pending.transactions(), j), j, n);
        }
        agreed = common.isEmpty() ? candidates.keySet() : common;
      }
      throw new CheckNotMade(MAX_READINGS + " readings did not agree on one difference");
    } catch (CheckNotMade e) {
      return unchecked(block, e.getMessage());
    } catch (RpcException | HiveFormatException e) {
      return unchecked(block, "the API failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private Optional<CustodyReport> done(ChainReadings.Reading reading, Delta books, Delta chain, Delta after, Delta pending,
      int pendingTransactions, int readingsTaken) {
    CustodyReport report = new CustodyReport(reading.block(), reading.head(), books.hive(), books.hbd(), chain.hive(), chain.hbd(),
        after.hive(), after.hbd(), pending.hive(), pending.hbd(), pendingTransactions, readingsTaken);
    last.set(report);
    if (report.matches()) {
      events.custodyMatches(report);
    }
    if (report.shortfall()) {
      events.custodyShortfall(report);
    }
    if (report.surplus()) {
      events.custodySurplus(report);
    }
    return Optional.of(report);
  }

  /**
   * Each difference the reading's {@code d} leaves when the first j of {@code transactions} were pending
   * (j = 0, 1, …), with the least such j: D − (what the first j did to the account).
   */
  private LinkedHashMap<Delta, Integer> candidates(Delta d, List<List<AccountHistoryEntry>> transactions) {
    LinkedHashMap<Delta, Integer> out = new LinkedHashMap<>();
    Delta sum = Delta.ZERO;
    out.put(d, 0);
    for (int j = 0; j < transactions.size(); j++) {
      sum = sum.plus(effects(transactions.get(j)));
      out.putIfAbsent(d.minus(sum), j + 1);
    }
    return out;
  }

  private Delta prefix(List<List<AccountHistoryEntry>> transactions, int j) {
    Delta sum = Delta.ZERO;
    for (List<AccountHistoryEntry> t : transactions.subList(0, j)) {
      sum = sum.plus(effects(t));
    }
    return sum;
  }

  private Delta effects(List<AccountHistoryEntry> entries) {
    Delta sum = Delta.ZERO;
    for (AccountHistoryEntry e : entries) {
      sum = sum.plus(BalanceEffects.of(e.op(), genesis.multisigAccount()));
    }
    return sum;
  }

  private static Delta balance(AccountInfo account) {
    return new Delta(account.balance().amount(), account.hbdBalance().amount());
  }

  private Optional<CustodyReport> unchecked(long block, String reason) {
    events.custodyUnchecked(block, reason);
    return Optional.empty();
  }

  private record Books(OptionalLong block, Custody.Balance balance) {}

  @Override
  public void close() {
    worker.close();
  }
}
