package io.hivesafe.ops;

import static io.hivesafe.ops.SidechainSchema.ACCOUNTS;
import static io.hivesafe.ops.SidechainSchema.ALARMS;
import static io.hivesafe.ops.SidechainSchema.AUTHORITY;
import static io.hivesafe.ops.SidechainSchema.BLOCKS;
import static io.hivesafe.ops.SidechainSchema.FEED;
import static io.hivesafe.ops.SidechainSchema.MULTISIG_BOOKS;
import static io.hivesafe.ops.SidechainSchema.MULTISIG_CURRENT;
import static io.hivesafe.ops.SidechainSchema.MULTISIG_HOLD;
import static io.hivesafe.ops.SidechainSchema.MULTISIG_PAID;
import static io.hivesafe.ops.SidechainSchema.NODES;
import static io.hivesafe.ops.SidechainSchema.PARAMS;
import static io.hivesafe.ops.SidechainSchema.PAYOUTS;
import static io.hivesafe.ops.SidechainSchema.PROPOSALS;
import static io.hivesafe.ops.SidechainSchema.REMOVED;
import static io.hivesafe.ops.SidechainSchema.REPORTS;
import static io.hivesafe.ops.SidechainSchema.ROSTER;
import static io.hivesafe.ops.SidechainSchema.TALLY;
import static io.hivesafe.ops.SidechainSchema.TOTALS;

import io.hivesafe.state.StateColumn;
import io.hivesafe.state.StateEntry;
import io.hivesafe.state.StateKey;
import io.hivesafe.state.StateReader;
import io.hivesafe.state.WriteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sidechain's state, read and written through the columns of {@link SidechainSchema}: static reads
 * that work on committed state (any reader), and a view over one write buffer (the block's transaction
 * or an operation's child buffer) whose writes are those of {@link SidechainWrites}. It holds nothing
 * itself.
 */
public final class SidechainState implements SidechainWrites {
  private static final int ALL = Integer.MAX_VALUE;

  private final WriteBuffer buffer;

  public SidechainState(WriteBuffer buffer) {
    this.buffer = buffer;
  }

  @Override
  public WriteBuffer buffer() {
    return buffer;
  }

  /** Whether the genesis has been written. */
  public boolean initialized() {
    return buffer.contains(TOTALS.key());
  }

  // ---- reads that also work on committed state (static, over any reader) ----

  public static NetworkParams params(StateReader r) {
    return required(r, PARAMS);
  }

  public static Totals totals(StateReader r) {
    return required(r, TOTALS);
  }

  public static Balances balances(StateReader r, String account) {
    return ACCOUNTS.get(r, account).orElse(Balances.EMPTY);
  }

  public static Optional<NodeRecord> node(StateReader r, String account) {
    return NODES.get(r, account);
  }

  public static Roster roster(StateReader r) {
    return required(r, ROSTER);
  }

  public static Optional<TallyRecord> lastTally(StateReader r) {
    return TALLY.get(r);
  }

  public static MultisigAuthority authority(StateReader r) {
    return required(r, AUTHORITY);
  }

  /** Every registered node, in account order. */
  public static List<NodeRecord> nodes(StateReader r) {
    return NODES.values(r);
  }

  /** Every account with a non-empty balance, in account order. */
  public static List<String> accountNames(StateReader r) {
    List<String> names = new ArrayList<>();
    for (StateEntry e : r.descendants(ACCOUNTS.prefix(), ALL)) {
      names.add(lastSegment(e.key()));
    }
    return names;
  }

  public static List<Payout> payouts(StateReader r) {
    return PAYOUTS.values(r);
  }

  public static List<Proposal> proposals(StateReader r) {
    return PROPOSALS.values(r);
  }

  public static Optional<Proposal> proposal(StateReader r, long id) {
    return PROPOSALS.get(r, id);
  }

  /** The reports made for {@code block}, in account order. */
  public static List<Report> reports(StateReader r, long block) {
    return REPORTS.values(r, block);
  }

  public static Optional<BlockRef> blockRef(StateReader r, long refBlockNum) {
    return BLOCKS.get(r, refBlockNum);
  }

  /** Feed entries of blocks {@code >= fromBlock}, oldest first, at most {@code limit}. */
  public static List<FeedEntry> feed(StateReader r, long fromBlock, int limit) {
    List<FeedEntry> out = new ArrayList<>();
    for (StateEntry e : r.range(FEED.under(fromBlock), StateKey.of("feed0"), limit)) {
      out.add(FEED.value(e));
    }
    return out;
  }

  public static Optional<MultisigTx> multisigInFlight(StateReader r) {
    return MULTISIG_CURRENT.get(r);
  }

  public static MultisigBooks multisigBooks(StateReader r) {
    return MULTISIG_BOOKS.get(r).orElse(MultisigBooks.START);
  }

  /** Confirmed rounds' payouts still inside (or just out of) the 24-hour window, oldest first. */
  public static List<PaidRound> paidRounds(StateReader r) {
    return MULTISIG_PAID.values(r);
  }

  /** Why the last due rotation was not built, if it was not. */
  public static Optional<RotationHold> rotationHold(StateReader r) {
    return MULTISIG_HOLD.get(r);
  }

  /** Alarms of blocks {@code >= fromBlock}, oldest first, at most {@code limit}. */
  public static List<Alarm> alarms(StateReader r, long fromBlock, int limit) {
    List<Alarm> out = new ArrayList<>();
    for (StateEntry e : r.range(ALARMS.under(fromBlock), StateKey.of("alarms0"), limit)) {
      out.add(ALARMS.value(e));
    }
    return out;
  }

  /** How many alarms the state holds (they are never pruned); counts keys, decodes none. */
  public static long alarmCount(StateReader r) {
    long n = 0;
    for (java.util.Iterator<StateEntry> it = r.iterate(io.hivesafe.state.KeyRange.descendantsOf(ALARMS.prefix())); it.hasNext(); it.next()) {
      n++;
    }
    return n;
  }

  /** A node removed by governance, if {@code account} was. */
  public static Optional<RemovedNode> removed(StateReader r, String account) {
    return REMOVED.get(r, account);
  }

  /** Every removed node, in account order. */
  public static List<RemovedNode> removedNodes(StateReader r) {
    return REMOVED.values(r);
  }

  public static Optional<Payout> payout(StateReader r, long seq) {
    return PAYOUTS.get(r, seq);
  }

  // ---- instance reads (this buffer) ----

  public NetworkParams params() {
    return params(buffer);
  }

  public Totals totals() {
    return totals(buffer);
  }

  public Balances balances(String account) {
    return balances(buffer, account);
  }

  public Optional<NodeRecord> node(String account) {
    return node(buffer, account);
  }

  public Roster roster() {
    return roster(buffer);
  }

  /** The report {@code account} made for {@code block}, if it did. */
  public Optional<Report> report(long block, String account) {
    return REPORTS.get(buffer, block, account);
  }

  private static <T> T required(StateReader r, StateColumn<T> column) {
    return column.get(r).orElseThrow(() -> new IllegalStateException("state has no " + column.prefix()
        + ": not initialized from a genesis"));
  }

  private static String lastSegment(StateKey key) {
    String s = key.toString();
    return s.substring(s.lastIndexOf('/') + 1);
  }
}
