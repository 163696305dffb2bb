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

import io.hivesafe.state.StateEntry;
import io.hivesafe.state.StateKey;
import io.hivesafe.state.WriteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes of a {@link SidechainState} to its write buffer, column by column of {@link SidechainSchema},
 * with the rules that go with them: an empty account is deleted rather than stored, block references sit
 * in 16-bit TaPoS slots, reports and feed are pruned by block. The write half of SidechainState, apart
 * from its reads; sealed, not an extension point.
 */
public sealed interface SidechainWrites permits SidechainState {
  /** The buffer the writes go to: the block's transaction or an operation's child buffer. */
  WriteBuffer buffer();

  default void putParams(NetworkParams p) {
    PARAMS.put(buffer(), p);
  }

  default void putTotals(Totals t) {
    TOTALS.put(buffer(), t);
  }

  default void putAuthority(MultisigAuthority a) {
    AUTHORITY.put(buffer(), a);
  }

  default void putRoster(Roster r) {
    ROSTER.put(buffer(), r);
  }

  default void putTally(TallyRecord t) {
    TALLY.put(buffer(), t);
  }

  /** Stores an account's books; an empty account is deleted, so the state holds no zero rows. */
  default void putBalances(String account, Balances b) {
    if (b.holdsNothing()) {
      ACCOUNTS.delete(buffer(), account);
    } else {
      ACCOUNTS.put(buffer(), b, account);
    }
  }

  default void putNode(NodeRecord n) {
    NODES.put(buffer(), n, n.account());
  }

  default void deleteNode(String account) {
    NODES.delete(buffer(), account);
  }

  default void putReport(Report report) {
    REPORTS.put(buffer(), report, report.block(), report.account());
  }

  /** Deletes the reports of every block {@code < beforeBlock}; nothing when {@code beforeBlock <= 0}. */
  default void pruneReports(long beforeBlock) {
    if (beforeBlock <= 0) {
      return;
    }
    deleteRange(REPORTS.prefix(), REPORTS.under(beforeBlock));
  }

  /** Deletes the feed of every block {@code < beforeBlock}; nothing when {@code beforeBlock <= 0} (a young chain). */
  default void pruneFeed(long beforeBlock) {
    if (beforeBlock <= 0) {
      return;
    }
    deleteRange(FEED.prefix(), FEED.under(beforeBlock));
  }

  default void putBlockRef(long block, String idHex) {
    BLOCKS.put(buffer(), new BlockRef(block, idHex), block & 0xffff);
  }

  default void putMultisig(MultisigTx tx) {
    MULTISIG_CURRENT.put(buffer(), tx);
  }

  default void clearMultisig() {
    MULTISIG_CURRENT.delete(buffer());
  }

  default void putMultisigBooks(MultisigBooks books) {
    MULTISIG_BOOKS.put(buffer(), books);
  }

  default void putPaidRound(PaidRound p) {
    MULTISIG_PAID.put(buffer(), p, p.time(), p.seq());
  }

  default void deletePaidRound(PaidRound p) {
    MULTISIG_PAID.delete(buffer(), p.time(), p.seq());
  }

  default void putRotationHold(RotationHold hold) {
    MULTISIG_HOLD.put(buffer(), hold);
  }

  default void clearRotationHold() {
    MULTISIG_HOLD.delete(buffer());
  }

  default void putAlarm(Alarm alarm) {
    ALARMS.put(buffer(), alarm, alarm.block(), alarm.index());
  }

  default void putRemoved(RemovedNode n) {
    REMOVED.put(buffer(), n, n.account());
  }

  default void deleteRemoved(String account) {
    REMOVED.delete(buffer(), account);
  }

  default void deletePayout(long seq) {
    PAYOUTS.delete(buffer(), seq);
  }

  default void putPayout(Payout p) {
    PAYOUTS.put(buffer(), p, p.seq());
  }

  default void deleteProposal(long id) {
    PROPOSALS.delete(buffer(), id);
  }

  default void putProposal(Proposal p) {
    PROPOSALS.put(buffer(), p, p.id());
  }

  default void putFeed(long block, int index, FeedEntry entry) {
    FEED.put(buffer(), entry, block, index);
  }

  private void deleteRange(StateKey parent, StateKey before) {
    List<StateKey> doomed = new ArrayList<>();
    for (StateEntry e : buffer().range(parent.child("0"), before, Integer.MAX_VALUE)) {
      doomed.add(e.key());
    }
    for (StateKey k : doomed) {
      buffer().delete(k);
    }
  }
}
