package io.hivesafe.sim;

import io.hivesafe.devnet.Admission;
import io.hivesafe.devnet.ChainProperties;
import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.devnet.ProducedBlock;
import io.hivesafe.engine.node.NodeReport;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.protocol.WireFormat;
import io.hivesafe.ops.SigSubmitOp;
import io.hivesafe.ops.SidechainOps;
import io.hivesafe.ops.ProposeOp;
import io.hivesafe.ops.PeggedAsset;
import io.hivesafe.ops.NodeAddOp;
import io.hivesafe.ops.MsSignedOp;
import io.hivesafe.ops.GovUnlockOp;
import io.hivesafe.ops.GovLockOp;
import io.hivesafe.ops.ApproveOp;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.testkit.traffic.TrafficNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The byzantine signers' own transactions, within the threat model (DESIGN §3.9): they hold their Hive
 * accounts' active keys and their multisig keys, and nothing else. Each method signs with those keys
 * against the devnet's head and broadcasts; it returns what the devnet said (a refusal is a fact of the
 * schedule, not an error: a minority's redirect is refused by the chain's authority check).
 */
final class Adversary {
  private final DevnetChain chain;
  private final NetworkGenesis genesis;
  private final SignatureScheme crypto;

  Adversary(DevnetChain chain, NetworkGenesis genesis, SignatureScheme crypto) {
    this.chain = chain;
    this.genesis = genesis;
    this.crypto = crypto;
  }

  /** A sig_submit for the round in flight whose signature cannot count: over another digest, or by the node's active key. */
  String forgedSignature(TrafficNode byz, MultisigTx round, SplittableRandom r) {
    CompactSignature sig;
    String how;
    if (r.nextBoolean()) {
      byte[] other = new byte[32];
      r.nextBytes(other);
      sig = crypto.sign(byz.multisigKey(), other);
      how = "multisig key over another digest";
    } else {
      sig = crypto.sign(byz.user().activeKey(), HexFormat.of().parseHex(round.digest()));
      how = "active key over the round's digest";
    }
    return submit(byz, round.seq(), sig, how);
  }

  /** A sig_submit for the round in flight carrying a signature counted for an earlier round. */
  String replayedSignature(TrafficNode byz, MultisigTx round, String earlierSignatureHex) {
    return submit(byz, round.seq(), CompactSignature.fromHex(earlierSignatureHex), "replayed from an earlier round");
  }

  private String submit(TrafficNode byz, long seq, CompactSignature sig, String how) {
    Operation op = SidechainOps.operation(genesis, byz.name(), new SigSubmitOp(seq, sig));
    return how + ": " + verdict(send(List.of(byz.user().activeKey()), op));
  }

  /**
   * A node that was not in the genesis joins: it locks {@code stake} and registers its node's real
   * multisig key with the proof (DESIGN §3.4), in one transaction signed with its active key.
   */
  String join(TrafficNode joiner, long stake) {
    CompactSignature proof = crypto.sign(joiner.multisigKey(), BlockApplier.nodeAddProofDigest(genesis, joiner.name().value()));
    Operation lock = SidechainOps.operation(genesis, joiner.name(), new GovLockOp(stake));
    Operation add = SidechainOps.operation(genesis, joiner.name(), new NodeAddOp(joiner.multisigKey().publicKey(), proof));
    return "locks " + stake + " and registers its key: " + verdict(send(List.of(joiner.user().activeKey()), lock, add));
  }

  /** A runner proposes a treasury payout of {@code milliHive} to {@code to}, to pass at once when approved. */
  String proposePayout(TrafficNode runner, String to, long milliHive) {
    Operation op = SidechainOps.operation(genesis, runner.name(),
        new ProposeOp(new ProposeOp.PayoutAction(to, milliHive, PeggedAsset.HIVE, ""), 200, 0));
    return runner.name() + " proposes " + milliHive + " milli-HIVE to " + to + ": " + verdict(send(List.of(runner.user().activeKey()), op));
  }

