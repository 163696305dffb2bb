package io.hivesafe.hive.rpc;

import io.hivesafe.hive.protocol.ChainId;
import java.net.URI;
import java.util.Objects;

/**
 * An endpoint serves another chain than the client's {@link ChainGuard} names: nothing it answered was
 * used, and no other endpoint was tried for the call. Not a passing fault: an API that changes chains
 * under a node (or a list of endpoints mixing chains) is a misconfiguration the operator must fix.
 */
public final class WrongChainException extends RpcException {
  private final URI endpoint;
  private final ChainId served;
  private final ChainId expected;

  WrongChainException(String method, URI endpoint, ChainId served, ChainId expected) {
    super(method, EndpointText.of(endpoint) + " serves chain id " + served.toHex() + ", not the expected " + expected.toHex(), null);
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.served = served;
    this.expected = expected;
  }

  /** The endpoint, as configured. */
  public URI endpoint() {
    return endpoint;
  }

  /** The chain id the endpoint answered. */
  public ChainId served() {
    return served;
  }

  /** The chain id the guard expects. */
  public ChainId expected() {
    return expected;
  }
}
