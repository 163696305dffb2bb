package io.hivesafe.ops;

import io.hivesafe.chrono.Chrono;
import io.hivesafe.chrono.ScheduledTask;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.AccountUpdate2Operation;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.state.WriteBuffer;
import java.util.ArrayList;
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
  /** The sidechain operations, by name after the prefix. All need the active authority. */
  public static final List<String> OPERATIONS = List.of("send", "gov_lock", "gov_unlock", "node_add", "report", "withdraw",
      "propose", "approve", "sig_submit", MultisigBuilder.MS_SIGNED);

  private final NetworkGenesis genesis;
  private final SignatureScheme crypto;
  private final String multisig;

  public BlockApplier(NetworkGenesis genesis, SignatureScheme crypto) {
    this.genesis = genesis;
    this.crypto = crypto;
    this.multisig = genesis.multisigAccount().value();
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
    int accepted = 0;
    int rejected = 0;
    for (BlockTransaction btx : block.transactions()) {
      List<Operation> ops = btx.transaction().operations();
      for (int i = 0; i < ops.size(); i++) {
        Optional<OpResult> result = applyOperation(tx, ops.get(i), number, block, btx, i, feed);
        if (result.isPresent()) {
          if (result.get().accepted()) {
            accepted++;
          } else {
            rejected++;
          }
        }
      }
    }
    int tasks = runChrono(state, number, feed);
    MultisigOperations.expireIfPast(state, number, block.timestamp())
        .ifPresent(detail -> feed.add("", 0, multisig, "multisig", false, detail));
    Optional<TallyRecord> tally = Optional.empty();
    if (genesis.isTallyBlock(number)) {
      tally = Tally.run(state, genesis, number, block.timestamp(), block.id().toHex(), feed);
      GovernanceOperations.review(state, number, feed);
      if (tally.isPresent()) {
        MultisigBuilder.atTally(state, genesis, tally.get(), number, block.timestamp(), feed);
      }
      long feedFrom = number - state.params().feedRetention();
      if (feedFrom > 0) {
        state.pruneFeed(feedFrom);
      }
    }
    return new BlockOutcome(number, accepted, rejected, tasks, tally, feed.alarms());
  }

  private Optional<OpResult> applyOperation(WriteBuffer tx, Operation op, long number, Block block, BlockTransaction btx,
      int index, FeedWriter feed) {
    String txId = btx.id().toHex();
    if (op instanceof CustomJsonOperation) {
      CustomJsonOperation cj = (CustomJsonOperation) op;
      if (!cj.id().startsWith(genesis.prefix())) {
        return Optional.empty();
      }
      String name = cj.id().substring(genesis.prefix().length());
      boolean active = !cj.requiredAuths().isEmpty();
      String sender = active ? cj.requiredAuths().get(0).value()
          : cj.requiredPostingAuths().isEmpty() ? "" : cj.requiredPostingAuths().get(0).value();
      OpContext ctx = new OpContext(number, block.timestamp(), txId, index, sender, active);
      OpResult result = runIsolated(tx, ctx, name, cj.json());
      feed.add(txId, index, sender, name, result.accepted(), result.detail());
      return Optional.of(result);
    }
    if (op instanceof TransferOperation) {
      TransferOperation t = (TransferOperation) op;
      if (t.from().value().equals(multisig)) {
        checkOutgoing(new SidechainState(tx), t, btx, txId, index, feed);
        return Optional.empty();
      }
      if (t.to().value().equals(multisig)) {
        OpContext ctx = new OpContext(number, block.timestamp(), txId, index, t.from().value(), true);
        OpResult result = PayoutOperations.deposit(new SidechainState(tx), ctx, t, genesis);
        feed.add(txId, index, ctx.sender(), "deposit", true, result.detail());
        return Optional.of(result);
      }
      return Optional.empty();
    }
    if (op instanceof AccountUpdateOperation) {
      AccountUpdateOperation u = (AccountUpdateOperation) op;
      return recordAuthority(tx, u.account().value(), u.active(), number, txId, index, feed);
    }
    if (op instanceof AccountUpdate2Operation) {
      AccountUpdate2Operation u = (AccountUpdate2Operation) op;
      return recordAuthority(tx, u.account().value(), u.active(), number, txId, index, feed);
    }
    return Optional.empty();
  }

  /**
   * A transfer out of the multisig account is explained only by the round in flight: its transaction
   * carries that round's marker. Anything else is an alarm (feed; the shell logs and counts it).
   */
  private void checkOutgoing(SidechainState s, TransferOperation t, BlockTransaction btx, String txId, int index,
      FeedWriter feed) {
    Optional<MultisigTx> current = SidechainState.multisigInFlight(s.buffer());
    boolean explained = current.isPresent()
        && btx.transaction().operations().contains(MultisigBuilder.marker(genesis, current.get().seq()));
    if (explained) {
      feed.add(txId, index, multisig, "payout", true, "paid " + t.amount().amount() + " " + PeggedAsset.of(t.amount().symbol())
          + " to " + t.to() + " (round " + current.get().seq() + ")");
    } else {
      feed.add(txId, index, multisig, "alarm", false, "ALARM: a transfer of " + t.amount().amount() + " "
          + t.amount().symbol() + " to " + t.to() + " out of the multisig account that no round of ours explains");
    }
  }

  private OpResult runIsolated(WriteBuffer tx, OpContext ctx, String name, String json) {
    WriteBuffer child = tx.child();
    OpResult result;
    try {
      result = dispatch(new SidechainState(child), ctx, name, json);
    } catch (OpRejected e) {
      result = OpResult.rejected(e.getMessage());
    }
    if (result.accepted()) {
      child.publish();
    } else {
      child.discard();
    }
    return result;
  }

  private OpResult dispatch(SidechainState s, OpContext ctx, String name, String json) throws OpRejected {
    if (!OPERATIONS.contains(name)) {
      return OpResult.rejected("unknown operation " + name);
    }
    if (!ctx.active()) {
      return OpResult.rejected(name + " needs the active authority (required_auths), it was signed with posting");
    }
    switch (name) {
      case "send":
        return TokenOperations.send(s, ctx, json);
      case "gov_lock":
        return TokenOperations.lock(s, ctx, json);
      case "gov_unlock":
        return TokenOperations.unlock(s, ctx, json);
      case "node_add":
        return NodeOperations.add(s, ctx, json, genesis, crypto);
      case "report":
        return NodeOperations.report(s, ctx, json, genesis);
      case "withdraw":
        return PayoutOperations.withdraw(s, ctx, json, genesis.custody());
      case "propose":
        return GovernanceOperations.propose(s, ctx, json, genesis.custody());
      case "approve":
        return GovernanceOperations.approve(s, ctx, json);
      case "sig_submit":
        return MultisigOperations.submit(s, ctx, json, crypto);
      case MultisigBuilder.MS_SIGNED:
        return MultisigOperations.confirm(s, ctx, json, genesis);
      default:
        throw new IllegalStateException("operation " + name + " is listed but has no handler");
    }
  }

  private Optional<OpResult> recordAuthority(WriteBuffer tx, String account, Optional<Authority> active, long number,
      String txId, int index, FeedWriter feed) {
    if (!account.equals(multisig) || active.isEmpty()) {
      return Optional.empty();
    }
    List<String> keys = new ArrayList<>();
    for (Authority.KeyWeight kw : active.get().keyAuths()) {
      keys.add(kw.key().toString());
    }
    keys.sort(null);
    new SidechainState(tx).putAuthority(new MultisigAuthority(active.get().weightThreshold(), keys, number));
    OpResult result = OpResult.ok("multisig active authority: threshold " + active.get().weightThreshold() + ", "
        + keys.size() + " keys");
    feed.add(txId, index, account, "authority", true, result.detail());
    return Optional.of(result);
  }

  private int runChrono(SidechainState state, long number, FeedWriter feed) {
    List<ScheduledTask> due = Chrono.at(state.buffer(), number).takeDue(number);
    for (ScheduledTask task : due) {
      String kind = task.task().kind();
      String detail;
      String account;
      if (kind.equals(TokenOperations.UNLOCK_TASK)) {
        account = task.task().param("account");
        detail = TokenOperations.finishUnlock(state, account, Long.parseLong(task.task().param("amount")));
      } else if (kind.equals(MultisigOperations.RECAST_TASK)) {
        account = multisig;
        detail = MultisigOperations.recast(state, Long.parseLong(task.task().param("seq")), number);
      } else if (kind.equals(GovernanceOperations.EXECUTE_TASK)) {
        account = "";
        detail = GovernanceOperations.execute(state, Long.parseLong(task.task().param("id")), number);
      } else {
        throw new IllegalStateException("chrono task of unknown kind " + kind + " due at block " + number);
      }
      feed.add("", 0, account, kind, true, detail);
    }
    return due.size();
  }

  /** Exposed for key tooling and tests: the digest a node_add proof signs. */
  public static byte[] nodeAddProofDigest(NetworkGenesis genesis, String account) {
    return NodeOperations.proofDigest(genesis, account);
  }
}
