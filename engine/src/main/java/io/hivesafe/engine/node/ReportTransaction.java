package io.hivesafe.engine.node;

import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.WireFormat;
import io.hivesafe.ops.NetworkGenesis;
import java.util.List;

/**
 * Builds a node's signed {@code report} for block R (DESIGN §3.3): its digest after R, and its proposed
 * multisig header ({@link NodeReport#proposal}: R's own ref_block_num / ref_block_prefix, and the tally's
 * time + {@code expiration_seconds}). Every honest node proposes the same header, so the tally agrees. The transaction references R
 * and expires {@link #LIFETIME_SECONDS} after R's time: later than the head while R is recent, within
 * hived's one-hour limit.
 */
public final class ReportTransaction {
  /** How long a report transaction stays valid after its block's time. */
  public static final long LIFETIME_SECONDS = 1_200;

  private ReportTransaction() {}

  public static Transaction build(NetworkGenesis genesis, NodeIdentity identity, Block reportBlock, String digestHex,
      long expirationSeconds, String version, ChainId chainId, SignatureScheme crypto) {
    CustomJsonOperation op = NodeReport.proposal(genesis, expirationSeconds, reportBlock.id(), reportBlock.timestamp(), digestHex)
        .withVersion(version).operation(genesis, identity.account());
    Transaction tx = Transaction.builder()
        .referenceBlock(reportBlock.id())
        .expiration(reportBlock.timestamp().plusSeconds(LIFETIME_SECONDS))
        .operation(op)
        .build();
    return tx.withSignatures(List.of(crypto.sign(identity.activeKey(), tx.digest(chainId, WireFormat.HF26))));
  }
}
