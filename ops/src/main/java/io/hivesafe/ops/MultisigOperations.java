package io.hivesafe.ops;

import io.hivesafe.chrono.Chrono;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.crypto.SignatureScheme;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The multisig lifecycle after building (DESIGN §3.5): {@code sig_submit}, the recast schedule, the
 * confirmation by the round's own transaction, expiry, and what an authority change does to the round
 * in flight. A payout stays reserved (in the queue, listed by the round) until its round is confirmed
 * — then it is paid and leaves the queue — or until a block later than the round's expiration has been
 * applied without the confirmation: only then can the transaction never land, and only then does the
 * next tally build its payouts again.
 */
final class MultisigOperations {
  static final String RECAST_TASK = "ms_recast";

  private MultisigOperations() {}

  /**
   * {"seq": round, "sig": 130 hex}: counts if the round is the one in flight and the signature
   * recovers, over its digest, to a key of an authority the round needs, not counted yet. When the
   * counted weights meet every requirement the round is ready and the first broadcast attempt is due;
   * recasts follow every {@code recast_interval} blocks.
   */
  static OpResult submit(SidechainState s, OpContext ctx, SigSubmitOp op, SignatureScheme crypto) throws OpRejected {
    long seq = op.seq();
    Optional<MultisigTx> current = SidechainState.multisigInFlight(s.buffer());
    if (current.isEmpty()) {
      throw new OpRejected(ReasonCode.NO_ROUND_IN_FLIGHT, seq);
    }
    if (current.get().seq() != seq) {
      throw new OpRejected(ReasonCode.ROUND_NOT_IN_FLIGHT, seq, current.get().seq());
    }
    MultisigTx tx = current.get();
    CompactSignature sig = op.sig();
    if (!sig.isAcceptableToHived()) {
      throw new OpRejected(ReasonCode.SIG_NOT_CANONICAL);
    }
    // Hostile bytes recover to nothing (SignatureScheme.recover); an exception here is a bug and stops the node.
    Optional<PublicKey> key = crypto.recover(sig, HexFormat.of().parseHex(tx.digest()));
    if (key.isEmpty()) {
      throw new OpRejected(ReasonCode.SIG_RECOVERS_TO_NONE);
    }
    String stm = key.get().toString();
    if (!tx.signers().contains(stm)) {
      throw new OpRejected(ReasonCode.SIG_NOT_SIGNER, stm, seq);
    }
    if (tx.signatures().containsKey(stm)) {
      throw new OpRejected(ReasonCode.SIG_ALREADY_COUNTED, stm, seq);
    }
    MultisigTx signed = tx.withSignature(stm, sig.toHex());
    ReasonCode counted = ReasonCode.SIG_COUNTED;
    if (!signed.ready() && signed.met()) {
      long task = scheduleRecast(s, ctx.block(), seq);
      signed = signed.readyAt(ctx.block(), task);
      counted = ReasonCode.SIG_COUNTED_READY;
    }
    s.putMultisig(signed);
    return OpResult.ok(counted, seq, stm);
  }

  private static long scheduleRecast(SidechainState s, long block, long seq) {
    return Chrono.at(s.buffer(), block).schedule(block + s.params().recastInterval(),
        new CoreTask.Recast(seq).toChrono());
  }

  /** The chrono task: the next broadcast attempt, by the next signer node in rotation. */
  static Reason recast(SidechainState s, long seq, long block) {
    MultisigTx tx = SidechainState.multisigInFlight(s.buffer())
        .filter(t -> t.seq() == seq && t.ready())
        .orElseThrow(() -> new IllegalStateException("recast of round " + seq + ", which is not in flight and ready"));
    MultisigTx next = tx.recast(scheduleRecast(s, block, seq));
    s.putMultisig(next);
    return Reason.of(ReasonCode.RECAST, seq, next.broadcastAttempt());
  }

  /** The round a marker's JSON names, or 0 when it names none a round could have. */
  static long markerSeq(String json) {
    try {
      return ((MsSignedOp) SidechainOps.read(MultisigBuilder.MS_SIGNED, json)).seq();
    } catch (OpRejected e) {
      return 0;
    }
  }

