package io.hivesafe.ops;

import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.Hashes;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.crypto.SignatureScheme;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code node_add} and {@code report} (DESIGN §3.2, §3.3). */
final class NodeOperations {
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
  private static final Set<String> MS_FIELDS = Set.of("ref_block_num", "ref_block_prefix", "expiration");
  private static final Set<String> REPORT_FIELDS = Set.of("block", "hash", "ms", "version");

  private NodeOperations() {}

  /**
   * The digest a node's multisig key signs to prove possession: SHA-256 of
   * {@code "hivesafe:node_add:" + chain id (hex) + ":" + prefix + ":" + account}. Naming the chain, the
   * network and the account means a proof cannot be replayed by another account or on another network.
   */
  static byte[] proofDigest(NetworkGenesis genesis, String account) {
    String message = "hivesafe:node_add:" + genesis.chainId().toHex() + ":" + genesis.prefix() + ":" + account;
    return Hashes.sha256(message.getBytes(StandardCharsets.US_ASCII));
  }

  /** {"key": STM public key, "proof": 65-byte compact signature, hex}. Registers, or changes the key. */
  static OpResult add(SidechainState s, OpContext ctx, String json, NetworkGenesis genesis, SignatureScheme crypto)
      throws OpRejected {
    OpArgs args = OpArgs.parse(json, Set.of("key", "proof"));
    String keyText = args.text("key", 64);
    PublicKey key;
    try {
      key = PublicKey.fromString(keyText);
    } catch (IllegalArgumentException e) {
      throw new OpRejected(ReasonCode.FIELD_NOT_PUBLIC_KEY, "key");
    }
    CompactSignature proof = args.signature("proof");
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
   * {"block": the latest report block, "hash": 64 hex, "ms": {"ref_block_num", "ref_block_prefix",
   * "expiration"}, "version": string}. One per node per report block. The header is only checked for
   * form here; whether it names an applied block is the tally's question.
   */
  static OpResult report(SidechainState s, OpContext ctx, String json, NetworkGenesis genesis) throws OpRejected {
    OpArgs args = OpArgs.parse(json, REPORT_FIELDS);
    Optional<NodeRecord> node = s.node(ctx.sender());
    if (node.isEmpty()) {
      throw new OpRejected(ReasonCode.NOT_A_NODE);
    }
    Report report = reportFields(args, ctx.sender(), ctx.block(), genesis);
    if (s.report(report.block(), ctx.sender()).isPresent()) {
      throw new OpRejected(ReasonCode.ALREADY_REPORTED, report.block());
    }
    s.putReport(report);
    s.putNode(node.get().reported(report.block()));
    return OpResult.ok(ReasonCode.REPORTED, report.block());
  }

  /**
   * A report's own checks, the ones that need no state: the JSON's fields, the report block (the latest
   * before {@code landed}, whose tally has not run yet) and the forms of hash, header and version.
   */
  static Report readReport(String sender, long landed, String json, NetworkGenesis genesis) throws OpRejected {
    return reportFields(OpArgs.parse(json, REPORT_FIELDS), sender, landed, genesis);
  }

  private static Report reportFields(OpArgs args, String sender, long landed, NetworkGenesis genesis) throws OpRejected {
    long block = args.integer("block", 0, 0xffff_ffffL);
    long expected = reportBlockFor(landed, genesis);
    if (block != expected || expected < genesis.startBlock()) {
      throw new OpRejected(ReasonCode.REPORT_BLOCK_WRONG, expected, block);
    }
    long tally = expected + genesis.tallyInterval() - genesis.reportOffset();
    if (landed > tally) {
      throw new OpRejected(ReasonCode.REPORT_TOO_LATE, expected, tally, expected + genesis.tallyInterval());
    }
    String hash = args.text("hash", 64);
    if (!HASH.matcher(hash).matches()) {
      throw new OpRejected(ReasonCode.FIELD_NOT_HASH, "hash");
    }
    OpArgs ms = args.object("ms");
    ms.only(MS_FIELDS, "ms");
    long refNum = ms.integer("ref_block_num", 0, 0xffff);
    long refPrefix = ms.integer("ref_block_prefix", 0, 0xffff_ffffL);
    String expiration = ms.text("expiration", 19);
    parseTime(expiration, "ms.expiration");
    String version = args.text("version", 32);
    return new Report(sender, block, hash, refNum, refPrefix, expiration, version, landed);
  }

  /** The report block whose reports land in block {@code block}: the latest R < block with R % tally == offset. */
  static long reportBlockFor(long block, NetworkGenesis genesis) {
    long interval = genesis.tallyInterval();
    return block - 1 - Math.floorMod(block - 1 - genesis.reportOffset(), interval);
  }

  /** Parses Hive's UTC time form {@code YYYY-MM-DDTHH:MM:SS}. */
  static Instant parseTime(String text, String field) throws OpRejected {
    if (!TIME.matcher(text).matches()) {
      throw new OpRejected(ReasonCode.FIELD_NOT_TIME_FORM, field);
    }
    try {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new OpRejected(ReasonCode.FIELD_NOT_TIME, field);
    }
  }
}
