package io.hivesafe.engine.source;

import io.hivesafe.engine.CapturedEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.rpc.RpcConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The RPC block source over HTTP, through {@link RpcBlockApi} and the project's JSON-RPC client. */
class RpcBlockSourceHttpTest {
  private static final BlockSourceConfig FAST = BlockSourceConfig.defaults()
      .withPollInterval(Duration.ofMillis(20))
      .withBackoff(Duration.ofMillis(1), Duration.ofMillis(20));

  private final SyntheticChain chain = SyntheticChain.main();
  private final CapturedEvents captured = new CapturedEvents();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private FakeHiveServer server(long head, long lib) {
    FakeHiveServer server = new FakeHiveServer(chain, head, lib);
    open.add(server);
    return server;
  }

  private RpcBlockSource start(FakeHiveServer... servers) {
    List<URI> endpoints = new ArrayList<>();
    for (FakeHiveServer server : servers) {
      endpoints.add(server.uri());
    }
    RpcConfig rpc = new RpcConfig(endpoints, Duration.ofSeconds(5), 3, Duration.ofMillis(1), Duration.ofMillis(10));
    RpcBlockSource source = RpcBlockSource.overRpc(FAST, rpc, 1, Optional.empty(), captured.events);
    open.add(source);
    return source.start();
  }

  private void assertMainChain(List<Block> blocks, long first, long last) {
    assertEquals(last - first + 1, blocks.size());
    for (int i = 0; i < blocks.size(); i++) {
      assertEquals(chain.id(first + i), blocks.get(i).id());
    }
  }

  @Test
  void aRangeWithAMissingBlockNeverHandsOnTheBlocksAfterTheGapBeforeIt() throws Exception {
    FakeHiveServer hived = server(10, 10).thenRange(request -> {
      List<Block> withGap = new ArrayList<>(chain.blocks(1, 5));
      withGap.addAll(chain.blocks(7, 10));
      return FakeHiveServer.result(request, SyntheticChain.rangeJson(withGap));
    });
    RpcBlockSource source = start(hived);

    assertMainChain(Consume.through(source, 10), 1, 10);
    assertEquals(1, source.fetchErrors());
    assertEquals(2, hived.rangeRequests.get(), "blocks 1..5 kept, 6..10 asked again");
  }

  @Test
  void propertiesFromOneEndpointAndRangesFromALaggingOneNeverSkipABlock() throws Exception {
    // A reports LIB 1000 but fails every range call, so the client moves to B, which has only 900.
    FakeHiveServer ahead = server(1_000, 1_000);
    ahead.rangeReply = FakeHiveServer::status503;
    FakeHiveServer behind = server(900, 900);
    RpcBlockSource source = start(ahead, behind);

    assertMainChain(Consume.through(source, 900), 1, 900);
    assertEquals(Optional.empty(), source.poll(Duration.ofMillis(300)), "901..1000 are nowhere to be had yet");
    assertTrue(ahead.propertiesRequests.get() >= 1);

    behind.head = 1_000;
    behind.lib = 1_000;
    behind.servedUpTo = 1_000;
    assertMainChain(Consume.through(source, 1_000), 901, 1_000);
    assertEquals(0, source.fetchErrors(), "the 503s were the client's to fail over, not the source's");
  }

  @Test
  void anEndpointThatRefusesIsLeftForAnother() throws Exception {
    FakeHiveServer refusing = server(50, 50);
    refusing.rangeReply = request -> FakeHiveServer.error(request, -32603, "Internal Error");
    FakeHiveServer healthy = server(50, 50);
    RpcBlockSource source = start(refusing, healthy);

    assertMainChain(Consume.through(source, 50), 1, 50);
    assertEquals(1, refusing.rangeRequests.get(), "one refusal, then the other endpoint");
    assertEquals(1, source.fetchErrors());
  }
}
