package io.hivesafe.ops;

import io.hivesafe.state.FixedWidth;
import io.hivesafe.state.StateEntry;
import io.hivesafe.state.StateKey;
import io.hivesafe.state.StateCodec;
import io.hivesafe.state.StateReader;
import io.hivesafe.state.WriteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sidechain's state schema: every key the core reads or writes, typed. A view over one write
 * buffer (the block's transaction or an operation's child buffer); it holds nothing itself.
 *
 * <pre>
 * params                          NetworkParams   (changeable by governance)
 * totals                          Totals
 * authority                       MultisigAuthority
 * roster                          Roster          (runners, standby)
 * tally                           TallyRecord     (the last tally)
 * acct/&lt;account&gt;                  Balances
 * nodes/&lt;account&gt;                 NodeRecord
 * reports/&lt;block:10&gt;/&lt;account&gt;    Report
 * blocks/&lt;ref_block_num:5&gt;        BlockRef        (TaPoS window)
 * payouts/&lt;seq:19&gt;               Payout          (the payout queue, request order)
 * proposals/&lt;id:19&gt;              Proposal
 * feed/&lt;block:10&gt;/&lt;index:5&gt;      FeedEntry
 * multisig/current                MultisigTx      (the one in flight, if any)
 * multisig/books                  MultisigBooks
 * multisig/paid/&lt;time:10&gt;/&lt;seq:19&gt; PaidRound   (confirmed payouts of the last 24 hours)
 * multisig/hold                   RotationHold    (why a due rotation was not built)
 * alarms/&lt;block:10&gt;/&lt;index:5&gt;    Alarm           (never pruned)
 * removed/&lt;account&gt;              RemovedNode     (nodes removed by governance)
 * chrono/...                      chrono's own keys
 * </pre>
 */
public final class SidechainState {
  static final StateKey PARAMS = StateKey.of("params");
  static final StateKey TOTALS = StateKey.of("totals");
  static final StateKey AUTHORITY = StateKey.of("authority");
  static final StateKey ROSTER = StateKey.of("roster");
  static final StateKey TALLY = StateKey.of("tally");
  static final StateKey ACCOUNTS = StateKey.of("acct");
  static final StateKey NODES = StateKey.of("nodes");
  static final StateKey REPORTS = StateKey.of("reports");
  static final StateKey BLOCKS = StateKey.of("blocks");
  static final StateKey PAYOUTS = StateKey.of("payouts");
  static final StateKey PROPOSALS = StateKey.of("proposals");
  static final StateKey FEED = StateKey.of("feed");
  static final StateKey MULTISIG_CURRENT = StateKey.path("multisig", "current");
  static final StateKey MULTISIG_BOOKS = StateKey.path("multisig", "books");
  static final StateKey MULTISIG_PAID = StateKey.path("multisig", "paid");
  static final StateKey MULTISIG_HOLD = StateKey.path("multisig", "hold");
  static final StateKey ALARMS = StateKey.of("alarms");
  static final StateKey REMOVED = StateKey.of("removed");
  private static final int ALL = Integer.MAX_VALUE;

  private final WriteBuffer buffer;

  public SidechainState(WriteBuffer buffer) {
    this.buffer = buffer;
  }

  public WriteBuffer buffer() {
    return buffer;
  }

  /** Whether the genesis has been written. */
  public boolean initialized() {
    return buffer.contains(TOTALS);
  }

  // ---- reads that also work on committed state (static, over any reader) ----

  public static NetworkParams params(StateReader r) {
    return required(r, PARAMS, NetworkParams.class);
  }

  public static Totals totals(StateReader r) {
    return required(r, TOTALS, Totals.class);
  }

  public static Balances balances(StateReader r, String account) {
    return r.get(ACCOUNTS.child(account), Balances.class).orElse(Balances.EMPTY);
  }

  public static Optional<NodeRecord> node(StateReader r, String account) {
    return r.get(NODES.child(account), NodeRecord.class);
  }

  public static Roster roster(StateReader r) {
    return required(r, ROSTER, Roster.class);
  }

  public static Optional<TallyRecord> lastTally(StateReader r) {
    return r.get(TALLY, TallyRecord.class);
  }

  public static MultisigAuthority authority(StateReader r) {
    return required(r, AUTHORITY, MultisigAuthority.class);
  }

  /** Every registered node, in account order. */
  public static List<NodeRecord> nodes(StateReader r) {
    return values(r, NODES, NodeRecord.class);
  }

