package io.hivesafe.ops;

import io.hivesafe.chrono.Chrono;
import io.hivesafe.state.StateColumn;
import io.hivesafe.state.StateColumn.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * The sidechain's state schema: every kind of entry the core reads or writes, each a typed
 * {@link StateColumn} (key segments and value codec), declared here and nowhere else (docs/state.md,
 * "State schema", is this table; StateSchemaTest checks they agree). {@link SidechainState} reads and
 * writes through these columns.
 */
public final class SidechainSchema {
  private SidechainSchema() {}

  public static final StateColumn<NetworkParams> PARAMS = StateColumn.single("params", "NetworkParams", NetworkParams.CODEC);
  public static final StateColumn<Totals> TOTALS = StateColumn.single("totals", "Totals", Totals.CODEC);
  public static final StateColumn<MultisigAuthority> AUTHORITY =
      StateColumn.single("authority", "MultisigAuthority", MultisigAuthority.CODEC);
  public static final StateColumn<Roster> ROSTER = StateColumn.single("roster", "Roster", Roster.CODEC);
  public static final StateColumn<TallyRecord> TALLY = StateColumn.single("tally", "TallyRecord", TallyRecord.CODEC);
  public static final StateColumn<Balances> ACCOUNTS = StateColumn.keyed("acct", "Balances", Balances.CODEC, Segment.NAME);
  public static final StateColumn<NodeRecord> NODES = StateColumn.keyed("nodes", "NodeRecord", NodeRecord.CODEC, Segment.NAME);
  public static final StateColumn<Report> REPORTS =
      StateColumn.keyed("reports", "Report", Report.CODEC, Segment.UINT32, Segment.NAME);
  public static final StateColumn<BlockRef> BLOCKS = StateColumn.keyed("blocks", "BlockRef", BlockRef.CODEC, Segment.DIGITS5);
  public static final StateColumn<Payout> PAYOUTS = StateColumn.keyed("payouts", "Payout", Payout.CODEC, Segment.INT64);
  public static final StateColumn<Proposal> PROPOSALS = StateColumn.keyed("proposals", "Proposal", Proposal.CODEC, Segment.INT64);
  public static final StateColumn<FeedEntry> FEED =
      StateColumn.keyed("feed", "FeedEntry", FeedEntry.CODEC, Segment.UINT32, Segment.DIGITS5);
  public static final StateColumn<MultisigTx> MULTISIG_CURRENT =
      StateColumn.single("multisig/current", "MultisigTx", MultisigTx.CODEC);
  public static final StateColumn<MultisigBooks> MULTISIG_BOOKS =
      StateColumn.single("multisig/books", "MultisigBooks", MultisigBooks.CODEC);
  public static final StateColumn<PaidRound> MULTISIG_PAID =
      StateColumn.keyed("multisig/paid", "PaidRound", PaidRound.CODEC, Segment.UINT32, Segment.INT64);
  public static final StateColumn<RotationHold> MULTISIG_HOLD =
      StateColumn.single("multisig/hold", "RotationHold", RotationHold.CODEC);
  public static final StateColumn<Alarm> ALARMS =
      StateColumn.keyed("alarms", "Alarm", Alarm.CODEC, Segment.UINT32, Segment.DIGITS5);
  public static final StateColumn<RemovedNode> REMOVED =
      StateColumn.keyed("removed", "RemovedNode", RemovedNode.CODEC, Segment.NAME);
  /** Every column of the sidechain's state, chrono's included: a stored key belongs to exactly one. */
  public static final List<StateColumn<?>> COLUMNS = columns();

  private static List<StateColumn<?>> columns() {
    List<StateColumn<?>> all = new ArrayList<>(List.of(PARAMS, TOTALS, AUTHORITY, ROSTER, TALLY, ACCOUNTS, NODES, REPORTS,
        BLOCKS, PAYOUTS, PROPOSALS, FEED, MULTISIG_CURRENT, MULTISIG_BOOKS, MULTISIG_PAID, MULTISIG_HOLD, ALARMS, REMOVED));
    all.addAll(Chrono.COLUMNS);
    return List.copyOf(all);
  }
}
