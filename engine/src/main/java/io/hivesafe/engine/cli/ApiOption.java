package io.hivesafe.engine.cli;

import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.rpc.DynamicGlobalProperties;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.hive.rpc.RpcException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --api URL} (repeatable): the Hive API nodes a command talks to, tried in turn; and the one
 * transaction header every such command gives a transaction: the head block as its TaPoS reference, the
 * head's time plus {@code seconds} as its expiration.
 */
final class ApiOption {
  /** hived refuses an expiration more than an hour past the head (HIVE_MAX_TIME_UNTIL_EXPIRATION). */
  static final long MAX_EXPIRES_IN = 3_600;

  @Option(names = "--api", paramLabel = "URL", description = "a Hive API node (hived or an API proxy); repeat for failover")
  List<String> urls = new ArrayList<>();

  boolean given() {
    return !urls.isEmpty();
  }

  /** The endpoints as an RPC config (the default timeouts and retries); a bad URL is one line. */
  RpcConfig config() {
    List<URI> endpoints = new ArrayList<>();
    for (String url : urls) {
      try {
        endpoints.add(URI.create(url));
      } catch (IllegalArgumentException e) {
        throw new CliFailure("--api " + url + " is not a URL", e);
      }
    }
    try {
      return RpcConfig.withEndpoints(endpoints);
    } catch (IllegalArgumentException e) {
      throw new CliFailure("--api: " + JsonStdio.oneLine(e.getMessage()), e);
    }
  }

  HiveRpcClient client() {
    RpcConfig config = config();
    try {
      return new HiveRpcClient(config);
    } catch (IllegalArgumentException e) {
      throw new CliFailure("--api: " + JsonStdio.oneLine(e.getMessage()), e);
    }
  }

  /** {@code tx} with the head block as reference and the head's time + {@code seconds} as expiration. */
  static Transaction referenced(Transaction tx, HiveRpcClient client, long seconds) {
    if (seconds < 1 || seconds > MAX_EXPIRES_IN) {
      throw new CliFailure("--expires-in must be within 1.." + MAX_EXPIRES_IN + " seconds (hived's limit), got " + seconds);
    }
    DynamicGlobalProperties head;
    try {
      head = client.getDynamicGlobalProperties();
    } catch (RpcException e) {
      throw new CliFailure("the API did not give the head block: " + JsonStdio.oneLine(e.getMessage()), e);
    }
    return Transaction.builder()
        .referenceBlock(head.headBlockId())
        .expiration(head.time().plusSeconds(seconds))
        .operations(tx.operations())
        .build();
  }
}
