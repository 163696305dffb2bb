package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The {@code devnet_admin} methods on block production: {@code pause_production},
 * {@code resume_production} and {@code produce_blocks {count}}. They act on a devnet with a block timer;
 * a stepped devnet (started with a zero interval) only takes {@code produce_blocks}.
 */
final class ProductionAdmin {
  static final String COUNT = "count";
  /** The most blocks one {@code produce_blocks} makes (a few seconds of work). */
  static final int MAX_BLOCKS_PER_CALL = 10_000;

  private final Devnet devnet;

  ProductionAdmin(Devnet devnet) {
    this.devnet = Objects.requireNonNull(devnet, "devnet");
  }

  /** Stops the block timer; when this answers, no timed block is being made. */
  JsonNode pause(AdminParams params, JsonRpcServer via) throws JsonRpcError {
    requireTimer("pause_production");
    devnet.pauseProduction();
    return DevnetStatus.write(devnet);
  }

  JsonNode resume(AdminParams params, JsonRpcServer via) throws JsonRpcError {
    requireTimer("resume_production");
    if (devnet.productionFailure().isPresent()) {
      throw DevnetAdmin.refused("resume_production", "block production stopped for good after a bug in the devnet: " + devnet.productionFailure().get());
    }
    devnet.resumeProduction();
    return DevnetStatus.write(devnet);
  }

  /** Makes {@code count} blocks now: only while paused (or stepped), so that the head moves by exactly that. */
  JsonNode produce(AdminParams params, JsonRpcServer via) throws JsonRpcError {
    int count = params.requiredInt(COUNT, 1, MAX_BLOCKS_PER_CALL);
    if (!devnet.blockInterval().isZero() && !devnet.isProductionPaused()) {
      throw DevnetAdmin.refused("produce_blocks", "production is running: pause it first (devnet_admin.pause_production), so that the head moves by exactly "
          + count);
    }
    devnet.step(count);
    return DevnetStatus.write(devnet);
  }

  private void requireTimer(String method) throws JsonRpcError {
    if (devnet.blockInterval().isZero()) {
      throw DevnetAdmin.refused(method, "this devnet has no block timer (it was started stepped): use devnet_admin.produce_blocks");
    }
  }
}
