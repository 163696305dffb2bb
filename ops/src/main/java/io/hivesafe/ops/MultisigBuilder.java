package io.hivesafe.ops;

import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.WireFormat;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the next multisig transaction at a tally with consensus and nothing in flight (DESIGN §3.5):
 * a key rotation when the elected runners have drifted from the on-chain signers, otherwise a batch of
 * queued payouts. Everything comes from state — payouts in request order, keys sorted as unsigned bytes
 * of the compressed key, the agreed header — so every node builds the same bytes, digest and id.
 */
final class MultisigBuilder {
  /** Unsigned size a batch may grow to; 40 signatures (2,600 bytes) still fit hived's 65,280-byte limit. */
  static final int MAX_UNSIGNED_BYTES = 32_768;
  static final String MS_SIGNED = "ms_signed";

  private MultisigBuilder() {}

  static void atTally(SidechainState s, NetworkGenesis g, TallyRecord tally, long block, Instant time, FeedWriter feed) {
    if (!tally.consensus() || SidechainState.multisigInFlight(s.buffer()).isPresent()) {
      return;
    }
    String account = g.multisigAccount().value();
    MultisigAuthority auth = SidechainState.authority(s.buffer());
    MultisigBooks books = SidechainState.multisigBooks(s.buffer());
    if (!auth.usable()) {
      hold(s, feed, account, new RotationHold(block, Reason.of(ReasonCode.HOLD_AUTHORITY_UNUSABLE, auth.owner().threshold(),
          auth.owner().totalWeight(), auth.active().threshold(), auth.active().totalWeight())));
      return;
    }
    RotationPlan plan = RotationPlan.at(s, g, auth, books, block);
    MultisigTx built = null;
    if (plan.hold().isPresent()) {
      hold(s, feed, account, plan.hold().get());
    } else {
      s.clearRotationHold();
    }
    if (plan.keys().isPresent()) {
      built = rotation(s, g, tally, block, auth, books, plan.keys().get());
    } else {
      List<Payout> queue = SidechainState.payouts(s.buffer());
      if (queue.isEmpty()) {
        return;
      }
      built = batch(s, g, tally, block, time, auth, books, queue, feed);
      if (built == null) {
        return;
      }
    }
    s.putMultisig(built);
    s.putMultisigBooks(books.built(built.isolated()));
    if (built.kind().equals(MultisigTx.ROTATION)) {
      feed.add("", 0, account, "multisig", true, ReasonCode.ROTATION_BUILT, built.seq(), built.id(), built.expiration());
    } else if (built.isolated()) {
      feed.add("", 0, account, "multisig", true, ReasonCode.ISOLATED_BATCH_BUILT, built.seq(), built.id(), built.expiration());
    } else {
      feed.add("", 0, account, "multisig", true, ReasonCode.BATCH_BUILT, built.seq(), built.payouts().size(), built.id(),
          built.expiration());
    }
  }

  private static void hold(SidechainState s, FeedWriter feed, String account, RotationHold hold) {
    s.putRotationHold(hold);
    feed.add("", 0, account, "rotation", false, hold.reason());
  }

  private static MultisigTx rotation(SidechainState s, NetworkGenesis g, TallyRecord tally, long block, MultisigAuthority auth,
      MultisigBooks books, List<String> keys) {
    List<Authority.KeyWeight> weights = new ArrayList<>();
    for (String k : keys) {
      weights.add(new Authority.KeyWeight(PublicKey.fromString(k), 1));
    }
    Authority authority = new Authority(keys.size() / 2 + 1, List.of(), weights);
    Operation update = new AccountUpdateOperation(g.multisigAccount(), Optional.of(authority), Optional.of(authority),
        Optional.empty(), Optional.empty(), "");
    return seal(g, tally, block, auth, books.nextSeq(), MultisigTx.ROTATION, List.of(update), List.of(), false);
  }

  /**
   * Queued payouts in request order, up to {@code max_batch_payouts} and the size limit, within the
   * 24-hour cap: once a payout does not fit what the cap leaves, it and every payout after it wait
   * (request order is kept), except refunds of deposits over the safety limit, which the cap does not
   * hold back. Null if nothing can be paid now.
   */
  private static MultisigTx batch(SidechainState s, NetworkGenesis g, TallyRecord tally, long block, Instant time,
      MultisigAuthority auth, MultisigBooks books, List<Payout> queue, FeedWriter feed) {
    List<Payout> clean = new ArrayList<>();
    List<Payout> suspects = new ArrayList<>();
    for (Payout p : queue) {
      (p.suspect() ? suspects : clean).add(p);
    }
    // A payout whose signed round expired is built alone, so a payout the chain refuses fails only its
    // own round; such rounds and clean batches take turns while both wait, so neither starves. Among
    // suspects the one with the fewest strikes goes first: the innocent ones of a failed batch are paid
    // before the refused one is tried again.
    suspects.sort(java.util.Comparator.comparingLong(Payout::strikes).thenComparingLong(Payout::seq));
    boolean isolate = !suspects.isEmpty() && (clean.isEmpty() || !books.lastBuiltIsolated());
    MultisigTx built = isolate
        ? batchOf(s, g, tally, block, time, auth, books, List.of(suspects.get(0)), true, feed)
        : batchOf(s, g, tally, block, time, auth, books, clean, false, feed);
    if (built == null && isolate && !clean.isEmpty()) {
      built = batchOf(s, g, tally, block, time, auth, books, clean, false, feed);
    }
    return built;
  }

