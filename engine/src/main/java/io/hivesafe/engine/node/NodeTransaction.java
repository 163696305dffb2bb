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

  /**
   * How many committed blocks after a send a node waits before it sends a report or a {@code sig_submit}
   * again because the chain has not shown it: 20 blocks, 60 s.
   *
   * <p>Waiting for the first transaction to expire ({@link #LIFETIME_SECONDS}, 400 blocks) would be
   * exact, but a report counts only if it lands within the 50 blocks of its window. It is not needed
   * either: hived puts a transaction it accepted into the next block it produces, or drops it (an API
   * node that lost it before relaying it). The node counts only blocks it has committed, which are
   * irreversible, and sends right after committing a block, when the head is that block plus the
   * irreversibility lag (a few blocks on Hive since HF26's fast confirmation, at most about 15 without
   * it: two thirds of 21 witnesses). So a transaction that landed is in the node's state within lag + 1
   * or 2 committed blocks; 20 leaves room for a slow API and a busy block. One still pending after that
   * and landing after the second send does no harm: the core counts a key once and a node's report once
   * per block, and rejects the other as already counted or already reported.
   */
  public static final int RESEND_AFTER_BLOCKS = 20;

  /** Sends of one report or one round's signature at most (the first included), while they can still count. */
  public static final int MAX_SENDS = 4;

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
