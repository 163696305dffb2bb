package io.hivesafe.engine.node;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RcAccount;
import io.hivesafe.hive.rpc.RpcException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * The shell's reading of resource credits: the node's own account (when it has one) and the multisig
 * account, read with rc_api.find_rc_accounts every {@link #DEFAULT_EVERY} blocks in the background (never
 * on the apply loop), the mana regenerated to the head block's time (database_api's {@code time}, the
 * clock hived regenerates by). Each reading is kept for the API and the metrics; a crossing into or out of
 * {@link RcLowRule low} is one line (not one per reading); and transactions the outbox holds for want of
 * RC are sent again once a reading shows the mana hived asked for ({@link Outbox#retryHeld}).
 */
public final class RcCheck implements AutoCloseable {
  /** Blocks between two readings: a minute of Hive blocks. */
  public static final long DEFAULT_EVERY = 20;

  /** Where readings come from: the head block's time and the accounts' RC, as hived answers them. */
  @FunctionalInterface
  interface RcChain {
    Snapshot read(List<AccountName> names) throws RpcException;
  }

  /** One answer of {@link RcChain}. */
  record Snapshot(Instant headTime, List<RcAccount> accounts) {}

  private final Map<RcRole, AccountName> accounts = new EnumMap<>(RcRole.class);
  private final RcChain chain;
  private final Optional<Outbox> outbox;
  private final NodeEvents events;
  private final Map<RcRole, RcReading> last = new EnumMap<>(RcRole.class);
  private final CheckWorker worker = new CheckWorker("hivesafe-rc-check");
  private volatile BooleanSupplier condition = () -> true;

  /** Reads {@code own} (if any) and {@code multisig} through {@code api}; retries what {@code outbox} holds. */
  public RcCheck(Optional<AccountName> own, AccountName multisig, HiveRpcClient api, Optional<Outbox> outbox, NodeEvents events) {
    this(own, multisig, names -> new Snapshot(api.getDynamicGlobalProperties().time(), api.findRcAccounts(names)), outbox, events);
  }

  RcCheck(Optional<AccountName> own, AccountName multisig, RcChain chain, Optional<Outbox> outbox, NodeEvents events) {
    own.ifPresent(a -> accounts.put(RcRole.NODE, a));
    accounts.put(RcRole.MULTISIG, Objects.requireNonNull(multisig, "multisig"));
    this.chain = Objects.requireNonNull(chain, "chain");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.events = Objects.requireNonNull(events, "events");
  }

  /** Runs the scheduled readings only while {@code condition} holds (the node follows the chain live). */
  public RcCheck onlyWhen(BooleanSupplier condition) {
    this.condition = Objects.requireNonNull(condition, "condition");
    return this;
  }

  /** A commit listener that reads in the background after every block divisible by {@code blocks} (one reading at a time). */
  public SidechainNode.CommitListener every(long blocks) {
    if (blocks < 1) {
      throw new IllegalArgumentException("blocks must be positive, got " + blocks);
    }
    return (block, outcome) -> {
      if (block % blocks == 0 && condition.getAsBoolean()) {
        worker.submit(this::check);
      }
    };
  }

  /** The accounts read, by role: the multisig account always, the node's own when it has one. */
  public Map<RcRole, AccountName> accounts() {
    return Map.copyOf(accounts);
  }

  /** Reads now, on the caller's thread: the readings made (none when the API failed, with the reason logged). */
  public synchronized List<RcReading> check() {
    Snapshot snapshot;
    List<AccountName> names = new ArrayList<>(accounts.values());
    try {
      snapshot = chain.read(names);
    } catch (RpcException | HiveFormatException e) {
      events.rcUnchecked(String.join(", ", names.stream().map(AccountName::value).toList()), "the API failed: " + e.getMessage());
      return List.of();
    }
    List<RcReading> made = new ArrayList<>();
    for (Map.Entry<RcRole, AccountName> entry : accounts.entrySet()) {
      RcRole role = entry.getKey();
      Optional<RcAccount> found = snapshot.accounts().stream().filter(a -> a.account().equals(entry.getValue())).findFirst();
      if (found.isEmpty()) {
        events.rcUnchecked(entry.getValue().value(), "rc_api.find_rc_accounts does not know the account");
        continue;
      }
      RcReading reading = reading(role, found.get(), snapshot.headTime());
      made.add(reading);
      RcReading previous = last.put(role, reading);
      if (previous == null) {
        events.rcRead(reading);
      }
      if (reading.low() && (previous == null || !previous.low())) {
        events.rcLow(reading, RcLowRule.TRANSACTIONS, RcLowRule.PERCENT);
      } else if (!reading.low() && previous != null && previous.low()) {
        events.rcNoLongerLow(reading);
      }
      outbox.ifPresent(o -> retry(o, reading));
    }
    return made;
  }

  private RcReading reading(RcRole role, RcAccount rc, Instant headTime) {
    long named = outbox.map(o -> o.rcLastNeeded(role)).orElse(0L);
    long mana = rc.manaAt(headTime);
    return new RcReading(role, rc.account(), rc.maxRc(), mana, rc.percentAt(headTime), RcLowRule.isLow(role, mana, rc.maxRc(), named),
        RcLowRule.threshold(role, named), headTime);
  }

  /**
   * Drops what the outbox holds that expired by the reading's head time, whatever the mana; sends what
   * it holds for the reading's role again when the mana covers what hived asked for the oldest of it.
   */
  private static void retry(Outbox outbox, RcReading reading) {
    outbox.pruneHeld(reading.headTime());
    if (outbox.rcHeld(reading.role()) == 0) {
      return;
    }
    OptionalLong needed = outbox.rcNextNeeded(reading.role());
    if (needed.isEmpty() || reading.mana() >= needed.getAsLong()) {
      outbox.retryHeld(reading.role(), reading.headTime());
    }
  }

  /** The last reading of {@code role}, if one was made. */
  public synchronized Optional<RcReading> last(RcRole role) {
    return Optional.ofNullable(last.get(role));
  }

  /** Every account read, with its last reading and the outbox's refusals and held transactions of its role. */
  public synchronized List<RcStatus> status() {
    List<RcStatus> out = new ArrayList<>();
    accounts.forEach((role, account) -> out.add(new RcStatus(role, account, Optional.ofNullable(last.get(role)),
        outbox.map(o -> o.rcRefusals(role)).orElse(0L), outbox.map(o -> o.rcHeld(role)).orElse(0))));
    return out;
  }

  @Override
  public void close() {
    worker.close();
  }
}
