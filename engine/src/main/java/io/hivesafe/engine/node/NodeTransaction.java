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
   * How far past the chain's head at the time of a send (as the block source last saw it) the node's
   * committed blocks must be before it sends a report or a {@code sig_submit} again because its state
   * does not show it: 10 blocks, 30 s.
   *
   * <p>Waiting for the first transaction to expire ({@link #LIFETIME_SECONDS}, 400 blocks) would be
   * exact, but a report counts only if it lands within the 50 blocks of its window. It is not needed
   * either: hived puts a transaction it accepted into the next block it produces (the one after the
   * head), or drops it — an API node that lost it before relaying it. Counting from the head, not from
   * the node's own block, takes the irreversibility lag out of the guess (the node applies irreversible
   * blocks only, a few behind the head since HF26's fast confirmation, about 15 without it), and so does
   * a node that is still working through a backlog while its source is live: it sends nothing again
   * before it has passed the head it saw. Ten blocks more leave room for a full block, a slow relay and
   * a tip last seen a poll interval ago. A transaction still pending after that, landing after the second
   * send, does no harm: the core counts a key once and a node's report once per block, and rejects the
   * other as already counted or already reported.
   */
  public static final int RESEND_AFTER_BLOCKS = 10;

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
