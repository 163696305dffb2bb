package io.hivesafe.engine.node;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.hive.codec.TransactionCodec;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.WireFormat;
import io.hivesafe.ops.SigSubmitOp;
import io.hivesafe.ops.SidechainOps;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NodeRecord;
import io.hivesafe.ops.Roster;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.state.StateReader;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's part in the multisig round in flight (DESIGN §3.5), looked at after every commit while live:
 * <ul>
 *   <li><b>sign</b>: if its multisig key is one of the round's signers, it signs the round's digest
 *       and posts {@code sig_submit} — once per round (a restart may sign again: RFC 6979 gives the same
 *       signature, and the core counts a key once). If the round, still in flight and not ready,
 *       has not counted its key although the node has committed {@link NodeTransaction#RESEND_AFTER_BLOCKS}
 *       blocks past the chain's head at the last send, the submission was lost on its way: it sends it again against a fresh reference
 *       block, {@link NodeTransaction#MAX_SENDS} times at most;
 *   <li><b>broadcast</b>: once the round is ready, attempt k is this node's if it is the
 *       (k mod n)-th signer node in rank order (runners first, in roster order). It broadcasts the
 *       transaction with a minimal signature set in hived's order: keys sorted, stopping at the
 *       threshold, so the transaction is valid with or without HF28's redundant-signature rule. Before
 *       it does, it checks the signed transaction as hived would ({@link OwnBroadcastCheck}: hived's
 *       authority walk against the multisig account's recorded authority, under both hardfork rule sets);
 *       a transaction that fails is not broadcast, only logged ({@link NodeEvents#broadcastWithheld}) and
 *       counted ({@link #withheld()}), and the next signer's recast tries again.
 * </ul>
 * A diverged node does neither. Everything it reads is committed state; everything it writes goes out
 * through the outbox and comes back, if at all, through the chain.
 */
final class MultisigDuties {
  private final NetworkGenesis genesis;
  private final NodeIdentity identity;
  private final SignatureScheme crypto;
  private final String myKey;
  private final NodeEvents events;
  private long signedSeq;
  private long signedAt;
  private int signSends;
  private long broadcastSeq;
  private long broadcastAttempt = -1;
  private final AtomicLong withheld = new AtomicLong();

  /** One transaction to send: the duty it does, its name in the log, the transaction. */
  record Send(Duty duty, String what, Transaction tx) {}

  MultisigDuties(NetworkGenesis genesis, NodeIdentity identity, SignatureScheme crypto, NodeEvents events) {
    this.genesis = genesis;
    this.events = events;
    this.identity = identity;
    this.crypto = crypto;
    this.myKey = identity.multisigKey().publicKey().toString();
  }

  /**
   * What to send after a commit, given the committed state and the chain's head as last seen
   * ({@code head} ≥ the committed block).
   */
  List<Send> after(StateReader state, Block committed, long head) {
    List<Send> out = new ArrayList<>();
    MultisigTx round = SidechainState.multisigInFlight(state).orElse(null);
    if (round == null || !round.signers().contains(myKey)) {
      return out;
    }
    if (!round.signatures().containsKey(myKey) && (signedSeq != round.seq() || lost(round, committed.number()))) {
      if (signedSeq != round.seq()) {
        signedSeq = round.seq();
        signSends = 0;
      } else {
        events.sendingAgain("signature for round " + round.seq(), signedAt, committed.number(), signSends + 1,
            NodeTransaction.MAX_SENDS);
      }
      signedAt = head;
      signSends++;
      CompactSignature sig = crypto.sign(identity.multisigKey(), HexFormat.of().parseHex(round.digest()));
      CustomJsonOperation op = SidechainOps.operation(genesis, identity.account(), new SigSubmitOp(round.seq(), sig));
      String what = "signature for round " + round.seq() + (signSends > 1 ? " (send " + signSends + ")" : "");
      out.add(new Send(Duty.signature(round.seq()), what, NodeTransaction.signed(op, committed, identity, genesis.chainId(), crypto)));
    }
    if (round.ready() && isMyAttempt(state, round) && !(broadcastSeq == round.seq() && broadcastAttempt == round.attempt())) {
      broadcastSeq = round.seq();
      broadcastAttempt = round.attempt();
      String what = "round " + round.seq() + " (attempt " + round.broadcastAttempt() + ", id " + round.id() + ")";
      Transaction signed = signedRound(round);
      Optional<String> refusal = OwnBroadcastCheck.refusal(
          signed, genesis.multisigAccount(), SidechainState.authority(state), genesis.chainId(), crypto);
      if (refusal.isPresent()) {
        withheld.incrementAndGet();
        events.broadcastWithheld(what, refusal.get());
      } else {
        out.add(new Send(Duty.broadcast(round.seq()), what, signed));
      }
    }
    return out;
  }

  /** Multisig transactions this node did not broadcast because {@link OwnBroadcastCheck} refused them. */
  long withheld() {
    return withheld.get();
  }

  /**
   * Whether this round's signature, already sent, is lost: the round still needs signatures (not ready),
   * has not counted ours although the node has committed {@link NodeTransaction#RESEND_AFTER_BLOCKS}
   * blocks past the head it saw at the last send, and it was sent fewer than
   * {@link NodeTransaction#MAX_SENDS} times.
   */
  private boolean lost(MultisigTx round, long block) {
    return !round.ready() && block - signedAt >= NodeTransaction.RESEND_AFTER_BLOCKS && signSends < NodeTransaction.MAX_SENDS;
  }

  private boolean isMyAttempt(StateReader state, MultisigTx round) {
    List<String> order = signerNodes(state, round);
    return !order.isEmpty() && order.get((int) (round.attempt() % order.size())).equals(identity.account().value());
  }

  /** The nodes holding the round's signer keys: runners in roster order, then the others by name. */
  static List<String> signerNodes(StateReader state, MultisigTx round) {
    Roster roster = SidechainState.roster(state);
    List<String> runners = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (NodeRecord n : SidechainState.nodes(state)) {
      if (round.signers().contains(n.key())) {
        (roster.isRunner(n.account()) ? runners : others).add(n.account());
      }
    }
    runners.sort((a, b) -> Integer.compare(roster.runners().indexOf(a), roster.runners().indexOf(b)));
    runners.addAll(others);
    return runners;
  }

  /**
   * The round's transaction with the signatures hived's walk uses for each authority it needs (keys in
   * byte order, stopping at each threshold: {@link MultisigTx#broadcastKeys}), so none is redundant
   * with or without HF28.
   */
  static Transaction signedRound(MultisigTx round) {
    Transaction unsigned = TransactionCodec.readUnsigned(HexFormat.of().parseHex(round.unsignedHex()), WireFormat.HF26);
    List<CompactSignature> sigs = new ArrayList<>();
    for (String key : round.broadcastKeys()) {
      sigs.add(CompactSignature.fromHex(round.signatures().get(key)));
    }
    return unsigned.withSignatures(sigs);
  }
}
