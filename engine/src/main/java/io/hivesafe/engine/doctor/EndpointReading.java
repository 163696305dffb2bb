package io.hivesafe.engine.doctor;

import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.rpc.ChainConfig;
import io.hivesafe.hive.rpc.DynamicGlobalProperties;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.hive.rpc.RpcException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one API endpoint answered, asked alone (its own client, one attempt, the config's timeout):
 * database_api.get_config (its chain id) and get_dynamic_global_properties (head, irreversible block,
 * head time); or why it did not.
 *
 * @param endpoint the URL
 * @param chain its get_config, when it answered
 * @param properties its dynamic global properties, when it answered
 * @param failure why it did not answer (a transport failure, a JSON-RPC error, an unreadable answer)
 */
public record EndpointReading(URI endpoint, Optional<ChainConfig> chain, Optional<DynamicGlobalProperties> properties,
    Optional<String> failure) {
  public EndpointReading {
    Objects.requireNonNull(endpoint, "endpoint");
    if (failure.isPresent() == (chain.isPresent() && properties.isPresent())) {
      throw new IllegalArgumentException("a reading has both answers or a failure");
    }
  }

  /** Asks {@code endpoint} with {@code rpc}'s timeout, once. */
  public static EndpointReading read(URI endpoint, RpcConfig rpc) {
    RpcConfig alone = new RpcConfig(List.of(endpoint), rpc.callTimeout(), 1, rpc.initialBackoff(), rpc.maxBackoff());
    try (HiveRpcClient client = new HiveRpcClient(alone)) {
      ChainConfig chain = client.getConfig();
      DynamicGlobalProperties properties = client.getDynamicGlobalProperties();
      return new EndpointReading(endpoint, Optional.of(chain), Optional.of(properties), Optional.empty());
    } catch (RpcException | HiveFormatException e) {
      return new EndpointReading(endpoint, Optional.empty(), Optional.empty(), Optional.of(String.valueOf(e.getMessage())));
    }
  }

  public boolean answered() {
    return failure.isEmpty();
  }
}
