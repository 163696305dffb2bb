package io.hivesafe.engine.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.rpc.ChainGuard;
import io.hivesafe.hive.rpc.DynamicGlobalProperties;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.hive.rpc.RpcException;
import io.hivesafe.hive.rpc.RpcListener;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link BlockApi} over Hive's JSON-RPC API with failover.
 *
 * <p>{@link HiveRpcClient} moves to the next endpoint only when a call fails in transport (no answer,
 * HTTP error, unreadable result); it stays with an endpoint that answers in good form but with bad
 * content — a block range cut short because the node lags, a gap, a block that does not link — or that
 * refuses with a JSON-RPC error. To leave such an endpoint, this holds one client per endpoint, each
 * trying every endpoint but starting at its own, and {@link #preferAnotherEndpoint()} moves to the
 * client that starts at the next one.
 *
 * <p>Block ranges are read with {@link RangeReader}, which keeps the valid prefix of a damaged answer.
 */
public final class RpcBlockApi implements BlockApi {
  private static final String GET_BLOCK_RANGE = "block_api.get_block_range";

  private final List<HiveRpcClient> clients;
  private final AtomicInteger current = new AtomicInteger();

  /** One client per endpoint of {@code config}, all with its timeouts, attempts and pauses. */
  public RpcBlockApi(RpcConfig config) {
    this(config, RpcListener.NONE);
  }

  /** Likewise, each client telling {@code listener} about every attempt (RPC metrics). */
  public RpcBlockApi(RpcConfig config, RpcListener listener) {
    this(config, listener, Optional.empty());
  }

  /**
   * Likewise; with {@code guard}, every client uses an endpoint's answers only once it checked that the
   * endpoint serves the guard's chain ({@link ChainGuard}).
   */
  public RpcBlockApi(RpcConfig config, RpcListener listener, Optional<ChainGuard> guard) {
    Objects.requireNonNull(config, "config");
    List<URI> endpoints = config.endpoints();
    List<HiveRpcClient> made = new ArrayList<>(endpoints.size());
    for (int first = 0; first < endpoints.size(); first++) {
      List<URI> order = new ArrayList<>(endpoints.size());
      for (int i = 0; i < endpoints.size(); i++) {
        order.add(endpoints.get((first + i) % endpoints.size()));
      }
      RpcConfig from = new RpcConfig(order, config.callTimeout(), config.maxAttempts(), config.initialBackoff(), config.maxBackoff());
      made.add(guard.isPresent() ? new HiveRpcClient(from, listener, guard.get()) : new HiveRpcClient(from, listener));
    }
    this.clients = List.copyOf(made);
  }

  /** Over one client (its own failover only; {@link #preferAnotherEndpoint()} does nothing). Closes it when closed. */
  public RpcBlockApi(HiveRpcClient client) {
    this.clients = List.of(Objects.requireNonNull(client, "client"));
  }

  @Override
  public DynamicGlobalProperties properties() throws RpcException {
    return client().getDynamicGlobalProperties();
  }

  @Override
  public BlockRange blockRange(long start, int count) throws RpcException {
    if (start < 1 || count < 1 || count > HiveRpcClient.MAX_BLOCK_RANGE) {
      throw new IllegalArgumentException("a block range starts at block 1 or later and holds 1.."
          + HiveRpcClient.MAX_BLOCK_RANGE + " blocks, got start " + start + ", count " + count);
    }
    ObjectNode params = JsonNodeFactory.instance.objectNode().put("starting_block_num", start).put("count", count);
    JsonNode result = client().call(GET_BLOCK_RANGE, params);
    return RangeReader.read(result, start, count);
  }

  @Override
  public void preferAnotherEndpoint() {
    current.updateAndGet(index -> (index + 1) % clients.size());
  }

  private HiveRpcClient client() {
    return clients.get(current.get());
  }

  @Override
  public void close() {
    clients.forEach(HiveRpcClient::close);
  }
}
