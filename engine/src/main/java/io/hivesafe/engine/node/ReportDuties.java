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
import java.time.Instant;
import java.util.Optional;

/**
 * A node's {@code report} (DESIGN §3.3): after a report block R it reports its digest; while its window
 * (R, T] is open and the chain has not shown the report {@link NodeTransaction#RESEND_AFTER_BLOCKS}
 * committed blocks after the last send, it signs the same report again against a fresh reference block
 * and sends it again, {@link NodeTransaction#MAX_SENDS} times at most. Only live: the caller asks only
 * then.
 *
 * <p>That it reported R is written into R's own transaction ({@link NodeLocals.SentReport}), so a node
 * killed before its outbox delivered the report sends it again after a restart, while the window is
 * open. The count of sends is kept in memory; a restart starts it again, still bounded by the window.
 */
final class ReportDuties {
  private final NetworkGenesis genesis;
  private final NodeIdentity identity;
  private final SignatureScheme crypto;
  private final String version;
  private final NodeEvents events;
  private SentReport sent;
  private long sentAt;
  private int sends;

  ReportDuties(NetworkGenesis genesis, NodeIdentity identity, SignatureScheme crypto, String version, NodeEvents events,
      Optional<SentReport> remembered) {
    this.genesis = genesis;
    this.identity = identity;
    this.crypto = crypto;
    this.version = version;
    this.events = events;
    remembered.ifPresent(s -> remember(s));
  }

  private void remember(SentReport s) {
    sent = s;
    sentAt = s.block();
    sends = 1;
  }

  /** In report block R's transaction, before its commit: records that the node reports R. */
  void willReport(StateTransaction tx, Block reportBlock) {
    SentReport s = new SentReport(reportBlock.number(), reportBlock.id().toHex(), reportBlock.timestamp());
    s.write(tx);
    remember(s);
  }

  /** After R's commit: the report of {@code digest}, referencing R. */
  Transaction report(StateReader state, Block reportBlock, String digest) {
    if (sent == null || sent.block() != reportBlock.number()) {
      throw new IllegalStateException("block " + reportBlock.number() + " was not recorded as reported (willReport)");
    }
    return signed(state, digest, reportBlock);
  }

  /**
   * After committing {@code committed} (not a report block the node reports), live: the report of the
   * open window again, if the node sent it, the chain has not shown it {@link NodeTransaction#RESEND_AFTER_BLOCKS}
   * blocks after the last send, the node is registered (else the core refuses it anyway) and it has not
   * been sent {@link NodeTransaction#MAX_SENDS} times. {@code own} is this store's digest after R.
   */
  Optional<Transaction> again(StateReader state, Block committed, Optional<OwnDigest> own) {
    long n = committed.number();
    if (sent == null || sends >= NodeTransaction.MAX_SENDS || n - sentAt < NodeTransaction.RESEND_AFTER_BLOCKS) {
      return Optional.empty();
    }
    long r = sent.block();
    long tally = r + genesis.tallyInterval() - genesis.reportOffset();
    if (n <= r || n >= tally || own.isEmpty() || own.get().block() != r) {
      return Optional.empty(); // the window is closed (or a report landing now would be too late), or the digest unknown
    }
    String me = identity.account().value();
    if (SidechainState.node(state, me).isEmpty()
        || SidechainState.reports(state, r).stream().anyMatch(rep -> rep.account().equals(me))) {
      return Optional.empty();
    }
    long last = sentAt;
    sentAt = n;
    sends++;
    events.sendingAgain("report for block " + r, last, n, sends, NodeTransaction.MAX_SENDS);
    return Optional.of(signed(state, own.get().digest(), committed));
  }

  private Transaction signed(StateReader state, String digest, Block reference) {
    long expirationSeconds = SidechainState.params(state).expirationSeconds();
    BlockId id = BlockId.fromHex(sent.id());
    Instant time = sent.time();
    // The report's proposed header (NodeReport.proposal): every honest node proposes the same one.
    return NodeTransaction.signed(NodeReport.proposal(genesis, expirationSeconds, id, time, digest).withVersion(version)
        .operation(genesis, identity.account()), reference, identity, genesis.chainId(), crypto);
  }
}
