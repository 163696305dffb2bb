package io.hivesafe.engine.service;

import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.rpc.ChainConfig;
import io.hivesafe.hive.rpc.ChainGuard;
import io.hivesafe.hive.rpc.EndpointFailure;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.hive.rpc.RpcErrorException;
import io.hivesafe.hive.rpc.RpcException;
import io.hivesafe.hive.rpc.RpcTransportException;
import io.hivesafe.hive.rpc.WrongChainException;
import io.hivesafe.hive.rpc.EndpointText;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Whether the Hive APIs a node is configured with serve the genesis's chain: each endpoint is asked for
 * its chain id (database_api.get_config) through a client of its own, once, so that a list mixing two
 * chains shows as such. {@code run} refuses to start when any endpoint serves another chain; {@code
 * doctor} prints each answer. While the node runs, {@link #guard} keeps the same rule on every answer.
 */
public final class ChainIdCheck {
  /** How often a running node asks each endpoint's chain id again, besides after failures and new connections. */
  public static final Duration RECHECK_EVERY = Duration.ofMinutes(1);

  /** What one endpoint answered. */
  public sealed interface Answer permits Same, Other, NoAnswer {
    URI endpoint();

    /** One line for an operator: the endpoint, what it serves, and what to do if that is wrong. */
    String line();
  }

  /** The endpoint serves the genesis's chain. */
  public record Same(URI endpoint, ChainId chainId) implements Answer {
    @Override
    public String line() {
      return EndpointText.of(endpoint) + " serves chain id " + chainId.toHex() + ", the genesis's";
    }
  }

  /** The endpoint serves another chain: a node must not follow it. */
  public record Other(URI endpoint, ChainId served, ChainId expected) implements Answer {
    @Override
    public String line() {
      return EndpointText.of(endpoint) + " serves chain id " + served.toHex() + ", but the genesis names chain id " + expected.toHex()
          + ": it is another chain's API; remove it from api.endpoints, or use the genesis of the network on that chain";
    }
  }

  /** The endpoint did not answer (or refused get_config): its chain id is unknown. */
  public record NoAnswer(URI endpoint, String reason) implements Answer {
    @Override
    public String line() {
      return EndpointText.of(endpoint) + " did not answer (" + reason + ")";
    }
  }

  private ChainIdCheck() {}

  /** Asks every endpoint of {@code rpc} once, in order, each through its own client with one attempt. */
  public static List<Answer> ask(RpcConfig rpc, ChainId expected) {
    Objects.requireNonNull(expected, "expected");
    List<Answer> answers = new ArrayList<>();
    for (URI endpoint : rpc.endpoints()) {
      RpcConfig one = new RpcConfig(List.of(endpoint), rpc.callTimeout(), 1, rpc.initialBackoff(), rpc.maxBackoff());
      try (HiveRpcClient client = new HiveRpcClient(one)) {
        ChainConfig served = client.getConfig();
        answers.add(served.chainId().equals(expected) ? new Same(endpoint, expected) : new Other(endpoint, served.chainId(), expected));
      } catch (RpcException e) {
        answers.add(new NoAnswer(endpoint, reason(e)));
      }
    }
    return List.copyOf(answers);
  }

  /** The endpoints that serve another chain, the reason to refuse a start. */
  public static List<Other> others(List<Answer> answers) {
    return answers.stream().filter(a -> a instanceof Other).map(a -> (Other) a).toList();
  }

  /** The endpoints that did not answer. */
  public static List<NoAnswer> silent(List<Answer> answers) {
    return answers.stream().filter(a -> a instanceof NoAnswer).map(a -> (NoAnswer) a).toList();
  }

  /** {@code URL1 (reason), URL2 (reason)}: the endpoints that did not answer, for one line. */
  public static String describe(List<NoAnswer> silent) {
    return silent.stream().map(s -> EndpointText.of(s.endpoint()) + " (" + s.reason() + ")").collect(Collectors.joining(", "));
  }

  /** The guard a running node's clients carry: the genesis's chain id, rechecked every {@link #RECHECK_EVERY}. */
  public static ChainGuard guard(ChainId expected, Consumer<WrongChainException> onWrongChain) {
    return new ChainGuard(expected, RECHECK_EVERY, onWrongChain);
  }

  private static String reason(RpcException e) {
    if (e instanceof RpcTransportException t && !t.failures().isEmpty()) {
      return t.failures().stream().map(EndpointFailure::reason).collect(Collectors.joining("; "));
    }
    if (e instanceof RpcErrorException) {
      return "refused database_api.get_config: " + e.getMessage();
    }
    return e.getMessage();
  }
}
