package io.hivesafe.engine.node;

import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.TransactionId;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.rpc.AccountHistoryEntry;
import io.hivesafe.hive.rpc.AccountInfo;
import io.hivesafe.hive.rpc.Sleeper;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scripted {@link AccountChain} for the rules of the chain checks: the test sets the head, the account
 * as find_accounts would show it, and the history; {@link #pause} is the checks' {@link Sleeper}, which
 * runs the next step of the script (usually: a block lands) instead of sleeping. Also a node store at
 * block 1 of a {@link TrafficNetwork} (books = the genesis treasury, authority = the genesis's).
 */
final class ScriptedChain implements AccountChain {
  static final AccountName MS = TrafficNetwork.MULTISIG;
  static final AccountName USER = AccountName.of("user0");

  long head;
  long hive = TrafficNetwork.TREASURY;
  long hbd = TrafficNetwork.TREASURY;
  Authority owner;
  Authority active;
  Optional<AccountName> recovery = Optional.empty();
  final List<AccountHistoryEntry> history = new ArrayList<>();
  /** What each pause does, in order; a pause past the script does nothing. */
  final List<Runnable> steps = new ArrayList<>();
  /** When set, the head answers this value once, then the real head (a block landing during a reading). */
  Long headOnce;
  int pauses;
  int headCalls;

  ScriptedChain(TrafficNetwork net, long head) {
    this.head = head;
    this.owner = net.network().owner();
    this.active = net.network().active();
  }

  /** A store whose last committed block is the network's block 1 (its genesis state), applied for real. */
  static StateStore nodeStore(TrafficNetwork net, Path dir) {
    DevnetChain chain = new DevnetChain(net.devnetConfig());
    StateStore store = StateStore.open(StateConfig.of(dir));
    BlockApplier applier = new BlockApplier(net.network(), new Secp256k1Signatures());
    try (StateTransaction tx = store.begin(1)) {
      applier.apply(tx, chain.block(1).orElseThrow().block());
      tx.commit();
    }
    return store;
  }

  /** {@code net} with a genesis that names {@code recovery} as the multisig account's recovery account. */
  static TrafficNetwork withRecovery(TrafficNetwork net, AccountName recovery) {
    NetworkGenesis g = net.network();
    NetworkGenesis named = new NetworkGenesis(g.network(), g.chainId(), g.prefix(), g.multisigAccount(), g.startBlock(),
        g.tokenSymbol(), g.tokenPrecision(), g.tallyInterval(), g.reportOffset(), g.params(), g.allocations(), g.treasuryHive(),
        g.treasuryHbd(), g.nodes(), g.owner(), g.active(), Optional.of(recovery), g.custody());
    return new TrafficNetwork(net.devnetGenesis(), named, net.users(), net.nodes());
  }

  Sleeper pause() {
    return duration -> {
      int i = pauses++;
      if (i < steps.size()) {
        steps.get(i).run();
      }
    };
  }

  /** A transaction of {@code ops} in {@code block} at place {@code trx}, added to the history. */
  ScriptedChain tx(long block, int trx, Operation... ops) {
    for (int i = 0; i < ops.length; i++) {
      history.add(new AccountHistoryEntry(history.size(), block, TransactionId.fromBytes(new byte[20]), trx, i, false,
          Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3 * block), ops[i]));
    }
    return this;
  }

  static TransferOperation deposit(long milliHive) {
    return new TransferOperation(USER, MS, Asset.of(milliHive, AssetSymbol.HIVE), "");
  }

  static TransferOperation payout(long milliHive) {
    return new TransferOperation(MS, USER, Asset.of(milliHive, AssetSymbol.HIVE), "");
  }

  @Override
  public long head() {
    headCalls++;
    if (headOnce != null) {
      long h = headOnce;
      headOnce = null;
      return h;
    }
    return head;
  }

  @Override
  public Optional<AccountInfo> account() {
    return Optional.of(new AccountInfo(MS, owner, active, active, Optional.empty(), Asset.of(hive, AssetSymbol.HIVE),
        Asset.of(hbd, AssetSymbol.HBD), Instant.parse("2026-01-01T00:00:00Z"), recovery));
  }

  @Override
  public List<AccountHistoryEntry> historyAfter(long block) {
    return history.stream().filter(e -> e.block() > block).toList();
  }
}