  /**
   * {prefix}ms_signed {"seq": N} from the multisig account, inside round N's own transaction (the
   * applier dispatches it here only then): round N landed.
   */
  static OpResult confirm(SidechainState s, OpContext ctx, MsSignedOp op, NetworkGenesis g) throws OpRejected {
    if (!ctx.sender().equals(g.multisigAccount().value())) {
      throw new OpRejected(ReasonCode.NOT_MULTISIG_ACCOUNT);
    }
    long seq = op.seq();
    MultisigTx tx = SidechainState.multisigInFlight(s.buffer()).filter(t -> t.seq() == seq)
        .orElseThrow(() -> new IllegalStateException("round " + seq + "'s own transaction landed but the round is not in flight"));
    long[] paid = new long[2];
    long[] capped = new long[2];
    for (long p : tx.payouts()) {
      Payout payout = SidechainState.payout(s.buffer(), p)
          .orElseThrow(() -> new IllegalStateException("round " + seq + " reserves payout " + p + ", which is not queued"));
      int asset = PeggedAsset.valueOf(payout.asset()).ordinal();
      paid[asset] += payout.amount();
      if (!payout.kind().equals(Payout.REFUND)) {
        capped[asset] += payout.amount();
      }
      s.deletePayout(p);
    }
    long hive = paid[PeggedAsset.HIVE.ordinal()];
    long hbd = paid[PeggedAsset.HBD.ordinal()];
    if (capped[0] + capped[1] > 0) {
      s.putPaidRound(new PaidRound(seq, ctx.time().getEpochSecond(), capped[PeggedAsset.HIVE.ordinal()],
          capped[PeggedAsset.HBD.ordinal()]));
    }
    if (tx.recastTask() > 0) {
      Chrono.at(s.buffer(), ctx.block()).cancel(tx.recastTask());
    }
    MultisigBooks books = SidechainState.multisigBooks(s.buffer());
    s.putMultisigBooks(books.afterConfirmation(hive, hbd,
        tx.kind().equals(MultisigTx.ROTATION) ? ctx.block() : books.lastRotationBlock()));
    s.clearMultisig();
    return OpResult.ok(ReasonCode.ROUND_CONFIRMED, seq, tx.kind(), tx.payouts().size());
  }

  /**
   * After an authority change the chain will demand: the round in flight counts only signatures by
   * keys of the authority now in force, with their weights now. A ready round that no longer meets it
   * goes back to signing (its recast is cancelled; the nodes whose keys count now sign); a signing
   * round that now meets it is ready.
   */
  static void reauthorize(SidechainState s, MultisigAuthority auth, long block, FeedWriter feed) {
    Optional<MultisigTx> current = SidechainState.multisigInFlight(s.buffer());
    if (current.isEmpty()) {
      return;
    }
    MultisigTx tx = current.get().underAuthority(auth);
    if (tx.ready() && !tx.met()) {
      if (tx.recastTask() > 0) {
        Chrono.at(s.buffer(), block).cancel(tx.recastTask());
      }
      tx = tx.unready();
      feed.add("", 0, "", "multisig", true, ReasonCode.ROUND_BACK_TO_SIGNING, tx.seq());
    } else if (!tx.ready() && tx.met()) {
      tx = tx.readyAt(block, scheduleRecast(s, block, tx.seq()));
      feed.add("", 0, "", "multisig", true, ReasonCode.ROUND_READY, tx.seq());
    }
    s.putMultisig(tx);
  }

  /**
   * After block {@code block} at {@code time}: a round whose expiration has passed can never land. Its
   * payouts return to the queue; if it was signed (ready) — so the chain had every chance to take it —
   * each of its payouts gets a strike, and a payout with {@code payout_strikes} strikes is returned to
   * its owner instead: the chain refuses it, and it must not hold the payouts behind it.
   */
  static void expireIfPast(SidechainState s, long block, Instant time, FeedWriter feed) {
    Optional<MultisigTx> current = SidechainState.multisigInFlight(s.buffer());
    if (current.isEmpty() || !time.isAfter(MultisigBuilder.expiration(current.get()))) {
      return;
    }
    MultisigTx tx = current.get();
    if (tx.recastTask() > 0) {
      Chrono.at(s.buffer(), block).cancel(tx.recastTask());
    }
    s.putMultisigBooks(SidechainState.multisigBooks(s.buffer()).afterExpiry());
    s.clearMultisig();
    feed.add("", 0, "", "multisig", false, tx.ready() && !tx.payouts().isEmpty() ? ReasonCode.ROUND_EXPIRED_STRUCK
        : ReasonCode.ROUND_EXPIRED, tx.seq(), tx.expiration(), tx.payouts().size());
    if (!tx.ready()) {
      return;
    }
    long limit = s.params().payoutStrikes();
    for (long seq : tx.payouts()) {
      Payout struck = SidechainState.payout(s.buffer(), seq)
          .orElseThrow(() -> new IllegalStateException("round " + tx.seq() + " reserved payout " + seq + ", which is not queued"))
          .struck();
      if (struck.strikes() >= limit) {
        feed.add("", 0, struck.to(), "payout", false, PayoutOperations.giveBack(s, struck, block));
      } else {
        s.putPayout(struck);
      }
    }
  }
}