  /** Every account with a non-empty balance, in account order. */
  public static List<String> accountNames(StateReader r) {
    List<String> names = new ArrayList<>();
    for (StateEntry e : r.descendants(ACCOUNTS, ALL)) {
      names.add(lastSegment(e.key()));
    }
    return names;
  }

  public static List<Payout> payouts(StateReader r) {
    return values(r, PAYOUTS, Payout.class);
  }

  public static List<Proposal> proposals(StateReader r) {
    return values(r, PROPOSALS, Proposal.class);
  }

  public static Optional<Proposal> proposal(StateReader r, long id) {
    return r.get(PROPOSALS.child(FixedWidth.int64(id)), Proposal.class);
  }

  /** The reports made for {@code block}, in account order. */
  public static List<Report> reports(StateReader r, long block) {
    return values(r, REPORTS.child(FixedWidth.uint32(block)), Report.class);
  }

  public static Optional<BlockRef> blockRef(StateReader r, long refBlockNum) {
    return r.get(BLOCKS.child(refNum(refBlockNum)), BlockRef.class);
  }

  /** Feed entries of blocks {@code >= fromBlock}, oldest first, at most {@code limit}. */
  public static List<FeedEntry> feed(StateReader r, long fromBlock, int limit) {
    List<FeedEntry> out = new ArrayList<>();
    for (StateEntry e : r.range(FEED.child(FixedWidth.uint32(fromBlock)), StateKey.of("feed0"), limit)) {
      out.add(StateCodec.decode(e.value(), FeedEntry.class));
    }
    return out;
  }

  public static Optional<MultisigTx> multisigInFlight(StateReader r) {
    return r.get(MULTISIG_CURRENT, MultisigTx.class);
  }

  public static MultisigBooks multisigBooks(StateReader r) {
    return r.get(MULTISIG_BOOKS, MultisigBooks.class).orElse(MultisigBooks.START);
  }

  /** Confirmed rounds' payouts still inside (or just out of) the 24-hour window, oldest first. */
  public static List<PaidRound> paidRounds(StateReader r) {
    return values(r, MULTISIG_PAID, PaidRound.class);
  }

  /** Why the last due rotation was not built, if it was not. */
  public static Optional<RotationHold> rotationHold(StateReader r) {
    return r.get(MULTISIG_HOLD, RotationHold.class);
  }

  /** Alarms of blocks {@code >= fromBlock}, oldest first, at most {@code limit}. */
  public static List<Alarm> alarms(StateReader r, long fromBlock, int limit) {
    List<Alarm> out = new ArrayList<>();
    for (StateEntry e : r.range(ALARMS.child(FixedWidth.uint32(fromBlock)), StateKey.of("alarms0"), limit)) {
      out.add(StateCodec.decode(e.value(), Alarm.class));
    }
    return out;
  }

  /** How many alarms the state holds (they are never pruned); counts keys, decodes none. */
  public static long alarmCount(StateReader r) {
    long n = 0;
    for (java.util.Iterator<StateEntry> it = r.iterate(io.hivesafe.state.KeyRange.descendantsOf(ALARMS)); it.hasNext(); it.next()) {
      n++;
    }
    return n;
  }

  /** A node removed by governance, if {@code account} was. */
  public static Optional<RemovedNode> removed(StateReader r, String account) {
    return r.get(REMOVED.child(account), RemovedNode.class);
  }

  /** Every removed node, in account order. */
  public static List<RemovedNode> removedNodes(StateReader r) {
    return values(r, REMOVED, RemovedNode.class);
  }

