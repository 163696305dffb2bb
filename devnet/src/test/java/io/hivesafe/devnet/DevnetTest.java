package io.hivesafe.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The devnet's lifecycle: timed production, pausing, stepping, endpoints, closing. */
class DevnetTest {
  @Test
  void pausedProductionMakesNoBlocksWhileStepStillDoes() throws Exception {
    try (Devnet devnet = Devnet.start(DevnetConfig.testnet(), Duration.ofMillis(5), 0)) {
      Await.until("timed blocks", () -> devnet.chain().headBlockNumber() >= 4);
      devnet.pauseProduction();
      long head = devnet.chain().headBlockNumber();
      long ticks = devnet.ticks();
      Await.until("the producer to fire three more times", () -> devnet.ticks() >= ticks + 3);
      assertEquals(head, devnet.chain().headBlockNumber(), "no block while paused");
      assertEquals(2, devnet.step(2).size());
      assertEquals(head + 2, devnet.chain().headBlockNumber());
      devnet.resumeProduction();
      Await.until("timed blocks again", () -> devnet.chain().headBlockNumber() >= head + 4);
    }
  }

  @Test
  void aBugInBlockProductionStopsTheProducerVisibly() throws Exception {
    try (Devnet devnet = Devnet.start(DevnetConfig.testnet(), Duration.ofMillis(5), 0)) {
      java.util.concurrent.atomic.AtomicLong failedAt = new java.util.concurrent.atomic.AtomicLong();
      devnet.chain().onBlock(block -> {
        failedAt.compareAndSet(0, block.number());
        throw new IllegalStateException("listener bug at block " + block.number());
      });
      Await.until("the producer to stop", () -> devnet.productionFailure().isPresent());
      assertEquals("listener bug at block " + failedAt.get(), devnet.productionFailure().orElseThrow().getMessage());
      assertTrue(devnet.isProductionPaused());
      devnet.resumeProduction();
      assertTrue(devnet.isProductionPaused(), "a failed producer does not resume");
      assertEquals(failedAt.get(), devnet.chain().headBlockNumber());
    }
  }

  @Test
  void everyEndpointServesTheSameChainAndCloseStopsThemAll() throws Exception {
    Devnet devnet = Devnet.start(DevnetConfig.testnet(), Duration.ZERO, 0);
    JsonRpcServer second = devnet.addEndpoint(FaultPlan.NONE);
    devnet.step(2);
    assertEquals(3, RawRpc.call(devnet.url(0), "condenser_api.get_dynamic_global_properties", "[]").at("/result/head_block_number").asInt());
    assertEquals(3, RawRpc.call(second.url(), "condenser_api.get_dynamic_global_properties", "[]").at("/result/head_block_number").asInt());
    assertEquals(second, devnet.endpoint(1));
    assertTrue(devnet.url(0).toString().matches("http://127\\.0\\.0\\.1:[0-9]+"), devnet.url(0).toString());
    devnet.close();
    devnet.close();
    for (JsonRpcServer endpoint : devnet.endpoints()) {
      assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", endpoint.port()).close());
    }
    assertThrows(IllegalStateException.class, () -> devnet.addEndpoint(FaultPlan.NONE));
  }

  @Test
  void aTakenPortAndABadIntervalAreRefused() throws Exception {
    try (Devnet first = Devnet.start(DevnetConfig.testnet(), Duration.ZERO, 0)) {
      assertThrows(java.net.BindException.class, () -> Devnet.start(DevnetConfig.testnet(), Duration.ZERO, first.endpoint(0).port()));
    }
    assertThrows(IllegalArgumentException.class, () -> Devnet.start(DevnetConfig.testnet(), Duration.ofMillis(-5), 0));
    assertThrows(IllegalArgumentException.class, () -> Devnet.start(DevnetConfig.testnet(), Duration.ofNanos(10), 0));
  }
}
