package io.hivesafe.ops;

import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.OperationEffects;
import io.hivesafe.hive.protocol.TransferOperation;
import java.util.Optional;

/**
 * What the chain does to the multisig account outside the sidechain's own operations (docs/multisig.md,
 * "Alarms"): transfers out (a payout inside the round's own transaction, an alarm and an unexplained
 * outflow anywhere else), markers in foreign transactions, authority changes (recorded from anyone, an
 * alarm unless ours), and any other use of its owner or active authority or of its recovery.
 */
final class AccountWatch {
  private final NetworkGenesis genesis;
  private final String multisig;

  AccountWatch(NetworkGenesis genesis) {
    this.genesis = genesis;
    this.multisig = genesis.multisigAccount().value();
  }

  /**
   * A transfer out of the multisig account is a payout only inside the round's own transaction (its
   * id is the round's stored id). Anything else is an alarm, and what left is an unexplained outflow.
   */
  void outgoing(SidechainState s, TransferOperation t, Optional<MultisigTx> round, String txId, int index,
      FeedWriter feed) {
    PeggedAsset asset = PeggedAsset.of(t.amount().symbol());
    if (round.isPresent()) {
      feed.add(txId, index, multisig, "payout", true, ReasonCode.PAID, t.amount().amount(), asset.name(), t.to().value(),
          round.get().seq());
      return;
    }
    if (t.to().value().equals(multisig)) {
      feed.alarm(txId, index, AlarmKind.AUTHORITY_USE, multisig, t.name(), 0, 0, 0, ReasonCode.ALARM_TRANSFER_TO_SELF,
          t.amount().amount(), asset.name());
      return;
    }
    long hive = asset == PeggedAsset.HIVE ? t.amount().amount() : 0;
    long hbd = asset == PeggedAsset.HBD ? t.amount().amount() : 0;
    s.putMultisigBooks(SidechainState.multisigBooks(s.buffer()).unexplained(hive, hbd));
    feed.alarm(txId, index, AlarmKind.OUTFLOW, multisig, t.name(), hive, hbd, 0, ReasonCode.ALARM_TRANSFER_OUT,
        t.amount().amount(), asset.name(), t.to().value());
  }

  /** A marker from the multisig account in a transaction that is not the round's own: it confirms nothing. */
  void strayMarker(SidechainState s, CustomJsonOperation cj, String txId, int index, FeedWriter feed) {
    long named = MultisigOperations.markerSeq(cj.json());
    Optional<MultisigTx> flight = SidechainState.multisigInFlight(s.buffer());
    Reason why = flight.isPresent() && flight.get().seq() == named
        ? Reason.of(ReasonCode.ALARM_STRAY_MARKER, named, flight.get().id())
        : Reason.of(ReasonCode.ALARM_MARKER_NO_ROUND, named);
    feed.alarm(txId, index, AlarmKind.STRAY_CONFIRMATION, multisig, cj.name(), 0, 0, named, why.code(), why.args().toArray());
  }

  /** Any other operation that needed the multisig account's owner or active authority, or targets its recovery. */
  void alarmForEffects(SidechainState s, Operation op, OperationEffects effects, String txId, int index,
      FeedWriter feed) {
    long[] out = new long[2];
    for (OperationEffects.Debit d : effects.debits()) {
      PeggedAsset asset = PeggedAsset.of(d.amount().symbol());
      if (d.account().value().equals(multisig) && asset != null) {
        out[asset.ordinal()] = Math.addExact(out[asset.ordinal()], d.amount().amount());
      }
    }
    long hive = out[PeggedAsset.HIVE.ordinal()];
    long hbd = out[PeggedAsset.HBD.ordinal()];
    if (effects.recoveryTarget().filter(genesis.multisigAccount()::equals).isPresent()) {
      feed.alarm(txId, index, AlarmKind.RECOVERY, multisig, op.name(), 0, 0, 0, ReasonCode.ALARM_RECOVERY, op.name());
    } else if (hive > 0 || hbd > 0) {
      s.putMultisigBooks(SidechainState.multisigBooks(s.buffer()).unexplained(hive, hbd));
      feed.alarm(txId, index, AlarmKind.OUTFLOW, multisig, op.name(), hive, hbd, 0, ReasonCode.ALARM_OUTFLOW, op.name(), hive,
          hbd);
    } else {
      feed.alarm(txId, index, AlarmKind.AUTHORITY_USE, multisig, op.name(), 0, 0, 0, ReasonCode.ALARM_AUTHORITY_USE, op.name());
    }
  }

  /**
   * An account_update / account_update2 of the multisig account, from anyone: the recorded authority
   * follows the chain (it is the truth). Outside our rotation's own transaction it is an alarm, and the
   * round in flight is re-checked against the authority now in force. Keys that left start their
   * holders' unbond period.
   */
  boolean authorityUpdate(SidechainState s, Operation op, OperationEffects effects, Optional<Authority> owner,
      Optional<Authority> active, boolean ours, long number, FeedWriter feed, String txId, int index) {
    if (owner.isEmpty() && active.isEmpty()) {
      if (!ours && effects.needsOwnerOrActive(genesis.multisigAccount())) {
        alarmForEffects(s, op, effects, txId, index, feed);
      }
      return false;
    }
    MultisigAuthority before = SidechainState.authority(s.buffer());
    MultisigAuthority after = before.withOwnerAndActive(owner.map(SignerAuthority::of).orElse(before.owner()),
        active.map(SignerAuthority::of).orElse(before.active()), number);
    s.putAuthority(after);
    java.util.TreeSet<String> left = before.signerKeys();
    left.removeAll(after.signerKeys());
    SignerBonds.keysLeft(s, left, number, genesis.custody().signerUnbondBlocks());
    Object[] summary = {after.owner().threshold(), after.owner().totalWeight(), after.active().threshold(),
        after.active().totalWeight()};
    if (ours) {
      feed.add(txId, index, multisig, "authority", true, ReasonCode.OUR_ROTATION, summary);
      return true;
    }
    feed.alarm(txId, index, AlarmKind.AUTHORITY_CHANGE, multisig, op.name(), 0, 0, 0, ReasonCode.ALARM_AUTHORITY_CHANGE, summary);
    if (!after.usable()) {
      feed.alarm(txId, index, AlarmKind.AUTHORITY_UNUSABLE, multisig, op.name(), 0, 0, 0, ReasonCode.ALARM_AUTHORITY_UNUSABLE,
          summary);
    }
    MultisigOperations.reauthorize(s, after, number, feed);
    return true;
  }
}
