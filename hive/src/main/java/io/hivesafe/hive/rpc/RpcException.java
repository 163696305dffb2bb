package io.hivesafe.hive.rpc;

/**
 * A JSON-RPC call that produced no result. Checked, because every caller of the node's RPC source must
 * decide what an unreachable or refusing node means for it. Exactly three kinds:
 * {@link RpcTransportException} (no endpoint gave a usable answer; safe to try again later),
 * {@link RpcErrorException} (hived answered with a JSON-RPC error; repeating the same call will
 * usually get the same answer) and {@link WrongChainException} (a client with a {@link ChainGuard}
 * reached an endpoint of another chain; its answer was not used).
 */
public abstract sealed class RpcException extends Exception
    permits RpcTransportException, RpcErrorException, WrongChainException {
  private final String method;

  RpcException(String method, String message, Throwable cause) {
    super(message, cause);
    this.method = method;
  }

  /** The JSON-RPC method that failed, e.g. {@code block_api.get_block}. */
  public String method() {
    return method;
  }
}
