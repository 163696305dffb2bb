package io.hivesafe.testkit.traffic;

import io.hivesafe.engine.node.NodeReport;

import io.hivesafe.devnet.DevnetConfig;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.AssetPacking;
import io.hivesafe.hive.protocol.EncodedTransaction;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.SymbolNames;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransactionId;
import io.hivesafe.hive.protocol.WireFormat;
import io.hivesafe.ops.NetworkGenesis;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A seeded generator of sidechain traffic: for each block, signed Hive transactions built on the
 * current head (TaPoS from its id, expiration head time + 60 s, as dhive does) that mix deposits, token
 * and governance operations, node registrations, proposals and approvals, node reports (from a
 * {@link ReportSource}), hostile operations the sidechain must reject, and ordinary Hive traffic; in
 * proportions set by a {@link TrafficMix}.
 *
 * <p>Every transaction is meant to be admitted by hived (and the devnet): existing accounts, balances
 * the generator knows they hold, at most 5 custom_json per account per block, custom_json ids of at most
 * 32 bytes and JSON of at most 8,192, distinct ids, and at most {@link TrafficMix#maxBlockBytes()} per
 * block so nothing spills into the next block. What the sidechain makes of them is the test's question.
 *
 * <p>Deterministic: the same network, accounts, mix, seed, report digests and sequence of heads give
 * the same transactions, byte for byte (signatures are RFC 6979). Not thread-safe; one generator per
 * chain. Tooling for tests, benchmarks and the demo, never the node.
 */
public final class TrafficGenerator {
  /** How long a transaction stays valid: dhive's default. */
  public static final long EXPIRATION_SECONDS = 60;
  private static final int DRAW_ATTEMPTS = 4;

  private final NetworkGenesis network;
  private final TrafficMix mix;
  private final ReportSource reports;
  private final DraftContext context;
  private final SignatureScheme crypto = new Secp256k1Signatures();
  private final WireFormat hf26;
  private final WireFormat legacy;
  private final List<TrafficKind> sidechainKinds = new ArrayList<>();
  private final List<TrafficKind> backgroundKinds = new ArrayList<>();
  private final EnumMap<TrafficKind, Long> generated = new EnumMap<>(TrafficKind.class);
  private long lastHead;

  private TrafficGenerator(Builder b) {
    this.network = Objects.requireNonNull(b.network, "network");
    this.mix = Objects.requireNonNull(b.mix, "mix");
    this.reports = Objects.requireNonNull(b.reports, "reports");
    if (b.users.isEmpty() && b.nodes.isEmpty()) {
      throw new IllegalArgumentException("the generator needs accounts to sign for");
    }
    this.context = new DraftContext(network, b.users, b.nodes, mix, b.seed);
    SymbolNames names = b.symbols != null ? b.symbols : DevnetConfig.symbolsFor(network.chainId());
    this.hf26 = new WireFormat(AssetPacking.HF26, names);
    this.legacy = new WireFormat(AssetPacking.LEGACY, names);
    for (TrafficKind k : TrafficKind.values()) {
      if (mix.weight(k) > 0) {
        (k.intent() == TrafficKind.Intent.BACKGROUND ? backgroundKinds : sidechainKinds).add(k);
      }
    }
  }

  public static Builder builder(NetworkGenesis network) {
    return new Builder(network);
  }

  /** Options of a generator; users and nodes default to none, the mix to {@link TrafficMix#busy()}. */
  public static final class Builder {
    private final NetworkGenesis network;
    private List<TrafficUser> users = List.of();
    private List<TrafficNode> nodes = List.of();
    private TrafficMix mix = TrafficMix.busy();
    private long seed;
    private ReportSource reports = ReportSource.NONE;
    private SymbolNames symbols;

    private Builder(NetworkGenesis network) {
      this.network = network;
    }

    /** Accounts that send, deposit and vote; those without a genesis allocation hold nothing. */
    public Builder users(List<TrafficUser> value) {
      users = List.copyOf(value);
      return this;
    }

    /** Node accounts with their multisig keys; the genesis nodes among them propose, approve and report. */
    public Builder nodes(List<TrafficNode> value) {
      nodes = List.copyOf(value);
      return this;
    }

    public Builder mix(TrafficMix value) {
      mix = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** Where the genesis nodes' report digests come from (default: no reports). */
    public Builder reports(ReportSource value) {
      reports = value;
      return this;
    }

    /** The chain's symbol names for legacy packing (default: by chain id, as the devnet chooses). */
    public Builder symbols(SymbolNames value) {
      symbols = value;
      return this;
    }

    public TrafficGenerator build() {
      return new TrafficGenerator(this);
    }
  }

  /**
   * The transactions for the block after {@code head}, signed, in the order to broadcast them. Heads
   * must come in increasing order. After a report block the genesis nodes' reports come first.
   */
  public List<TrafficTransaction> nextBlock(ChainHead head) {
    if (head.number() <= lastHead) {
      throw new IllegalArgumentException("head " + head.number() + " is not after the last head " + lastHead);
    }
    lastHead = head.number();
    context.startBlock(head.number() + 1);
    List<Draft> drafts = new ArrayList<>();
    int[] bytes = {0};
    if (network.isReportBlock(head.number()) && head.number() >= network.startBlock()) {
      for (String node : context.runners) {
        Optional<String> digest = reports.digest(node, head.number());
        if (digest.isPresent()) {
          NodeReport report = NodeReport.proposal(network, network.params().expirationSeconds(), head.id(), head.time(), digest.get());
          keep(drafts, bytes, context.custom(TrafficKind.REPORT, node, false, network.opId("report"), report.json(), DraftContext.NOTHING));
        }
      }
    }
    for (TrafficKind planned : plan()) {
      Draft d = null;
      for (int attempt = 0; attempt < DRAW_ATTEMPTS && d == null; attempt++) {
        TrafficKind kind = attempt == 0 ? planned : draw(planned.intent() == TrafficKind.Intent.BACKGROUND ? backgroundKinds : sidechainKinds,
            planned.intent() == TrafficKind.Intent.BACKGROUND);
        d = kind.intent() == TrafficKind.Intent.HOSTILE ? HostileDrafts.draft(context, kind, crypto) : ValidDrafts.draft(context, kind, crypto);
      }
      if (d == null) {
        continue;
      }
      if (bytes[0] + d.bytes() > mix.maxBlockBytes()) {
        break;
      }
      keep(drafts, bytes, d);
    }
    return pack(drafts, head);
  }

  private void keep(List<Draft> drafts, int[] bytes, Draft d) {
    context.kept(d);
    drafts.add(d);
    bytes[0] += d.bytes();
    generated.merge(d.kind(), 1L, Long::sum);
  }

  /** The kinds of this block's operations: sidechain and background, interleaved. */
  private List<TrafficKind> plan() {
    List<TrafficKind> kinds = new ArrayList<>();
    if (!sidechainKinds.isEmpty() && context.rnd.nextDouble() >= mix.idleShare()) {
      int count = context.rnd.nextDouble() < mix.burstShare()
          ? mix.burstMin() + context.rnd.nextInt(mix.burstMax() - mix.burstMin() + 1)
          : 1 + context.rnd.nextInt(mix.opsMax());
      for (int i = 0; i < count; i++) {
        kinds.add(draw(sidechainKinds, false));
      }
    }
    if (!backgroundKinds.isEmpty() && context.rnd.nextDouble() < mix.backgroundShare()) {
      int count = 1 + context.rnd.nextInt(mix.backgroundMax());
      for (int i = 0; i < count; i++) {
        kinds.add(context.rnd.nextInt(kinds.size() + 1), draw(backgroundKinds, true));
      }
    }
    return kinds;
  }

  private TrafficKind draw(List<TrafficKind> from, boolean background) {
    int total = mix.total(background ? TrafficKind.Intent.BACKGROUND : TrafficKind.Intent.VALID)
        + (background ? 0 : mix.total(TrafficKind.Intent.HOSTILE));
    int x = context.rnd.nextInt(total);
    for (TrafficKind k : from) {
      x -= mix.weight(k);
      if (x < 0) {
        return k;
      }
    }
    throw new IllegalStateException("weights do not add up");
  }

  /** Consecutive operations of one signer and role share a transaction (at most 4); each is signed. */
  private List<TrafficTransaction> pack(List<Draft> drafts, ChainHead head) {
    List<TrafficTransaction> out = new ArrayList<>();
    Set<TransactionId> ids = new HashSet<>();
    int i = 0;
    while (i < drafts.size()) {
      Draft first = drafts.get(i);
      List<Operation> ops = new ArrayList<>();
      List<TrafficKind> kinds = new ArrayList<>();
      int j = i;
      while (j < drafts.size() && ops.size() < TrafficMix.MAX_OPS_PER_TRANSACTION && drafts.get(j).signer().equals(first.signer())
          && drafts.get(j).posting() == first.posting()) {
        ops.add(drafts.get(j).op());
        kinds.add(drafts.get(j).kind());
        j++;
      }
      i = j;
      WireFormat packing = context.rnd.nextDouble() < mix.legacyShare() ? legacy : hf26;
      TrafficUser user = context.users.get(first.signer().value());
      PrivateKey key = first.posting() ? user.postingKey() : user.activeKey();
      long seconds = EXPIRATION_SECONDS;
      while (true) {
        Transaction tx = Transaction.builder().referenceBlock(head.id()).expiration(head.time().plusSeconds(seconds)).operations(ops).build();
        EncodedTransaction encoded = tx.encode(packing);
        // hived checks the HF26 id first whatever the signature's packing: both ids must be new
        TransactionId other = tx.id(packing == hf26 ? legacy : hf26);
        if (!ids.contains(encoded.id()) && !ids.contains(other)) {
          ids.add(encoded.id());
          ids.add(other);
          CompactSignature signature = crypto.sign(key, encoded.digest(network.chainId()));
          out.add(new TrafficTransaction(tx.withSignatures(List.of(signature)), packing, kinds));
          break;
        }
        seconds++; // the same operations twice in one block: a client would wait a second, or bump the expiration
      }
    }
    return out;
  }

  public NetworkGenesis network() {
    return network;
  }

  /** Operations generated so far, by kind (reports included). */
  public Map<TrafficKind, Long> generated() {
    return new EnumMap<>(generated);
  }
}
