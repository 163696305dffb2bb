package io.hivesafe.ops;

import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.Hashes;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.ChainId;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** {@code node_add} and {@code report} (DESIGN §3.2, §3.3). */
final class NodeOperations {

  private NodeOperations() {}

  /**
   * The digest a node's multisig key signs to prove possession: SHA-256 of
   * {@code "hivesafe:node_add:" + chain id (hex) + ":" + prefix + ":" + account}. Naming the chain, the
   * network and the account means a proof cannot be replayed by another account or on another network.
   */
  static byte[] proofDigest(NetworkGenesis genesis, String account) {
    return proofDigest(genesis.chainId(), genesis.prefix(), account);
  }

  /** The same digest from its three parts alone: a founder proves a key before the genesis exists. */
  static byte[] proofDigest(ChainId chainId, String prefix, String account) {
    String message = "hivesafe:node_add:" + chainId.toHex() + ":" + prefix + ":" + account;
    return Hashes.sha256(message.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The digest a founder's card's account signature signs: SHA-256({@code "hivesafe:founder:" + chain id hex
   * + ":" + prefix + ":" + network + ":" + multisig account + ":" + account + ":" + multisig public key})
   * (STM form, ASCII). Signed by the account's active key, it binds the card's key to the account it names,
   * as posting node_add from the account does, and to the one network the founders agreed on — its name and
   * its multisig account — so that the card cannot be replayed into another genesis on the same chain.
   */
  static byte[] founderDigest(ChainId chainId, String prefix, String network, String multisigAccount, String account,
      PublicKey key) {
    String message = "hivesafe:founder:" + chainId.toHex() + ":" + prefix + ":" + network + ":" + multisigAccount + ":" + account
        + ":" + key;
    return Hashes.sha256(message.getBytes(StandardCharsets.US_ASCII));
  }

  /** {"key": STM public key, "proof": 65-byte compact signature, hex}. Registers, or changes the key. */
  static OpResult add(SidechainState s, OpContext ctx, NodeAddOp op, NetworkGenesis genesis, SignatureScheme crypto)
      throws OpRejected {
    PublicKey key = op.key();
    CompactSignature proof = op.proof();
    if (!proof.isFcCanonical()) {
      throw new OpRejected(ReasonCode.PROOF_NOT_CANONICAL);
    }
    // Hostile bytes recover to nothing (SignatureScheme.recover); an exception here is a bug and stops the node.
    Optional<PublicKey> signer = crypto.recover(proof, proofDigest(genesis, ctx.sender()));
    if (signer.isEmpty() || !signer.get().equals(key)) {
      throw new OpRejected(ReasonCode.PROOF_WRONG_KEY);
    }
    String stm = key.toString();
    for (NodeRecord other : SidechainState.nodes(s.buffer())) {
      if (other.key().equals(stm) && !other.account().equals(ctx.sender())) {
        throw new OpRejected(ReasonCode.KEY_TAKEN, other.account());
      }
    }
    for (RemovedNode gone : SidechainState.removedNodes(s.buffer())) {
      if (gone.key().equals(stm) && !gone.account().equals(ctx.sender()) && SidechainState.authority(s.buffer()).holds(stm)) {
        throw new OpRejected(ReasonCode.KEY_OF_REMOVED_NODE, gone.account());
      }
    }
    Optional<NodeRecord> existing = s.node(ctx.sender());
    if (existing.isPresent()) {
      if (existing.get().key().equals(stm)) {
        throw new OpRejected(ReasonCode.ALREADY_REGISTERED);
      }
      if (SidechainState.authority(s.buffer()).holds(existing.get().key())) {
        throw new OpRejected(ReasonCode.KEY_IN_AUTHORITY, existing.get().key());
      }
      s.putNode(existing.get().withKey(stm, ctx.block()));
      return OpResult.ok(ReasonCode.KEY_CHANGED);
    }
    Optional<RemovedNode> removed = SidechainState.removed(s.buffer(), ctx.sender());
    if (removed.isPresent() && ctx.block() < removed.get().bannedUntil()) {
      throw new OpRejected(ReasonCode.REMOVED_BANNED, removed.get().removedBlock(), removed.get().bannedUntil());
    }
    long unbond = removed.map(RemovedNode::unbondBlock).orElse(0L);
    if (removed.isPresent()) {
      if (SidechainState.authority(s.buffer()).holds(removed.get().key()) && !removed.get().key().equals(stm)) {
        throw new OpRejected(ReasonCode.LAST_KEY_IN_AUTHORITY, removed.get().key());
      }
      s.deleteRemoved(ctx.sender());
    }
    s.putNode(new NodeRecord(ctx.sender(), stm, ctx.block(), ctx.block(), 0, 0, 0, unbond));
    return OpResult.ok(ReasonCode.REGISTERED);
  }


  /**
   * A report: one per node per report block. The header is only checked for form here; whether it
   * names an applied block is the tally's question.
   */
  static OpResult report(SidechainState s, OpContext ctx, ReportOp op, NetworkGenesis genesis) throws OpRejected {
    Optional<NodeRecord> node = s.node(ctx.sender());
    if (node.isEmpty()) {
      throw new OpRejected(ReasonCode.NOT_A_NODE);
    }
    Report report = report(op, ctx.sender(), ctx.block(), genesis);
    if (s.report(report.block(), ctx.sender()).isPresent()) {
      throw new OpRejected(ReasonCode.ALREADY_REPORTED, report.block());
    }
    s.putReport(report);
    s.putNode(node.get().reported(report.block()));
    return OpResult.ok(ReasonCode.REPORTED, report.block());
  }

  /**
   * A report's own checks that need no state: its JSON's form (the codec's), then that it names the
   * latest report block before {@code landed}, whose tally has not run yet.
   */
  static Report readReport(String sender, long landed, String json, NetworkGenesis genesis) throws OpRejected {
    return report((ReportOp) SidechainOps.read("report", json), sender, landed, genesis);
  }

  private static Report report(ReportOp op, String sender, long landed, NetworkGenesis genesis) throws OpRejected {
    long block = op.block();
    long expected = reportBlockFor(landed, genesis);
    if (block != expected || expected < genesis.startBlock()) {
      throw new OpRejected(ReasonCode.REPORT_BLOCK_WRONG, expected, block);
    }
    long tally = expected + genesis.tallyInterval() - genesis.reportOffset();
    if (landed > tally) {
      throw new OpRejected(ReasonCode.REPORT_TOO_LATE, expected, tally, expected + genesis.tallyInterval());
    }
    return new Report(sender, block, op.hash(), op.refBlockNum(), op.refBlockPrefix(), op.expiration(), op.version(), landed);
  }

  /** The report block whose reports land in block {@code block}: the latest R < block with R % tally == offset. */
  static long reportBlockFor(long block, NetworkGenesis genesis) {
    long interval = genesis.tallyInterval();
    return block - 1 - Math.floorMod(block - 1 - genesis.reportOffset(), interval);
  }
}
