package io.hivesafe.engine.node;

import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.WireFormat;
import java.util.List;

/**
 * A node's own transaction (its report, its signature submission): one custom_json signed with its
 * active key in the HF26 packing. It references the block just committed and expires
 * {@link #LIFETIME_SECONDS} after that block's time: later than the head while the block is recent,
 * within hived's one-hour limit.
 */
public final class NodeTransaction {
  /** How long a node's own transaction stays valid after the time of the block it references. */
  public static final long LIFETIME_SECONDS = 1_200;

  private NodeTransaction() {}

  public static Transaction signed(CustomJsonOperation op, Block reference, NodeIdentity identity, ChainId chainId,
      SignatureScheme crypto) {
    Transaction tx = Transaction.builder()
        .referenceBlock(reference.id())
        .expiration(reference.timestamp().plusSeconds(LIFETIME_SECONDS))
        .operation(op)
        .build();
    return tx.withSignatures(List.of(crypto.sign(identity.activeKey(), tx.digest(chainId, WireFormat.HF26))));
  }
}
