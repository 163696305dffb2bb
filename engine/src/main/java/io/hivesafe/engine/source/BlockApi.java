package io.hivesafe.engine.source;

import io.hivesafe.hive.rpc.DynamicGlobalProperties;
import io.hivesafe.hive.rpc.RpcException;

/**
 * The two Hive API calls the block source makes, and a way to move away from an endpoint whose answers
 * were unusable. {@link RpcBlockApi} makes them over JSON-RPC; tests script them.
 */
public interface BlockApi extends AutoCloseable {
  /** database_api.get_dynamic_global_properties: the head and the last irreversible block. */
  DynamicGlobalProperties properties() throws RpcException;

  /**
   * block_api.get_block_range from {@code start}, at most {@code count} (1..1000) blocks: the usable
   * prefix of the answer and, if it went wrong after that prefix, why.
   *
   * @throws RpcException when no endpoint answered, or the one asked refused the call
   * @throws io.hivesafe.hive.HiveFormatException when the answer is not a block range at all
   */
  BlockRange blockRange(long start, int count) throws RpcException;

  /**
   * The last answer was unusable (refused, malformed, cut short, not linked): send the next calls to
   * another endpoint when there is one.
   */
  void preferAnotherEndpoint();

  @Override
  void close();
}
