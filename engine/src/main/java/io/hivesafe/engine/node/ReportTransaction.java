package io.hivesafe.engine.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.WireFormat;
import io.hivesafe.ops.NetworkGenesis;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Builds a node's signed {@code report} for block R (DESIGN §3.3): its digest after R, and its proposed
 * multisig header — R's own ref_block_num / ref_block_prefix and R's time + {@code expiration_seconds}.
 * Every honest node proposes the same header, so the tally agrees on it. The transaction references R
 * and expires {@link #LIFETIME_SECONDS} after R's time: later than the head while R is recent, within
 * hived's one-hour limit.
 */
public final class ReportTransaction {
  /** How long a report transaction stays valid after its block's time. */
  public static final long LIFETIME_SECONDS = 1_200;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter HIVE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private ReportTransaction() {}

  /** The report op's JSON, fields in a fixed order. */
  public static String json(long block, String digestHex, int refBlockNum, long refBlockPrefix, Instant expiration,
      String version) {
    ObjectNode root = JSON.createObjectNode();
    root.put("block", block);
    root.put("hash", digestHex);
    ObjectNode ms = root.putObject("ms");
    ms.put("ref_block_num", refBlockNum);
    ms.put("ref_block_prefix", refBlockPrefix);
    ms.put("expiration", HIVE_TIME.format(expiration));
    root.put("version", version);
    return root.toString();
  }

  public static Transaction build(NetworkGenesis genesis, NodeIdentity identity, Block reportBlock, String digestHex,
      long expirationSeconds, String version, ChainId chainId, SignatureScheme crypto) {
    String json = json(reportBlock.number(), digestHex, reportBlock.id().refBlockNum(), reportBlock.id().refBlockPrefix(),
        reportBlock.timestamp().plusSeconds(expirationSeconds), version);
    CustomJsonOperation op = new CustomJsonOperation(List.of(identity.account()), List.of(), genesis.opId("report"), json);
    Transaction tx = Transaction.builder()
        .referenceBlock(reportBlock.id())
        .expiration(reportBlock.timestamp().plusSeconds(LIFETIME_SECONDS))
        .operation(op)
        .build();
    return tx.withSignatures(List.of(crypto.sign(identity.activeKey(), tx.digest(chainId, WireFormat.HF26))));
  }
}
