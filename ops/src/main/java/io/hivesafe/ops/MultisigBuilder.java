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
import java.util.TreeSet;

/**
 * Builds the next multisig transaction at a tally with consensus and nothing in flight (DESIGN §3.5):
 * a key rotation when the elected runners have drifted from the on-chain signers, otherwise a batch of
 * queued payouts. Everything comes from state — payouts in request order, keys sorted as unsigned bytes
 * of the compressed key, the agreed header — so every node builds the same bytes, digest and id.
 */
final class MultisigBuilder {
  /** Unsigned size a batch may grow to; 40 signatures (2,600 bytes) still fit hived's 65,280-byte limit. */
  static final int MAX_UNSIGNED_BYTES = 32_768;
  /** One rotation per hour at most (3-second blocks); hived allows two owner updates an hour. */
  static final long ROTATION_GAP_BLOCKS = 1_200;
  static final String MS_SIGNED = "ms_signed";

  private MultisigBuilder() {}

  static void atTally(SidechainState s, NetworkGenesis g, TallyRecord tally, long block, Instant time, FeedWriter feed) {
    if (!tally.consensus() || SidechainState.multisigInFlight(s.buffer()).isPresent()) {
      return;
    }
    MultisigAuthority auth = SidechainState.authority(s.buffer());
    if (auth.threshold() < 1 || auth.threshold() > auth.keys().size()) {
      feed.add("", 0, g.multisigAccount().value(), "alarm", false, "the multisig authority (threshold " + auth.threshold()
          + ", " + auth.keys().size() + " keys) cannot sign: nothing is built");
      return;
    }
    MultisigBooks books = SidechainState.multisigBooks(s.buffer());
    Optional<List<String>> rotation = rotationKeys(s, auth, block, books);
    MultisigTx built;
    if (rotation.isPresent()) {
      built = rotation(s, g, tally, block, auth, books, rotation.get());
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
    s.putMultisigBooks(books.built());
    feed.add("", 0, g.multisigAccount().value(), "multisig", true, "round " + built.seq() + " built: " + built.kind()
        + (built.kind().equals(MultisigTx.TRANSFER) ? " of " + built.payouts().size() + " payouts" : "") + ", id "
        + built.id() + ", expires " + built.expiration());
  }

  /** The new signer keys if a rotation is due now, DESIGN §3.5. */
  static Optional<List<String>> rotationKeys(SidechainState s, MultisigAuthority auth, long block, MultisigBooks books) {
    if (books.lastRotationBlock() > 0 && block < books.lastRotationBlock() + ROTATION_GAP_BLOCKS) {
      return Optional.empty();
    }
    Roster roster = s.roster();
    TreeMap<String, NodeRecord> byKey = new TreeMap<>();
    for (NodeRecord n : SidechainState.nodes(s.buffer())) {
      byKey.put(n.key(), n);
    }
    TreeSet<PublicKey> runnerKeys = new TreeSet<>();
    for (String runner : roster.runners()) {
      s.node(runner).ifPresent(n -> runnerKeys.add(PublicKey.fromString(n.key())));
    }
    TreeSet<PublicKey> old = new TreeSet<>();
    for (String k : auth.keys()) {
      old.add(PublicKey.fromString(k));
    }
    long differing = 0;
    for (PublicKey k : runnerKeys) {
      differing += old.contains(k) ? 0 : 1;
    }
    for (PublicKey k : old) {
      differing += runnerKeys.contains(k) ? 0 : 1;
    }
    boolean faultedSigner = false;
    for (String k : auth.keys()) {
      NodeRecord n = byKey.get(k);
      faultedSigner |= n == null || n.faulted() || !roster.isRunner(n.account());
    }
    boolean due = differing * 4 > old.size() || (faultedSigner && !roster.standby().isEmpty());
    if (!due || runnerKeys.isEmpty()) {
      return Optional.empty();
    }
    TreeSet<PublicKey> next = new TreeSet<>(runnerKeys);
    long kept = 0;
    for (PublicKey k : old) {
      kept += next.contains(k) ? 1 : 0;
    }
    for (PublicKey k : old) {
      if (kept >= auth.threshold()) {
        break;
      }
      if (next.add(k)) {
        kept++;
      }
    }
    if (next.equals(old) || next.size() > NetworkParams.MAX_SIGNERS_LIMIT) {
      return Optional.empty();
    }
    List<String> keys = new ArrayList<>();
    for (PublicKey k : next) {
      keys.add(k.toString());
    }
    return Optional.of(keys);
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
    return seal(g, tally, block, auth, books.nextSeq(), MultisigTx.ROTATION, List.of(update), List.of());
  }

  /**
   * Queued payouts in request order, up to {@code max_batch_payouts} and the size limit, within the
   * 24-hour cap: once a payout does not fit what the cap leaves, it and every payout after it wait
   * (request order is kept), except refunds of deposits over the safety limit, which the cap does not
   * hold back. Null if nothing can be paid now.
   */
  private static MultisigTx batch(SidechainState s, NetworkGenesis g, TallyRecord tally, long block, Instant time,
      MultisigAuthority auth, MultisigBooks books, List<Payout> queue, FeedWriter feed) {
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
      feed.add("", 0, g.multisigAccount().value(), "multisig", true, "payout " + held.seq() + " (" + held.amount() + " "
          + asset + ") and those after it wait: " + window[asset.ordinal()] + " of the 24-hour cap of "
          + g.custody().dailyCap(asset) + " " + asset + " were paid in the last 24 hours");
    }
    if (paid.isEmpty()) {
      return null;
    }
    return seal(g, tally, block, auth, books.nextSeq(), MultisigTx.TRANSFER, transfers, paid);
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
    return new CustomJsonOperation(List.of(g.multisigAccount()), List.of(), g.opId(MS_SIGNED), "{\"seq\":" + seq + "}");
  }

  private static MultisigTx seal(NetworkGenesis g, TallyRecord tally, long block, MultisigAuthority auth, long seq, String kind,
      List<Operation> ops, List<Long> payouts) {
    Transaction tx = transaction(g, tally, seq, ops);
    HexFormat hex = HexFormat.of();
    return new MultisigTx(seq, kind, tx.id(WireFormat.HF26).toHex(), hex.formatHex(tx.digest(g.chainId(), WireFormat.HF26)),
        hex.formatHex(tx.toBytes(WireFormat.HF26)), block, tally.expiration(), payouts, auth.threshold(), auth.keys(),
        new TreeMap<>(), 0, 0, 0);
  }

  /** The expiration of a stored round as an instant. */
  static Instant expiration(MultisigTx tx) {
    return LocalDateTime.parse(tx.expiration()).toInstant(ZoneOffset.UTC);
  }
}
