package io.hivesafe.hive.rpc;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every attempt of a call failed before hived gave a JSON-RPC answer: connection refused, timeout,
 * HTTP status other than 2xx, a body that is not a JSON-RPC 2.0 response, a response to another
 * request id, or a result Hivesafe cannot read. {@link #failures()} lists each attempt in order; the
 * cause is the exception behind the last one (if there was one).
 *
 * <p>For a broadcast this does not mean the transaction was not delivered: see
 * {@link HiveRpcClient#broadcastTransaction}.
 */
public final class RpcTransportException extends RpcException {
  private final List<EndpointFailure> failures;

  RpcTransportException(String method, List<EndpointFailure> failures, String summary, Throwable cause) {
    super(method, method + " " + summary + ": " + describe(failures), cause);
    this.failures = List.copyOf(failures);
  }

  /** The failed attempts, first to last. */
  public List<EndpointFailure> failures() {
    return failures;
  }

  private static String describe(List<EndpointFailure> failures) {
    return failures.isEmpty()
        ? "no endpoint was tried"
        : failures.stream().map(EndpointFailure::toString).collect(Collectors.joining("; "));
  }
}
