package io.hivesafe.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.config.NodeConfig;
import io.hivesafe.engine.doctor.Doctor;
import io.hivesafe.engine.doctor.Finding;
import io.hivesafe.engine.doctor.Verdict;
import io.hivesafe.engine.node.NodeIdentity;
import io.hivesafe.engine.service.NodeController;
import io.hivesafe.ops.NetworkGenesis;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hivesafe doctor --config FILE}: the preflight an operator runs before {@code run}. One line per
 * finding ({@code OK|WARN|FAIL  check: what was found — what to do}), then a summary; exit 0 when all are
 * OK, 1 when the worst is a WARN, 2 with any FAIL. The config, genesis and keys are checked by the node's
 * own code ({@link RunCommand#readConfig}, {@link NodeController#create}); the rest is {@link Doctor}'s.
 * Writes nothing, prints no private key.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Check a node's config, keys, API endpoints, accounts, RC, authority, data directory, disk and clock "
        + "before run; exit 0 all OK, 1 a WARN, 2 a FAIL (docs/operator.md, \"Preflight: hivesafe doctor\").")
final class DoctorCommand implements Callable<Integer> {
  static final String CONFIG = "config";
  private final Console console;
  private final Clock clock;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "the node's config file")
  Path configFile;

  @Option(names = "--json", description = "print one JSON object (every finding, the counts, the exit code) instead of lines")
  boolean json;

  DoctorCommand(Console console) {
    this(console, Clock.systemUTC());
  }

  DoctorCommand(Console console, Clock clock) {
    this.console = console;
    this.clock = clock;
  }

  @Override
  public Integer call() throws JsonProcessingException {
    List<Finding> findings = new ArrayList<>();
    java.util.function.Consumer<Finding> sink = f -> {
      findings.add(f);
      if (!json) {
        console.out().println(f.line());
        console.out().flush();
      }
    };
    NodeConfig config;
    try {
      config = RunCommand.readConfig(configFile);
    } catch (CliFailure e) {
      sink.accept(Finding.fail(CONFIG, e.getMessage(), "fix it: the other checks need the config"));
      return finish(findings);
    }
    Optional<NetworkGenesis> genesis;
    Optional<NodeIdentity> identity;
    try {
      NodeController node = NodeController.create(config, console.env(), new NodeEvents(), HivesafeCommand.VERSION);
      genesis = Optional.of(node.genesis());
      identity = node.identity();
      sink.accept(Finding.ok(CONFIG, configFile + " and the genesis " + config.genesis() + " pass run's checks: network "
          + node.genesis().network() + " on chain " + node.genesis().chainId().toHex() + ", "
          + config.account().map(a -> "node " + a.value()).orElse("a follower (no account)")));
    } catch (IllegalArgumentException e) {
      sink.accept(Finding.fail(CONFIG, "config " + configFile + ": " + e.getMessage(), "run refuses to start on this"));
      genesis = genesisAlone(config);
      identity = Optional.empty();
    }
    new Doctor(clock).run(config, genesis, identity, sink);
    return finish(findings);
  }

  /** The genesis, when it is the keys (not the genesis) that failed. */
  private static Optional<NetworkGenesis> genesisAlone(NodeConfig config) {
    try {
      return Optional.of(NodeController.readGenesis(config));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private int finish(List<Finding> findings) throws JsonProcessingException {
    Verdict worst = Doctor.worst(findings);
    long ok = count(findings, Verdict.OK);
    long warn = count(findings, Verdict.WARN);
    long fail = count(findings, Verdict.FAIL);
    if (json) {
      ObjectNode o = JsonStdio.MAPPER.createObjectNode();
      o.put("config", configFile.toString());
      ArrayNode list = o.putArray("findings");
      for (Finding f : findings) {
        ObjectNode e = list.addObject();
        e.put("verdict", f.verdict().name());
        e.put("check", f.check());
        e.put("found", f.found());
        e.put("todo", f.todo().orElse(null));
      }
      o.put("ok", ok).put("warn", warn).put("fail", fail).put("worst", worst.name()).put("exit", worst.exitCode());
      console.out().println(JsonStdio.MAPPER.writeValueAsString(o));
    } else {
      String verdict = switch (worst) {
        case OK -> "ready for hivesafe run";
        case WARN -> "hivesafe run can start; read the WARN lines";
        case FAIL -> "fix the FAIL lines before hivesafe run";
      };
      console.out().println("doctor: " + findings.size() + " findings: " + ok + " OK, " + warn + " WARN, " + fail + " FAIL: "
          + verdict);
    }
    console.out().flush();
    return worst.exitCode();
  }

  private static long count(List<Finding> findings, Verdict verdict) {
    return findings.stream().filter(f -> f.verdict() == verdict).count();
  }
}
