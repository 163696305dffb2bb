package io.hivesafe.ops;

import io.hivesafe.chrono.Chrono;
import io.hivesafe.chrono.ScheduledTask;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.AccountUpdate2Operation;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.OperationEffects;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.state.WriteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Applies one Hive block to the sidechain state, in DESIGN §3.1's order, inside the caller's state
 * transaction: (1) every operation of every transaction in block order, (2) chrono tasks due at the
 * block, (3) nothing for a report block (the shell reports after commit), (4) the tally at a tally
 * block. The caller commits.
 *
 * <p>Each sidechain operation runs in its own child buffer: accepted, its writes join the block;
 * rejected, they are dropped and only a feed entry with the reason is written. Any exception that
 * escapes {@link #apply} is a bug in this node: the caller must drop the whole block and stop.
 *
 * <p>Pure: no clock, no I/O, no randomness; the result depends only on the state and the block.
 */
public final class BlockApplier {
  /** The sidechain operations, by name after the prefix (the table's, in name order). All need the active authority. */
  public static final List<String> OPERATIONS = SidechainOps.names();

  private final NetworkGenesis genesis;
  private final SignatureScheme crypto;
  private final String multisig;
  private final AccountWatch watch;

  public BlockApplier(NetworkGenesis genesis, SignatureScheme crypto) {
    this.genesis = genesis;
    this.crypto = crypto;
    this.multisig = genesis.multisigAccount().value();
    this.watch = new AccountWatch(genesis);
  }

  public NetworkGenesis genesis() {
    return genesis;
  }

  public BlockOutcome apply(WriteBuffer tx, Block block) {
    long number = block.number();
    SidechainState state = new SidechainState(tx);
    FeedWriter feed = new FeedWriter(state, number);
    if (!state.initialized()) {
      if (number != genesis.startBlock()) {
        throw new IllegalStateException("an empty state must start at the genesis start block " + genesis.startBlock()
            + ", not " + number);
      }
      GenesisState.write(state, genesis, feed);
    } else if (number <= genesis.startBlock()) {
      throw new IllegalStateException("block " + number + " is not after the start block " + genesis.startBlock());
    }
    state.putBlockRef(number, block.id().toHex());
    BlockScope scope = new BlockScope(number, block.timestamp(), feed);
    for (BlockTransaction btx : block.transactions()) {
      // The round whose own transaction this is, judged before any of its operations applies: only the
      // transaction whose id is the round's stored id confirms it (the block carries every id).
      String txId = btx.id().toHex();
      Optional<MultisigTx> round = SidechainState.multisigInFlight(tx).filter(r -> r.id().equals(txId));
      List<Operation> ops = btx.transaction().operations();
      for (int i = 0; i < ops.size(); i++) {
        applyOperation(tx, ops.get(i), block, txId, i, round, scope);
      }
    }
    int tasks = runChrono(state, number, scope);
    MultisigOperations.expireIfPast(state, number, block.timestamp(), feed);
    Optional<TallyRecord> tally = Optional.empty();
    if (genesis.isTallyBlock(number)) {
      tally = Tally.run(state, genesis, number, block.timestamp(), block.id().toHex(), feed);
      GovernanceOperations.review(state, number, feed);
      scope.custodyMayHaveMoved = true;
    }
    if (scope.custodyMayHaveMoved) {
      Custody.checkLimit(state, genesis, feed);
    }
    if (tally.isPresent()) {
      MultisigBuilder.atTally(state, genesis, tally.get(), number, block.timestamp(), feed);
    }
    if (genesis.isTallyBlock(number)) {
      long feedFrom = number - state.params().feedRetention();
      if (feedFrom > 0) {
        state.pruneFeed(feedFrom);
      }
    }
    return new BlockOutcome(number, scope.accepted, scope.rejected, tasks, tally, feed.alarms());
  }

  /** What one block's application carries from operation to operation. */
  private static final class BlockScope {
    final long number;
    final Instant time;
    final FeedWriter feed;
    int accepted;
    int rejected;
    /** Something that can move the safety limit happened: check it at the end of the block. */
    boolean custodyMayHaveMoved;

    BlockScope(long number, Instant time, FeedWriter feed) {
      this.number = number;
      this.time = time;
      this.feed = feed;
    }

    void count(OpResult r) {
      if (r.accepted()) {
        accepted++;
      } else {
        rejected++;
      }
    }
  }

  /**
   * One operation. Outside our round's own transaction, anything that needs the multisig account's
   * owner or active authority, or targets its recovery, is an alarm (docs/multisig.md, "Alarms"); what
   * it takes out of the account's liquid balance is booked as an unexplained outflow, never a payout.
   */
  private void applyOperation(WriteBuffer tx, Operation op, Block block, String txId, int index, Optional<MultisigTx> round,
      BlockScope scope) {
    long number = block.number();
    FeedWriter feed = scope.feed;
    SidechainState s = new SidechainState(tx);
    OperationEffects effects = OperationEffects.of(op);
    boolean ours = round.isPresent();
    boolean guarded = !ours && (effects.needsOwnerOrActive(genesis.multisigAccount())
        || effects.recoveryTarget().filter(genesis.multisigAccount()::equals).isPresent());
    if (op instanceof CustomJsonOperation cj) {
      if (!cj.id().startsWith(genesis.prefix())) {
        if (guarded) {
          watch.alarmForEffects(s, op, effects, txId, index, feed);
        }
        return;
      }
      // The name is recorded (the feed's kind, an unknown operation's reason): it must have a UTF-8 form.
      String name = OpArgs.withoutLoneSurrogates(cj.id().substring(genesis.prefix().length()));
      boolean active = !cj.requiredAuths().isEmpty();
      String sender = active ? cj.requiredAuths().get(0).value()
          : cj.requiredPostingAuths().isEmpty() ? "" : cj.requiredPostingAuths().get(0).value();
      if (name.equals(MultisigBuilder.MS_SIGNED) && active && sender.equals(multisig) && !ours) {
        watch.strayMarker(s, cj, txId, index, feed);
        return;
      }
      if (guarded) {
        watch.alarmForEffects(s, op, effects, txId, index, feed);
      }
      OpContext ctx = new OpContext(number, block.timestamp(), txId, index, sender, active);
      OpResult result = runIsolated(tx, ctx, name, cj.json());
      feed.add(txId, index, sender, name, result.accepted(), result.reason());
      scope.count(result);
      return;
    }
    if (op instanceof TransferOperation t) {
      if (t.from().value().equals(multisig)) {
        watch.outgoing(s, t, round, txId, index, feed);
        return;
      }
      if (t.to().value().equals(multisig)) {
        OpContext ctx = new OpContext(number, block.timestamp(), txId, index, t.from().value(), true);
        OpResult result = PayoutOperations.deposit(s, ctx, t, genesis);
        feed.add(txId, index, ctx.sender(), "deposit", true, result.reason());
        scope.count(result);
      }
      return;
    }
    if (op instanceof AccountUpdateOperation u) {
      if (u.account().value().equals(multisig)) {
        scope.custodyMayHaveMoved |= watch.authorityUpdate(s, op, effects, u.owner(), u.active(), ours, number, feed, txId, index);
      }
      return;
    }
    if (op instanceof AccountUpdate2Operation u) {
      if (u.account().value().equals(multisig)) {
        scope.custodyMayHaveMoved |= watch.authorityUpdate(s, op, effects, u.owner(), u.active(), ours, number, feed, txId, index);
      }
      return;
    }
    if (guarded) {
      watch.alarmForEffects(s, op, effects, txId, index, feed);
    }
  }

  private OpResult runIsolated(WriteBuffer tx, OpContext ctx, String name, String json) {
    WriteBuffer child = tx.child();
    OpResult result;
    try {
      result = dispatch(new SidechainState(child), ctx, name, json);
    } catch (OpRejected e) {
      result = OpResult.rejected(e.reason());
    }
    if (result.accepted()) {
      child.publish();
    } else {
      child.discard();
    }
    return result;
  }

  /**
   * The operation's JSON read by its codec from the one table ({@link SidechainOps}), then its handler.
   * Every sidechain operation needs the active authority.
   */
  private OpResult dispatch(SidechainState s, OpContext ctx, String name, String json) throws OpRejected {
    if (!SidechainOps.known(name)) {
      return OpResult.rejected(ReasonCode.UNKNOWN_OPERATION, name);
    }
    if (!ctx.active()) {
      return OpResult.rejected(ReasonCode.NEEDS_ACTIVE, name);
    }
    SidechainOp op = SidechainOps.read(name, json);
    if (op instanceof SendOp o) {
      return TokenOperations.send(s, ctx, o);
    } else if (op instanceof GovLockOp o) {
      return TokenOperations.lock(s, ctx, o);
    } else if (op instanceof GovUnlockOp o) {
      return TokenOperations.unlock(s, ctx, o);
    } else if (op instanceof NodeAddOp o) {
      return NodeOperations.add(s, ctx, o, genesis, crypto);
    } else if (op instanceof ReportOp o) {
      return NodeOperations.report(s, ctx, o, genesis);
    } else if (op instanceof WithdrawOp o) {
      return PayoutOperations.withdraw(s, ctx, o, genesis.custody());
    } else if (op instanceof ProposeOp o) {
      return GovernanceOperations.propose(s, ctx, o, genesis.custody());
    } else if (op instanceof ApproveOp o) {
      return GovernanceOperations.approve(s, ctx, o);
    } else if (op instanceof SigSubmitOp o) {
      return MultisigOperations.submit(s, ctx, o, crypto);
    } else if (op instanceof MsSignedOp o) {
      return MultisigOperations.confirm(s, ctx, o, genesis);
    }
    throw new IllegalStateException("operation " + name + " is in the table but has no handler");
  }

  private int runChrono(SidechainState state, long number, BlockScope scope) {
    FeedWriter feed = scope.feed;
    List<ScheduledTask> due = Chrono.at(state.buffer(), number).takeDue(number);
    for (ScheduledTask task : due) {
      CoreTask t = CoreTask.of(task.task());
      Reason detail;
      String account;
      if (t instanceof CoreTask.Unlock u) {
        account = u.account();
        detail = TokenOperations.finishUnlock(state, u.account(), u.amount());
      } else if (t instanceof CoreTask.Recast r) {
        account = multisig;
        detail = MultisigOperations.recast(state, r.seq(), number);
      } else if (t instanceof CoreTask.Execute e) {
        account = "";
        detail = GovernanceOperations.execute(state, e.id(), number, genesis);
        scope.custodyMayHaveMoved = true;
      } else {
        throw new IllegalStateException("core task " + t + " has no runner");
      }
      feed.add("", 0, account, task.task().kind(), true, detail);
    }
    return due.size();
  }

  /** Exposed for key tooling and tests: the digest a node_add proof signs. */
  public static byte[] nodeAddProofDigest(NetworkGenesis genesis, String account) {
    return NodeOperations.proofDigest(genesis, account);
  }

  /**
   * The same digest from the chain id, the prefix and the account alone — all it depends on — so that a
   * founder can prove a key before the network's genesis exists ({@code hivesafe keys generate --chain-id}).
   */
  public static byte[] nodeAddProofDigest(io.hivesafe.hive.protocol.ChainId chainId, String prefix, String account) {
    return NodeOperations.proofDigest(chainId, prefix, account);
  }

  /**
   * The digest a founder's card's account signature signs (the account's active key over its chain id,
   * prefix, network name, multisig account, account and multisig key; docs/protocol.md "Founder cards"):
   * it proves the account chose the key for this one network.
   */
  public static byte[] founderAccountDigest(io.hivesafe.hive.protocol.ChainId chainId, String prefix, String network,
      String multisigAccount, String account, io.hivesafe.hive.crypto.PublicKey key) {
    return NodeOperations.founderDigest(chainId, prefix, network, multisigAccount, account, key);
  }
}