  /** A runner proposes {@code action} (the propose JSON's action fields), open for 100 blocks, to execute the block after it passes. */
  String propose(TrafficNode runner, String action) {
    Operation op = new CustomJsonOperation(List.of(runner.name()), List.of(), genesis.opId("propose"),
        "{" + action + ",\"deadline\":100,\"activation\":0}");
    return runner.name() + " proposes " + action + ": " + verdict(send(List.of(runner.user().activeKey()), op));
  }

  /** A runner approves proposal {@code id}. */
  String approve(TrafficNode runner, long id) {
    Operation op = SidechainOps.operation(genesis, runner.name(), new ApproveOp(id));
    return verdict(send(List.of(runner.user().activeKey()), op));
  }

  /** A node's operator asks to unlock {@code amount} of its stake (refused while its key signs or unbonds). */
  String unlock(TrafficNode node, long amount) {
    Operation op = SidechainOps.operation(genesis, node.name(), new GovUnlockOp(amount));
    return "asks to unlock " + amount + ": " + verdict(send(List.of(node.user().activeKey()), op));
  }

  /** A report for the report block at the head with a made-up digest (or, one time in three, another block's header). */
  String wrongReport(TrafficNode byz, ProducedBlock reportBlock, SplittableRandom r) {
    byte[] digest = new byte[32];
    r.nextBytes(digest);
    ProducedBlock header = reportBlock;
    String how = "wrong digest";
    if (r.nextInt(3) == 0 && reportBlock.number() > 2) {
      header = chain.block(reportBlock.number() - 1).orElseThrow();
      how = "wrong digest and the header of block " + header.number();
    }
    NodeReport report = NodeReport.proposal(genesis, genesis.params().expirationSeconds(), reportBlock.id(), header.timestamp(),
        HexFormat.of().formatHex(digest));
    if (header != reportBlock) {
      report = new NodeReport(report.block(), report.hash(), header.id().refBlockNum(), header.id().refBlockPrefix(),
          report.expiration(), report.version());
    }
    Operation op = report.operation(genesis, byz.name());
    return how + ": " + verdict(send(List.of(byz.user().activeKey()), op));
  }

  /**
   * A transfer out of the multisig account to the first colluder, signed by every colluder's multisig
   * key; with {@code markRound}, it also carries the marker of that round ({@code ms_signed}), as if it
   * were the round's own transaction (it is not: another id).
   */
  String redirect(List<TrafficNode> colluders, long milliHive, Optional<Long> markRound) {
    List<PrivateKey> keys = new ArrayList<>();
    for (TrafficNode c : colluders) {
      keys.add(c.multisigKey());
    }
    AccountName to = colluders.get(0).name();
    List<Operation> ops = new ArrayList<>();
    ops.add(new TransferOperation(genesis.multisigAccount(), to, Asset.of(milliHive, AssetSymbol.HIVE), ""));
    markRound.ifPresent(seq -> ops.add(SidechainOps.operation(genesis, genesis.multisigAccount(), new MsSignedOp(seq))));
    return colluders.size() + " colluders, " + milliHive + " milli-HIVE to " + to
        + markRound.map(seq -> " with round " + seq + "'s marker").orElse("") + ": " + verdict(send(keys, ops.toArray(Operation[]::new)));
  }

