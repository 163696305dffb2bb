package io.hivesafe.devnet;

/** How an endpoint fails a request when its {@link FaultPlan} says it should. */
public enum FailureKind {
  /** HTTP 503 with a short plain-text body, as a proxy in front of a busy node answers. */
  HTTP_503,
  /** HTTP 200 with a JSON-RPC -32603 "Internal Error" for the request (each request of a batch). */
  INTERNAL_ERROR,
  /** The connection is closed without any response. */
  CONNECTION_CLOSED
}
