package io.hivesafe.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.devnet.DevnetAdmin;
import io.hivesafe.devnet.FaultPlanJson;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.hive.rpc.RpcException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hivesafe devnet admin --url URL ACTION}: calls the running devnet's {@code devnet_admin}
 * namespace and prints its JSON answer on one line (the devnet's status after the action). A refusal or
 * an unreachable devnet is one line on stderr and exit 2. Each action is a subcommand here, one call each.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
    description = "Control a running devnet through its devnet_admin JSON-RPC namespace; prints the devnet's status as JSON.",
    subcommands = {DevnetAdminCommand.Status.class, DevnetAdminCommand.Pause.class, DevnetAdminCommand.Resume.class,
        DevnetAdminCommand.Produce.class, DevnetAdminCommand.Faults.class, DevnetAdminCommand.StopEndpoint.class,
        DevnetAdminCommand.StartEndpoint.class, DevnetAdminCommand.DrainRc.class, DevnetAdminCommand.SetRc.class})
final class DevnetAdminCommand implements Callable<Integer> {
  /** How long one admin call may take (produce_blocks of 10,000 blocks takes a few seconds). */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private final Console console;

  @Option(names = "--url", required = true, paramLabel = "URL", description = "any endpoint of the devnet, e.g. http://127.0.0.1:8090")
  URI url;

  DevnetAdminCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    throw new CliFailure("name an action: status, pause, resume, produce N, faults --endpoint I …, stop-endpoint I, start-endpoint I, drain-rc ACCOUNT, set-rc ACCOUNT --mana N");
  }

  /** Calls {@code devnet_admin.method} once (no retry: an action must not happen twice) and prints the result. */
  int call(String method, JsonNode params) {
    RpcConfig config;
    try {
      config = new RpcConfig(List.of(url), CALL_TIMEOUT, 1, Duration.ZERO, Duration.ZERO);
    } catch (IllegalArgumentException e) {
      throw new CliFailure("--url: " + e.getMessage(), e);
    }
    try (HiveRpcClient client = new HiveRpcClient(config)) {
      JsonNode result = client.call(DevnetAdmin.NAMESPACE + "." + method, params);
      console.out().println(JsonStdio.MAPPER.writeValueAsString(result));
      return 0;
    } catch (RpcException e) {
      throw new CliFailure(e.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  private static ObjectNode params() {
    return JsonStdio.MAPPER.createObjectNode();
  }

  /** {@code {"account", "max_rc"?}}: what drain-rc and set-rc both send. */
  private static ObjectNode rcParams(String account, Long maxRc) {
    ObjectNode params = params().put("account", account);
    if (maxRc != null) {
      params.put("max_rc", maxRc);
    }
    return params;
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the head, production and every endpoint with its faults.")
  static final class Status implements Callable<Integer> {
    @ParentCommand
    DevnetAdminCommand admin;

    @Override
    public Integer call() {
      return admin.call("status", params());
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop timed block production (the head stops moving).")
  static final class Pause implements Callable<Integer> {
    @ParentCommand
    DevnetAdminCommand admin;

    @Override
    public Integer call() {
      return admin.call("pause_production", params());
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Start timed block production again.")
  static final class Resume implements Callable<Integer> {
    @ParentCommand
    DevnetAdminCommand admin;

    @Override
    public Integer call() {
      return admin.call("resume_production", params());
    }
  }

  @Command(name = "produce", mixinStandardHelpOptions = true, description = "Produce COUNT blocks now (production must be paused).")
  static final class Produce implements Callable<Integer> {
    @ParentCommand
    DevnetAdminCommand admin;

    @Parameters(paramLabel = "COUNT", description = "blocks to produce, 1..10000")
    int count;

    @Override
    public Integer call() {
      return admin.call("produce_blocks", params().put("count", count));
    }
  }

  @Command(name = "faults", mixinStandardHelpOptions = true,
      description = "Replace one endpoint's faults with those given (none given: no faults).")
  static final class Faults implements Callable<Integer> {
    @ParentCommand
    DevnetAdminCommand admin;

    @Option(names = "--endpoint", required = true, paramLabel = "I", description = "the endpoint's index (0 is the first)")
    int endpoint;

    @Mixin
    FaultOptions faults = new FaultOptions();

    @Override
    public Integer call() {
      ObjectNode params = params().put("endpoint", endpoint);
      params.setAll(FaultPlanJson.write(faults.plan()));
      return admin.call("set_faults", params);
    }
  }

  @Command(name = "stop-endpoint", mixinStandardHelpOptions = true,
      description = "Stop endpoint I: it refuses connections, as a dead API node does (call through another endpoint).")
  static final class StopEndpoint implements Callable<Integer> {
    @ParentCommand
    DevnetAdminCommand admin;

    @Parameters(paramLabel = "I", description = "the endpoint's index")
    int endpoint;

    @Override
    public Integer call() {
      return admin.call("stop_endpoint", params().put("endpoint", endpoint));
    }
  }

  @Command(name = "start-endpoint", mixinStandardHelpOptions = true, description = "Start endpoint I again, on the same port.")
  static final class StartEndpoint implements Callable<Integer> {
    @ParentCommand
    DevnetAdminCommand admin;

    @Parameters(paramLabel = "I", description = "the endpoint's index")
    int endpoint;

    @Override
    public Integer call() {
      return admin.call("start_endpoint", params().put("endpoint", endpoint));
    }
  }

  @Command(name = "drain-rc", mixinStandardHelpOptions = true,
      description = "Empty ACCOUNT's resource credits now; its transactions are refused as hived refuses them until mana regenerates.")
  static final class DrainRc implements Callable<Integer> {
    @ParentCommand
    DevnetAdminCommand admin;

    @Parameters(paramLabel = "ACCOUNT", description = "the devnet account")
    String account;

    @Option(names = "--max-rc", paramLabel = "N", description = "also set its max_rc to N (a small one keeps it short for longer)")
    Long maxRc;

    @Override
    public Integer call() {
      return admin.call("drain_rc", rcParams(account, maxRc));
    }
  }

  @Command(name = "set-rc", mixinStandardHelpOptions = true, description = "Set ACCOUNT's resource credits (mana, and max_rc if given).")
  static final class SetRc implements Callable<Integer> {
    @ParentCommand
    DevnetAdminCommand admin;

    @Parameters(paramLabel = "ACCOUNT", description = "the devnet account")
    String account;

    @Option(names = "--mana", required = true, paramLabel = "N", description = "its mana now (0..max_rc)")
    long mana;

    @Option(names = "--max-rc", paramLabel = "N", description = "its max_rc (default: unchanged)")
    Long maxRc;

    @Override
    public Integer call() {
      return admin.call("set_rc", rcParams(account, maxRc).put("mana", mana));
    }
  }
}