  /**
   * The colluders replace the multisig account's active authority: with {@code stranger}, the current
   * one plus that key (weight 1, same threshold); without, only their own keys (weight 1, all of them
   * needed). Signed by every colluder's multisig key.
   */
  String foreignUpdate(List<TrafficNode> colluders, Authority current, Optional<PublicKey> stranger, PublicKey memo) {
    List<PrivateKey> keys = new ArrayList<>();
    java.util.TreeMap<PublicKey, Integer> members = new java.util.TreeMap<>();
    for (TrafficNode c : colluders) {
      keys.add(c.multisigKey());
    }
    long threshold;
    if (stranger.isPresent()) {
      for (Authority.KeyWeight k : current.keyAuths()) {
        members.put(k.key(), k.weight());
      }
      members.put(stranger.get(), 1);
      threshold = current.weightThreshold();
    } else {
      for (TrafficNode c : colluders) {
        members.put(c.multisigKey().publicKey(), 1);
      }
      threshold = colluders.size();
    }
    List<Authority.KeyWeight> weights = new ArrayList<>();
    members.forEach((k, w) -> weights.add(new Authority.KeyWeight(k, w)));
    Authority active = new Authority(threshold, current.accountAuths(), weights);
    Operation op = new io.hivesafe.hive.protocol.AccountUpdateOperation(genesis.multisigAccount(), Optional.empty(), Optional.of(active),
        Optional.empty(), Optional.of(memo), "");
    return (stranger.isPresent() ? "adds a stranger's key " + stranger.get() : "keeps only their own " + colluders.size() + " keys")
        + " in the active authority: " + verdict(send(keys, op));
  }

  /**
   * The colluders use the multisig account's active authority for something that is not a round: a
   * custom_json of another application (a Hive-Engine action) in the account's name. An AUTHORITY_USE alarm.
   */
  String foreignAction(List<TrafficNode> colluders) {
    Operation op = new CustomJsonOperation(List.of(genesis.multisigAccount()), List.of(), "ssc-mainnet-hive",
        "{\"contractName\":\"tokens\",\"contractAction\":\"stake\",\"contractPayload\":{}}");
    return "a Hive-Engine action in the multisig account's name: " + verdict(send(multisigKeys(colluders), op));
  }

  /**
   * The colluders post a round's marker ({@code ms_signed} naming {@code seq}) from the multisig account in
   * a transaction of their own: it confirms nothing. A STRAY_CONFIRMATION alarm.
   */
  String strayMarker(List<TrafficNode> colluders, long seq) {
    Operation op = SidechainOps.operation(genesis, genesis.multisigAccount(), new MsSignedOp(seq));
    return "round " + seq + "'s marker alone: " + verdict(send(multisigKeys(colluders), op));
  }

  /**
   * The colluders set the multisig account's active authority to {@code active} (owner unchanged), signed
   * by their multisig keys: an AUTHORITY_CHANGE alarm, and whatever else the new authority implies.
   */
  String replaceActive(List<TrafficNode> colluders, Authority active, PublicKey memo, String what) {
    Operation op = new io.hivesafe.hive.protocol.AccountUpdateOperation(genesis.multisigAccount(), Optional.empty(),
        Optional.of(active), Optional.empty(), Optional.of(memo), "");
    return what + ": " + verdict(send(multisigKeys(colluders), op));
  }

  private static List<PrivateKey> multisigKeys(List<TrafficNode> colluders) {
    List<PrivateKey> keys = new ArrayList<>();
    for (TrafficNode c : colluders) {
      keys.add(c.multisigKey());
    }
    return keys;
  }

  private Admission send(List<PrivateKey> keys, Operation... ops) {
    ChainProperties p = chain.properties();
    Transaction tx = Transaction.builder()
        .referenceBlock(p.headBlockId()).expiration(p.time().plusSeconds(60)).operations(List.of(ops)).build();
    byte[] digest = tx.digest(genesis.chainId(), WireFormat.HF26);
    List<CompactSignature> sigs = new ArrayList<>();
    for (PrivateKey k : keys) {
      sigs.add(crypto.sign(k, digest));
    }
    return chain.broadcast(tx.withSignatures(sigs));
  }

  private static String verdict(Admission a) {
    if (a.isAccepted()) {
      return "accepted by the chain";
    }
    String m = a.message();
    return "refused by the chain: " + (m.length() > 80 ? m.substring(0, 80) : m);
  }
}