  private static MultisigTx batchOf(SidechainState s, NetworkGenesis g, TallyRecord tally, long block, Instant time,
      MultisigAuthority auth, MultisigBooks books, List<Payout> queue, boolean isolated, FeedWriter feed) {
    long[] window = Custody.paidInWindow(s, time);
    long[] room = new long[2];
    for (PeggedAsset a : PeggedAsset.values()) {
      room[a.ordinal()] = g.custody().dailyCap(a) - window[a.ordinal()];
    }
    List<Operation> transfers = new ArrayList<>();
    List<Long> paid = new ArrayList<>();
    Payout held = null;
    long max = s.params().maxBatchPayouts();
    for (Payout p : queue) {
      if (paid.size() >= max) {
        break;
      }
      PeggedAsset asset = PeggedAsset.valueOf(p.asset());
      boolean capped = !p.kind().equals(Payout.REFUND);
      if (capped && (held != null || p.amount() > room[asset.ordinal()])) {
        held = held == null ? p : held;
        continue;
      }
      Operation t = new io.hivesafe.hive.protocol.TransferOperation(g.multisigAccount(), AccountName.of(p.to()),
          Asset.of(p.amount(), asset.symbol()), p.memo());
      transfers.add(t);
      if (!paid.isEmpty() && unsignedSize(g, tally, books.nextSeq(), transfers) > MAX_UNSIGNED_BYTES) {
        transfers.remove(transfers.size() - 1);
        break;
      }
      if (capped) {
        room[asset.ordinal()] -= p.amount();
      }
      paid.add(p.seq());
    }
    if (held != null) {
      PeggedAsset asset = PeggedAsset.valueOf(held.asset());
      feed.add("", 0, g.multisigAccount().value(), "multisig", true, ReasonCode.PAYOUTS_WAIT_FOR_CAP, held.seq(), held.amount(),
          asset.name(), window[asset.ordinal()], g.custody().dailyCap(asset));
    }
    if (paid.isEmpty()) {
      return null;
    }
    return seal(g, tally, block, auth, books.nextSeq(), MultisigTx.TRANSFER, transfers, paid, isolated);
  }

  private static int unsignedSize(NetworkGenesis g, TallyRecord tally, long seq, List<Operation> ops) {
    return transaction(g, tally, seq, ops).toBytes(WireFormat.HF26).length;
  }

  private static Transaction transaction(NetworkGenesis g, TallyRecord tally, long seq, List<Operation> ops) {
    List<Operation> all = new ArrayList<>(ops);
    all.add(marker(g, seq));
    return Transaction.builder()
        .refBlockNum((int) tally.refBlockNum())
        .refBlockPrefix(tally.refBlockPrefix())
        .expiration(LocalDateTime.parse(tally.expiration()).toInstant(ZoneOffset.UTC))
        .operations(all)
        .build();
  }

  /** The last operation of round {@code seq}: {@code {prefix}ms_signed {"seq": N}} from the multisig account. */
  static CustomJsonOperation marker(NetworkGenesis g, long seq) {
    return SidechainOps.operation(g, g.multisigAccount(), new MsSignedOp(seq));
  }

  private static MultisigTx seal(NetworkGenesis g, TallyRecord tally, long block, MultisigAuthority auth, long seq, String kind,
      List<Operation> ops, List<Long> payouts, boolean isolated) {
    Transaction tx = transaction(g, tally, seq, ops);
    HexFormat hex = HexFormat.of();
    return new MultisigTx(seq, kind, tx.id(WireFormat.HF26).toHex(), hex.formatHex(tx.digest(g.chainId(), WireFormat.HF26)),
        hex.formatHex(tx.toBytes(WireFormat.HF26)), block, tally.expiration(), payouts, MultisigTx.requirementsFor(kind, auth),
        new TreeMap<>(), 0, 0, 0, isolated);
  }

  /** The expiration of a stored round as an instant. */
  static Instant expiration(MultisigTx tx) {
    return LocalDateTime.parse(tx.expiration()).toInstant(ZoneOffset.UTC);
  }
}
