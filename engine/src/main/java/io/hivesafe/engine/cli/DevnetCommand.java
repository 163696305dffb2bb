package io.hivesafe.engine.cli;

import io.hivesafe.devnet.Devnet;
import io.hivesafe.devnet.DevnetConfig;
import io.hivesafe.devnet.FaultPlan;
import io.hivesafe.devnet.FaultPlanJson;
import io.hivesafe.devnet.Genesis;
import io.hivesafe.devnet.GenesisFile;
import io.hivesafe.hive.authority.SignatureRules;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hivesafe devnet}: runs a local Hive-compatible chain on 127.0.0.1 until the process is stopped
 * (SIGTERM or Ctrl-C close it cleanly), on one endpoint or more, each with the faults of
 * {@link FaultOptions}. Prints one line when it listens, and one more per further endpoint and for the
 * faults; bad options exit 2 with one line. {@code hivesafe devnet admin} ({@link DevnetAdminCommand})
 * controls a running one.
 */
@Command(name = "devnet", mixinStandardHelpOptions = true,
    description = "Run a local Hive-compatible chain (a test double of hived) on 127.0.0.1 until stopped.")
final class DevnetCommand implements Callable<Integer> {
  /** The most endpoints {@code --endpoints} starts. */
  static final int MAX_ENDPOINTS = 16;

  private final Console console;
  private final StopSignal stop;

  // Not required by picocli: a parent's required option would be demanded before 'devnet admin' too.
  @Option(names = "--port", paramLabel = "PORT", description = "port of endpoint 0 on 127.0.0.1 (0: any free port); required")
  Integer port;

  @Option(names = "--endpoints", paramLabel = "N", defaultValue = "1",
      description = "endpoints serving the same chain, 1..16: endpoint 0 on --port, the others on free ports (default 1)")
  int endpoints;

  @Mixin
  FaultOptions faults = new FaultOptions();

  @Option(names = "--block-ms", paramLabel = "MS", defaultValue = "3000", description = "produce a block every MS milliseconds (default 3000)")
  long blockMs;

  @Option(names = "--genesis", paramLabel = "FILE",
      description = "genesis JSON (chain_id, genesis_time, accounts); default: hived's testnet convention with initminer, alice, bob, carol")
  Path genesis;

  @Option(names = "--hardfork", paramLabel = "27|28", defaultValue = "28",
      description = "signature rules of hardfork 27 or 28 (default 28)")
  int hardfork;

  @Option(names = "--irreversible-lag", paramLabel = "N", defaultValue = "" + DevnetConfig.DEFAULT_IRREVERSIBLE_LAG,
      description = "blocks the last irreversible block trails the head (default ${DEFAULT-VALUE})")
  int irreversibleLag;

  DevnetCommand(Console console, StopSignal stop) {
    this.console = console;
    this.stop = stop;
  }

  @Override
  public Integer call() throws InterruptedException {
    stop.arm();
    DevnetConfig config = config();
    FaultPlan plan = faults.plan();
    Devnet devnet;
    try {
      devnet = Devnet.start(config, Duration.ofMillis(blockMs), port);
    } catch (IOException e) {
      throw new CliFailure("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    try {
      devnet.endpoint(0).setFaults(plan);
      for (int i = 1; i < endpoints; i++) {
        devnet.addEndpoint(plan.withSeed(plan.seed() + i));
      }
      console.out().println("devnet listening on " + devnet.url(0) + " chain_id " + config.genesis().chainId().toHex()
          + " (hardfork " + config.hardforkVersion() + ", block every " + blockMs + " ms)");
      for (int i = 1; i < endpoints; i++) {
        console.out().println("devnet endpoint " + i + " listening on " + devnet.url(i));
      }
      if (!plan.equals(FaultPlan.NONE)) {
        console.out().println("devnet faults on every endpoint (endpoint i draws with seed + i): " + FaultPlanJson.write(plan));
      }
      console.out().flush();
      stop.runUntilStopped(devnet::close);
    } catch (IOException e) {
      throw new CliFailure("cannot open another endpoint on 127.0.0.1: " + e.getMessage(), e);
    } finally {
      devnet.close();
    }
    return 0;
  }

  private DevnetConfig config() {
    if (port == null) {
      throw new CliFailure("--port is required (0: any free port)");
    }
    if (port < 0 || port > 65_535) {
      throw new CliFailure("--port must be within 0..65535, got " + port);
    }
    if (blockMs < 1 || blockMs > Duration.ofHours(1).toMillis()) {
      throw new CliFailure("--block-ms must be within 1..3600000 (the devnet makes blocks only on this timer), got " + blockMs);
    }
    if (endpoints < 1 || endpoints > MAX_ENDPOINTS) {
      throw new CliFailure("--endpoints must be within 1.." + MAX_ENDPOINTS + ", got " + endpoints);
    }
    SignatureRules rules = switch (hardfork) {
      case 27 -> SignatureRules.PRE_HF28;
      case 28 -> SignatureRules.HF28;
      default -> throw new CliFailure("--hardfork must be 27 or 28, got " + hardfork);
    };
    Genesis start;
    try {
      start = genesis == null ? Genesis.testnet() : GenesisFile.read(genesis);
    } catch (IllegalArgumentException e) {
      throw new CliFailure("--genesis: " + e.getMessage(), e);
    }
    try {
      return DevnetConfig.of(start).withRules(rules).withIrreversibleLag(irreversibleLag);
    } catch (IllegalArgumentException e) {
      throw new CliFailure("--irreversible-lag: " + e.getMessage(), e);
    }
  }
}
