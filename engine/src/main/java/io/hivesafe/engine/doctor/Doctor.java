package io.hivesafe.engine.doctor;

import io.hivesafe.engine.config.NodeConfig;
import io.hivesafe.engine.node.NodeIdentity;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.rpc.DynamicGlobalProperties;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.ops.NetworkGenesis;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code hivesafe doctor}'s checks after the config's (which the command makes with the node's own code):
 * in order, the key files, every API endpoint (answers, on the genesis's chain), their lag, the clock, the
 * data directory, free disk, the node's account and its active key, its registered multisig key, resource
 * credits, and the multisig account's authority and treasury. Each finding is handed to the sink as it
 * is made. Doctor writes nothing: the state store is verified on a copy ({@link StoreCopy}).
 */
public final class Doctor {
  static final String CHAIN = "chain";
  private final Clock clock;
  private final DiskCheck.FreeSpace space;

  public Doctor(Clock clock) {
    this(clock, DiskCheck.SYSTEM);
  }

  Doctor(Clock clock, DiskCheck.FreeSpace space) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.space = Objects.requireNonNull(space, "space");
  }

  /**
   * Runs the checks on a config whose genesis and keys may not have loaded (the config's own finding says
   * why); {@code identity} is present when the keys loaded.
   */
  public void run(NodeConfig config, Optional<NetworkGenesis> genesis, Optional<NodeIdentity> identity, Consumer<Finding> sink) {
    KeyFileCheck.check(config).forEach(sink);
    if (genesis.isEmpty()) {
      sink.accept(Finding.fail(CHAIN, "not checked: the genesis did not load (see config)", "fix the genesis first"));
      DiskCheck.check(config.dataDir(), space).forEach(sink);
      return;
    }
    NetworkGenesis g = genesis.get();
    List<EndpointReading> readings = new ArrayList<>();
    for (URI endpoint : config.rpc().endpoints()) {
      readings.add(EndpointReading.read(endpoint, config.rpc()));
    }
    EndpointCheck.check(readings, g.chainId()).forEach(sink);
    List<EndpointReading> good = readings.stream().filter(r -> EndpointCheck.onChain(r, g.chainId())).toList();
    LagCheck.check(good).forEach(sink);
    ClockCheck.check(good, clock).forEach(sink);
    DataDirCheck.Result data = DataDirCheck.check(config, g);
    sink.accept(data.finding());
    try {
      DiskCheck.check(config.dataDir(), space).forEach(sink);
      Optional<NodeKeys> keys = identity.map(NodeKeys::of);
      if (config.account().isPresent() && keys.isEmpty()) {
        sink.accept(Finding.fail(NodeAccountCheck.ACCOUNT, "not checked: the keys did not load (see config)", "fix the keys first"));
      } else if (keys.isPresent()) {
        RegisteredKeyCheck.check(keys.get(), g, data.facts()).forEach(sink);
      } else {
        sink.accept(Finding.ok(NodeAccountCheck.ACCOUNT, "a follower (no account): no account, keys or registration to check"));
      }
      if (good.isEmpty()) {
        sink.accept(Finding.fail(CHAIN, "not checked (account, RC, multisig authority, treasury): no endpoint answers on the "
            + "genesis's chain " + g.chainId().toHex(), "see the api lines"));
        return;
      }
      onChain(config, g, keys, data, good, sink);
    } finally {
      data.copy().ifPresent(StoreCopy::close);
    }
  }

  private void onChain(NodeConfig config, NetworkGenesis g, Optional<NodeKeys> keys, DataDirCheck.Result data,
      List<EndpointReading> good, Consumer<Finding> sink) {
    long head = 0;
    Instant headTime = Instant.EPOCH;
    for (EndpointReading r : good) {
      DynamicGlobalProperties p = r.properties().orElseThrow();
      head = Math.max(head, p.headBlockNumber());
      headTime = p.time().isAfter(headTime) ? p.time() : headTime;
    }
    RpcConfig rpc = config.rpc();
    List<URI> urls = good.stream().map(EndpointReading::endpoint).toList();
    // guarded: every reading below comes from an endpoint on the genesis's chain, even one swapped behind its address
    try (HiveRpcClient api = new HiveRpcClient(new RpcConfig(urls, rpc.callTimeout(), Math.min(rpc.maxAttempts(), urls.size() + 1),
        rpc.initialBackoff(), rpc.maxBackoff()), io.hivesafe.hive.rpc.RpcListener.NONE,
        io.hivesafe.engine.service.ChainIdCheck.guard(g.chainId(), wrong -> { }))) {
      List<AccountName> rcAccounts = new ArrayList<>();
      List<io.hivesafe.engine.node.RcRole> roles = new ArrayList<>();
      if (keys.isPresent()) {
        NodeAccountCheck.check(keys.get(), api).forEach(sink);
        rcAccounts.add(keys.get().account());
        roles.add(io.hivesafe.engine.node.RcRole.NODE);
      }
      rcAccounts.add(g.multisigAccount());
      roles.add(io.hivesafe.engine.node.RcRole.MULTISIG);
      ResourceCreditCheck.check(rcAccounts, roles, api, headTime).forEach(sink);
      MultisigChain multisig = MultisigChain.read(api, g.multisigAccount());
      if (data.copy().isPresent()) {
        MultisigAuthorityCheck.againstState(g, data.copy().get(), data.facts().orElseThrow().lastBlock().getAsLong(), api,
            multisig).forEach(sink);
      } else {
        MultisigAuthorityCheck.againstGenesis(g, head, multisig).forEach(sink);
      }
      RecoveryWindowCheck.check(g.multisigAccount(), multisig.account(), headTime).forEach(sink);
      TreasuryCheck.check(g, head, data.copy().isPresent(), multisig).forEach(sink);
    }
  }

  /** The worst verdict of {@code findings} (OK when there are none). */
  public static Verdict worst(List<Finding> findings) {
    Verdict worst = Verdict.OK;
    for (Finding f : findings) {
      worst = worst.worst(f.verdict());
    }
    return worst;
  }
}
