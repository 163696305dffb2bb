package io.hivesafe.ops;

import io.hivesafe.chrono.Chrono;
import io.hivesafe.chrono.ChronoTask;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.crypto.SignatureScheme;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The multisig lifecycle after building (DESIGN §3.5): {@code sig_submit}, the recast schedule, the
 * confirmation by the round's {@code ms_signed} marker, and expiry. A payout stays reserved (in the
 * queue, listed by the round) until its round is confirmed — then it is paid and leaves the queue — or
 * until a block later than the round's expiration has been applied without the confirmation: only then
 * can the transaction never land, and only then does the next tally build its payouts again.
 */
final class MultisigOperations {
  static final String RECAST_TASK = "ms_recast";

  private MultisigOperations() {}

  /**
   * {"seq": round, "sig": 130 hex}: counts if the round is the one in flight and the signature
   * recovers, over its digest, to one of its signer keys not counted yet. When the count reaches the
   * threshold the round is ready and the first broadcast attempt is due; recasts follow every
   * {@code recast_interval} blocks.
   */
  static OpResult submit(SidechainState s, OpContext ctx, String json, SignatureScheme crypto) throws OpRejected {
    OpArgs args = OpArgs.parse(json, Set.of("seq", "sig"));
    long seq = args.integer("seq", 1, Long.MAX_VALUE);
    Optional<MultisigTx> current = SidechainState.multisigInFlight(s.buffer());
    if (current.isEmpty() || current.get().seq() != seq) {
      throw new OpRejected("round " + seq + " is not in flight" + current.map(c -> " (round " + c.seq() + " is)").orElse(""));
    }
    MultisigTx tx = current.get();
    CompactSignature sig = args.signature("sig");
    if (!sig.isAcceptableToHived()) {
      throw new OpRejected("sig is not in a form hived accepts (canonical, low-S)");
    }
    // Hostile bytes recover to nothing (SignatureScheme.recover); an exception here is a bug and stops the node.
    Optional<PublicKey> key = crypto.recover(sig, HexFormat.of().parseHex(tx.digest()));
    if (key.isEmpty()) {
      throw new OpRejected("sig recovers to no key");
    }
    String stm = key.get().toString();
    if (!tx.signers().contains(stm)) {
      throw new OpRejected("sig recovers to " + stm + ", not a signer of round " + seq);
    }
    if (tx.signatures().containsKey(stm)) {
      throw new OpRejected("a signature by " + stm + " is already counted for round " + seq);
    }
    MultisigTx signed = tx.withSignature(stm, sig.toHex());
    String detail = "signature " + signed.signatures().size() + " of " + tx.threshold() + " for round " + seq;
    if (!signed.ready() && signed.signatures().size() >= tx.threshold()) {
      long task = scheduleRecast(s, ctx.block(), seq);
      signed = signed.readyAt(ctx.block(), task);
      detail += ": ready to broadcast";
    }
    s.putMultisig(signed);
    return OpResult.ok(detail);
  }

  private static long scheduleRecast(SidechainState s, long block, long seq) {
    return Chrono.at(s.buffer(), block).schedule(block + s.params().recastInterval(),
        ChronoTask.of(RECAST_TASK, Map.of("seq", Long.toString(seq))));
  }

  /** The chrono task: the next broadcast attempt, by the next signer node in rotation. */
  static String recast(SidechainState s, long seq, long block) {
    MultisigTx tx = SidechainState.multisigInFlight(s.buffer())
        .filter(t -> t.seq() == seq && t.ready())
        .orElseThrow(() -> new IllegalStateException("recast of round " + seq + ", which is not in flight and ready"));
    MultisigTx next = tx.recast(scheduleRecast(s, block, seq));
    s.putMultisig(next);
    return "round " + seq + ": broadcast attempt " + (next.attempt() + 1);
  }

  /** {prefix}ms_signed {"seq": N} from the multisig account: round N landed. */
  static OpResult confirm(SidechainState s, OpContext ctx, String json, NetworkGenesis g) throws OpRejected {
    if (!ctx.sender().equals(g.multisigAccount().value())) {
      throw new OpRejected("only the multisig account confirms a round");
    }
    long seq = OpArgs.parse(json, Set.of("seq")).integer("seq", 1, Long.MAX_VALUE);
    Optional<MultisigTx> current = SidechainState.multisigInFlight(s.buffer());
    if (current.isEmpty() || current.get().seq() != seq) {
      throw new OpRejected("ALARM: the multisig account confirmed round " + seq + ", which is not in flight");
    }
    MultisigTx tx = current.get();
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
    return OpResult.ok("round " + seq + " confirmed (" + tx.kind() + ", " + tx.payouts().size() + " payouts paid)");
  }

  /** After block {@code block} at {@code time}: a round whose expiration has passed can never land. */
  static Optional<String> expireIfPast(SidechainState s, long block, Instant time) {
    Optional<MultisigTx> current = SidechainState.multisigInFlight(s.buffer());
    if (current.isEmpty() || !time.isAfter(MultisigBuilder.expiration(current.get()))) {
      return Optional.empty();
    }
    MultisigTx tx = current.get();
    if (tx.recastTask() > 0) {
      Chrono.at(s.buffer(), block).cancel(tx.recastTask());
    }
    s.putMultisigBooks(SidechainState.multisigBooks(s.buffer()).afterExpiry());
    s.clearMultisig();
    return Optional.of("round " + tx.seq() + " expired unconfirmed at " + tx.expiration() + "; its " + tx.payouts().size()
        + " payouts return to the queue");
  }
}
