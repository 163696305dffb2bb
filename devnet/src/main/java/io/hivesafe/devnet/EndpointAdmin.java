package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code devnet_admin} methods on endpoints, each naming one by its index ({@code endpoint}: 0 is the
 * first, then in the order added): {@code set_faults} replaces its whole {@link FaultPlan}
 * ({@link FaultPlanJson}), {@code stop_endpoint} makes it refuse connections as a dead API node does,
 * {@code start_endpoint} listens again on the same port.
 */
final class EndpointAdmin {
  static final String ENDPOINT = "endpoint";
  static final Set<String> SET_FAULTS_PARAMS = withEndpoint(FaultPlanJson.FIELDS);

  private final Devnet devnet;

  EndpointAdmin(Devnet devnet) {
    this.devnet = Objects.requireNonNull(devnet, "devnet");
  }

  JsonNode setFaults(AdminParams params, JsonRpcServer via) throws JsonRpcError {
    JsonRpcServer endpoint = endpoint(params);
    FaultPlan plan = FaultPlanJson.read(params);
    endpoint.setFaults(plan);
    return DevnetStatus.write(devnet);
  }

  /** Stops an endpoint other than the one serving the call, so that one is left to start it again. */
  JsonNode stop(AdminParams params, JsonRpcServer via) throws JsonRpcError {
    int index = index(params);
    JsonRpcServer endpoint = devnet.endpoint(index);
    if (endpoint == via) {
      throw DevnetAdmin.refused("stop_endpoint",
          "endpoint " + index + " is serving this call: stop it through another endpoint, which can then start it again");
    }
    endpoint.stop();
    return DevnetStatus.write(devnet);
  }

  JsonNode start(AdminParams params, JsonRpcServer via) throws JsonRpcError {
    JsonRpcServer endpoint = endpoint(params);
    try {
      endpoint.start();
    } catch (IOException e) {
      throw DevnetAdmin.refused("start_endpoint", "cannot listen on 127.0.0.1:" + endpoint.port() + " again: " + e.getMessage());
    }
    return DevnetStatus.write(devnet);
  }

  private JsonRpcServer endpoint(AdminParams params) throws JsonRpcError {
    return devnet.endpoint(index(params));
  }

  /** The endpoint's index, within those the devnet has. */
  private int index(AdminParams params) throws JsonRpcError {
    return params.requiredInt(ENDPOINT, 0, devnet.endpoints().size() - 1);
  }

  private static Set<String> withEndpoint(Set<String> fields) {
    Set<String> names = new HashSet<>(fields);
    names.add(ENDPOINT);
    return Set.copyOf(names);
  }
}
