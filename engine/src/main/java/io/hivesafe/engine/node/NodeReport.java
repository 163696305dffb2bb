package io.hivesafe.engine.node;

import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.ops.SidechainOps;
import io.hivesafe.ops.ReportOp;
import io.hivesafe.ops.NetworkGenesis;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code report} a registered node posts with its active key after a report block R (DESIGN §3.3):
 * <pre>{"block": R, "hash": "&lt;64 hex&gt;", "ms": {"ref_block_num": n, "ref_block_prefix": p,
 * "expiration": "YYYY-MM-DDTHH:MM:SS"}, "version": "…"}</pre>
 * {@code hash} is the node's state digest after R; {@code ms} is the header it proposes for the next
 * multisig transaction. {@link #proposal} derives the header the way the tally would derive it itself
 * (DESIGN §3.3: ref = the report block, expiration = the tally block's time + expiration_seconds), so
 * honest nodes agree on it.
 */
public record NodeReport(long block, String hash, int refBlockNum, long refBlockPrefix, Instant expiration, String version) {
  /** What a node built from this tree says it is. */
  public static final String VERSION = "hivesafe/0.1";
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  public NodeReport {
    Objects.requireNonNull(expiration, "expiration");
    Objects.requireNonNull(version, "version");
    if (block < 1 || block > 0xffff_ffffL) {
      throw new IllegalArgumentException("block must be a Hive block number");
    }
    if (hash == null || !HASH.matcher(hash).matches()) {
      throw new IllegalArgumentException("hash must be 64 lowercase hex digits");
    }
    if (refBlockNum < 0 || refBlockNum > 0xffff || refBlockPrefix < 0 || refBlockPrefix > 0xffff_ffffL) {
      throw new IllegalArgumentException("ref_block_num must be a u16 and ref_block_prefix a u32");
    }
    if (expiration.getNano() != 0) {
      throw new IllegalArgumentException("expiration must be whole seconds");
    }
    if (version.isEmpty() || version.length() > 32) {
      throw new IllegalArgumentException("version must be 1 to 32 characters");
    }
  }

  /**
   * The report of {@code hash} for report block {@code reportBlock}, proposing as multisig header the
   * report block itself and, as expiration, the time of the tally that reads this report plus the
   * network's {@code expiration_seconds}.
   */
  public static NodeReport proposal(NetworkGenesis genesis, long expirationSeconds, BlockId id, Instant time, String hash) {
    long number = id.blockNumber();
    if (!genesis.isReportBlock(number)) {
      throw new IllegalArgumentException("block " + number + " is not a report block");
    }
    long toTally = genesis.tallyInterval() - genesis.reportOffset();
    Instant tallyTime = time.plus(Duration.ofSeconds(3 * toTally));
    return new NodeReport(number, hash, id.refBlockNum(), id.refBlockPrefix(), tallyTime.plusSeconds(expirationSeconds), VERSION);
  }

  /** The same report with another version string. */
  public NodeReport withVersion(String newVersion) {
    return new NodeReport(block, hash, refBlockNum, refBlockPrefix, expiration, newVersion);
  }

  /** The sidechain operation: written by the core's own codec (the one that reads reports off the chain). */
  public ReportOp op() {
    return new ReportOp(block, hash, refBlockNum, refBlockPrefix, JsonFields.formatTime(expiration), version);
  }

  /** The op's JSON, fields in the codec's order. */
  public String json() {
    return SidechainOps.json(op());
  }

  /** The custom_json {@code node} signs with its active key (required_auths). */
  public CustomJsonOperation operation(NetworkGenesis genesis, AccountName node) {
    return SidechainOps.operation(genesis, node, op());
  }
}
