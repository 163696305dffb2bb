package io.hivesafe.hive.rpc;

import java.net.URI;
import java.util.Objects;

/** One failed attempt of a call: the endpoint asked and why its answer was unusable. */
public record EndpointFailure(URI endpoint, String reason) {
  public EndpointFailure {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return EndpointText.of(endpoint) + " (" + reason + ")";
  }
}