  public static Optional<Payout> payout(StateReader r, long seq) {
    return r.get(PAYOUTS.child(FixedWidth.int64(seq)), Payout.class);
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

  // ---- writes ----

  public void putParams(NetworkParams p) {
    buffer.put(PARAMS, p);
  }

  public void putTotals(Totals t) {
    buffer.put(TOTALS, t);
  }

  public void putAuthority(MultisigAuthority a) {
    buffer.put(AUTHORITY, a);
  }

  public void putRoster(Roster r) {
    buffer.put(ROSTER, r);
  }

  public void putTally(TallyRecord t) {
    buffer.put(TALLY, t);
  }

  /** Stores an account's books; an empty account is deleted, so the state holds no zero rows. */
  public void putBalances(String account, Balances b) {
    StateKey key = ACCOUNTS.child(account);
    if (b.holdsNothing()) {
      buffer.delete(key);
    } else {
      buffer.put(key, b);
    }
  }

  public void putNode(NodeRecord n) {
    buffer.put(NODES.child(n.account()), n);
  }

  public void deleteNode(String account) {
    buffer.delete(NODES.child(account));
  }

  public void putReport(Report report) {
    buffer.put(REPORTS.child(FixedWidth.uint32(report.block())).child(report.account()), report);
  }

  public Optional<Report> report(long block, String account) {
    return buffer.get(REPORTS.child(FixedWidth.uint32(block)).child(account), Report.class);
  }

  /** Deletes the reports of every block {@code < beforeBlock}; nothing when {@code beforeBlock <= 0}. */
  public void pruneReports(long beforeBlock) {
    if (beforeBlock <= 0) {
      return;
    }
    deleteRange(REPORTS, REPORTS.child(FixedWidth.uint32(beforeBlock)));
  }

  /** Deletes the feed of every block {@code < beforeBlock}; nothing when {@code beforeBlock <= 0} (a young chain). */
  public void pruneFeed(long beforeBlock) {
    if (beforeBlock <= 0) {
      return;
    }
    deleteRange(FEED, FEED.child(FixedWidth.uint32(beforeBlock)));
  }

  public void putBlockRef(long block, String idHex) {
    buffer.put(BLOCKS.child(refNum(block & 0xffff)), new BlockRef(block, idHex));
  }

  public void putMultisig(MultisigTx tx) {
    buffer.put(MULTISIG_CURRENT, tx);
  }

  public void clearMultisig() {
    buffer.delete(MULTISIG_CURRENT);
  }

  public void putMultisigBooks(MultisigBooks books) {
    buffer.put(MULTISIG_BOOKS, books);
  }

  public void putPaidRound(PaidRound p) {
    buffer.put(paidKey(p), p);
  }

  public void deletePaidRound(PaidRound p) {
    buffer.delete(paidKey(p));
  }

  private static StateKey paidKey(PaidRound p) {
    return MULTISIG_PAID.child(FixedWidth.uint32(p.time())).child(FixedWidth.int64(p.seq()));
  }

  public void putRotationHold(RotationHold hold) {
    buffer.put(MULTISIG_HOLD, hold);
  }

  public void clearRotationHold() {
    buffer.delete(MULTISIG_HOLD);
  }

  public void putAlarm(Alarm alarm) {
    buffer.put(ALARMS.child(FixedWidth.uint32(alarm.block())).child(pad5(alarm.index())), alarm);
  }

  public void putRemoved(RemovedNode n) {
    buffer.put(REMOVED.child(n.account()), n);
  }

  public void deleteRemoved(String account) {
    buffer.delete(REMOVED.child(account));
  }

  public void deletePayout(long seq) {
    buffer.delete(PAYOUTS.child(FixedWidth.int64(seq)));
  }

  public void putPayout(Payout p) {
    buffer.put(PAYOUTS.child(FixedWidth.int64(p.seq())), p);
  }

  public void deleteProposal(long id) {
    buffer.delete(PROPOSALS.child(FixedWidth.int64(id)));
  }

  public void putProposal(Proposal p) {
    buffer.put(PROPOSALS.child(FixedWidth.int64(p.id())), p);
  }

  public void putFeed(long block, int index, FeedEntry entry) {
    buffer.put(FEED.child(FixedWidth.uint32(block)).child(pad5(index)), entry);
  }

  private void deleteRange(StateKey parent, StateKey before) {
    List<StateKey> doomed = new ArrayList<>();
    for (StateEntry e : buffer.range(parent.child("0"), before, ALL)) {
      doomed.add(e.key());
    }
    for (StateKey k : doomed) {
      buffer.delete(k);
    }
  }

  private static String refNum(long refBlockNum) {
    return pad5(refBlockNum);
  }

  /** Five zero-padded ASCII digits (String.format would follow the locale's digits). */
  private static String pad5(long value) {
    if (value < 0 || value > 99_999) {
      throw new IllegalArgumentException("five-digit key segment out of range: " + value);
    }
    String digits = Long.toString(value);
    return "00000".substring(digits.length()) + digits;
  }

  private static <T> T required(StateReader r, StateKey key, Class<T> type) {
    return r.get(key, type).orElseThrow(() -> new IllegalStateException("state has no " + key + ": not initialized from a genesis"));
  }

  private static <T> List<T> values(StateReader r, StateKey parent, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (StateEntry e : r.descendants(parent, ALL)) {
      out.add(StateCodec.decode(e.value(), type));
    }
    return out;
  }

  private static String lastSegment(StateKey key) {
    String s = key.toString();
    return s.substring(s.lastIndexOf('/') + 1);
  }
}
