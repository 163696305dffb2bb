package io.hivesafe.engine.node;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.node.NodeLocals.OwnDigest;
import io.hivesafe.engine.node.NodeLocals.SentReport;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.state.StateReader;
import io.hivesafe.state.StateTransaction;
import java.util.Optional;

/**
 * A node's {@code report} (DESIGN §3.3): after a report block R it reports its digest, if the report can
 * still land in R's window (R, T]; while the window is open and its state shows no report of the node
 * for R although it has committed {@link NodeTransaction#RESEND_AFTER_BLOCKS} blocks past the chain's
 * head at the last send, it signs the same report again against the block just committed and sends it
 * again, {@link NodeTransaction#MAX_SENDS} times at most. Only live: the caller asks only then.
 *
 * <p>"The head" is the chain's head as the block source last saw it, never less than the committed
 * block. A report sent now lands after the head at best, so once the head has reached T it is too late.
 *
 * <p>That it reported R is written into R's own transaction ({@link NodeLocals.SentReport}), so a node
 * killed before its outbox delivered the report sends it again after a restart while the window is
 * open, counting from the head at its first live block. The count of sends lives in memory; a restart
 * starts it again, still bounded by the window.
 */
final class ReportDuties {
  /** {@link #sentAt} of a report remembered from the store: the head when it was sent is unknown. */
  private static final long UNKNOWN = -1;
  private final NetworkGenesis genesis;
  private final NodeIdentity identity;
  private final SignatureScheme crypto;
  private final String version;
  private final NodeEvents events;
  private SentReport sent;
  /** The chain's head when the report was last sent. */
  private long sentAt;
  private int sends;

  ReportDuties(NetworkGenesis genesis, NodeIdentity identity, SignatureScheme crypto, String version, NodeEvents events,
      Optional<SentReport> remembered) {
    this.genesis = genesis;
    this.identity = identity;
    this.crypto = crypto;
    this.version = version;
    this.events = events;
    remembered.ifPresent(s -> {
      sent = s;
      sentAt = UNKNOWN;
      sends = 1;
    });
  }

  /** The tally block that reads the reports for report block {@code r}: the last block of its window. */
  private long tallyOf(long r) {
    return r + genesis.tallyInterval() - genesis.reportOffset();
  }

  /** Whether a report for report block {@code r} sent now, with the chain's head at {@code head}, can still count. */
  boolean canLand(long r, long head) {
    return head < tallyOf(r);
  }

  /** In report block R's transaction, before its commit: records that the node reports R. */
  void willReport(StateTransaction tx, Block reportBlock) {
    SentReport s = new SentReport(reportBlock.number(), reportBlock.id().toHex(), reportBlock.timestamp());
    s.write(tx);
    sent = s;
    sends = 1;
  }

  /** After R's commit: the report of {@code digest}, referencing R, sent with the chain's head at {@code head}. */
  Transaction report(StateReader state, Block reportBlock, String digest, long head) {
    if (sent == null || sent.block() != reportBlock.number()) {
      throw new IllegalStateException("block " + reportBlock.number() + " was not recorded as reported (willReport)");
    }
    sentAt = head;
    return signed(state, digest, reportBlock);
  }

  /**
   * After committing {@code committed} (not a report block the node reports), live, with the chain's
   * head at {@code head}: the report of the open window again, if the node sent it, its state holds no
   * report of the node for R although {@code committed} is {@link NodeTransaction#RESEND_AFTER_BLOCKS}
   * past the head at the last send, the report can still land, the node is registered (else the core
   * refuses it anyway) and it was sent fewer than {@link NodeTransaction#MAX_SENDS} times. {@code own}
   * is this store's digest after R.
   */
  Optional<Transaction> again(StateReader state, Block committed, Optional<OwnDigest> own, long head) {
    if (sent == null || sends >= NodeTransaction.MAX_SENDS) {
      return Optional.empty();
    }
    if (sentAt == UNKNOWN) {
      sentAt = head; // remembered across a restart: count from here
      return Optional.empty();
    }
    long n = committed.number();
    long r = sent.block();
    if (n - sentAt < NodeTransaction.RESEND_AFTER_BLOCKS || n <= r || !canLand(r, head) || own.isEmpty()
        || own.get().block() != r) {
      return Optional.empty();
    }
    String me = identity.account().value();
    if (SidechainState.node(state, me).isEmpty()
        || SidechainState.reports(state, r).stream().anyMatch(rep -> rep.account().equals(me))) {
      return Optional.empty();
    }
    long last = sentAt;
    sentAt = head;
    sends++;
    events.sendingAgain("report for block " + r, last, n, sends, NodeTransaction.MAX_SENDS);
    return Optional.of(signed(state, own.get().digest(), committed));
  }

  private Transaction signed(StateReader state, String digest, Block reference) {
    long expirationSeconds = SidechainState.params(state).expirationSeconds();
    // The report's proposed header (NodeReport.proposal): every honest node proposes the same one.
    return NodeTransaction.signed(NodeReport.proposal(genesis, expirationSeconds, BlockId.fromHex(sent.id()), sent.time(), digest)
        .withVersion(version).operation(genesis, identity.account()), reference, identity, genesis.chainId(), crypto);
  }
}
