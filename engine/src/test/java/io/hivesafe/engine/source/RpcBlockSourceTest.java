package io.hivesafe.engine.source;

import io.hivesafe.engine.CapturedEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The RPC block source against a scripted API: every fault of the API, and still each block once, in order. */
class RpcBlockSourceTest {
  private static final Duration QUIET = Duration.ofMillis(300);
  private static final BlockSourceConfig FAST = BlockSourceConfig.defaults()
      .withPollInterval(Duration.ofMillis(20))
      .withBackoff(Duration.ofMillis(1), Duration.ofMillis(20));

  private final SyntheticChain chain = SyntheticChain.main();
  private final CapturedEvents captured = new CapturedEvents();
  private final List<RpcBlockSource> sources = new ArrayList<>();

  @AfterEach
  void closeAll() {
    sources.forEach(RpcBlockSource::close);
  }

  private RpcBlockSource start(BlockSourceConfig config, ScriptedBlockApi api, long startBlock, Optional<BlockId> previous) {
    RpcBlockSource source = new RpcBlockSource(config, api, startBlock, previous, captured.events, Clock.systemUTC());
    sources.add(source);
    return source.start();
  }

  private RpcBlockSource start(ScriptedBlockApi api) {
    return start(FAST, api, 1, Optional.empty());
  }

  private void assertMainChain(List<Block> blocks, long first, long last) {
    assertEquals(last - first + 1, blocks.size(), "one block per number");
    for (int i = 0; i < blocks.size(); i++) {
      assertEquals(first + i, blocks.get(i).number());
      assertEquals(chain.id(first + i), blocks.get(i).id(), "block " + (first + i) + " is the main chain's");
    }
  }

  @Test
  void handsOnEveryIrreversibleBlockOnceInOrderAndNothingAboveIt() throws Exception {
    ScriptedBlockApi api = new ScriptedBlockApi(chain, 2_510, 2_500);
    RpcBlockSource source = start(api);

    assertMainChain(Consume.through(source, 2_500), 1, 2_500);
    assertEquals(Optional.empty(), source.poll(QUIET), "block 2501 is above the last irreversible block");
    assertEquals(2_501, source.nextBlockNumber());
    assertEquals(2_500, source.blocksHandedOn());
    assertEquals(0, source.fetchErrors());
    for (long[] call : api.rangeCalls) {
      assertTrue(call[0] + call[1] - 1 <= 2_500, "asked only up to the irreversible block: " + call[0] + "+" + call[1]);
      assertTrue(call[1] <= 1_000, "at most 1000 per call");
    }
    Consume.until("live", () -> source.mode() == BlockSource.Mode.LIVE);
  }

  @Test
  void followsTheHeadWhenAskedTo() throws Exception {
    ScriptedBlockApi api = new ScriptedBlockApi(chain, 50, 40);
    RpcBlockSource source = start(FAST.withIrreversibleOnly(false), api, 1, Optional.empty());

    assertMainChain(Consume.through(source, 50), 1, 50);
    assertEquals(Optional.empty(), source.poll(QUIET));
  }

  @Test
  void aShortRangeKeepsWhatItGotAndFetchesTheRest() throws Exception {
    ScriptedBlockApi api = new ScriptedBlockApi(chain, 1_000, 1_000)
        .thenRange((start, count) -> BlockRange.of(start, chain.blocks(start, start + 299)));
    RpcBlockSource source = start(api);

    assertMainChain(Consume.through(source, 1_000), 1, 1_000);
    assertEquals(301, api.rangeCalls.get(1)[0], "the second call asks from the first block not yet fetched");
    assertEquals(1, source.shortRanges());
    assertEquals(0, source.fetchErrors());
  }

  @Test
  void anEmptyRangeIsAskedAgainNeverSkipped() throws Exception {
    ScriptedBlockApi api = new ScriptedBlockApi(chain, 20, 20)
        .thenRange((start, count) -> BlockRange.of(start, List.of()))
        .thenRange((start, count) -> BlockRange.of(start, List.of()));
    RpcBlockSource source = start(api);

    assertMainChain(Consume.through(source, 20), 1, 20);
    assertEquals(List.of(1L, 1L, 1L), api.rangeCalls.stream().limit(3).map(c -> c[0]).toList());
    assertEquals(2, source.shortRanges());
    assertEquals(2, captured.count("no blocks from 1 yet although the chain is at 20"));
  }

  @Test
  void aMissingBlockInTheMiddleKeepsTheBlocksBeforeItAndNeverHandsOnTheOnesAfter() throws Exception {
    List<Block> withGap = new ArrayList<>(chain.blocks(1, 5));
    withGap.addAll(chain.blocks(7, 10));
    ScriptedBlockApi api = new ScriptedBlockApi(chain, 10, 10).thenRange(ScriptedBlockApi.json(withGap));
    RpcBlockSource source = start(api);

    assertMainChain(Consume.through(source, 10), 1, 10);
    assertEquals(6, api.rangeCalls.get(1)[0], "fetched again from the missing block");
    assertEquals(1, source.fetchErrors());
    assertTrue(api.endpointSwitches.get() >= 1, "asks another endpoint after a damaged answer");
    assertEquals(1, captured.count("damaged after 5 good block(s)"), captured.lines().toString());
  }

  @Test
  void aBlockWithTheWrongPreviousIsNotHandedOn() throws Exception {
    SyntheticChain fork = new SyntheticChain(2);
    ScriptedBlockApi api = new ScriptedBlockApi(chain, 10, 10)
        .thenRange((start, count) -> BlockRange.of(start, chain.blocks(1, 5)))
        // a range from another fork: block 6 names fork's block 5, not the 5 handed on
        .thenRange((start, count) -> BlockRange.of(start, fork.blocks(6, 10)));
    RpcBlockSource source = start(api);

    assertMainChain(Consume.through(source, 10), 1, 10);
    assertEquals(1, source.fetchErrors());
    assertEquals(1, captured.count("block 6 names previous " + fork.id(5)), captured.lines().toString());
  }

  @Test
  void aStartBlockThatDoesNotLinkToTheExpectedPreviousIsNeverHandedOn() throws Exception {
    SyntheticChain fork = new SyntheticChain(2);
    ScriptedBlockApi api = new ScriptedBlockApi(chain, 200, 200);
    RpcBlockSource source = start(FAST, api, 101, Optional.of(fork.id(100)));

    assertEquals(Optional.empty(), source.poll(QUIET));
    assertEquals(101, source.nextBlockNumber());
    assertTrue(source.fetchErrors() >= 1);
    assertTrue(api.rangeCalls.stream().allMatch(c -> c[0] == 101), "never asks past the block that does not link");
  }

  @Test
  void resumesAtTheStartBlockLinkedToTheLastCommittedBlock() throws Exception {
    ScriptedBlockApi api = new ScriptedBlockApi(chain, 3_000, 3_000);
    RpcBlockSource source = start(FAST, api, 1_501, Optional.of(chain.id(1_500)));

    assertMainChain(Consume.through(source, 3_000), 1_501, 3_000);
    assertEquals(1_501, api.rangeCalls.get(0)[0]);
    assertEquals(0, source.fetchErrors());
  }

  @Test
  void anEndpointThatLagsBehindTheReportedIrreversibleBlockIsWaitedForNotSkipped() throws Exception {
    ScriptedBlockApi api = new ScriptedBlockApi(chain, 1_000, 1_000);
    api.servedUpTo = 900; // properties from one endpoint, ranges from another that has only 900
    RpcBlockSource source = start(api);

    assertMainChain(Consume.through(source, 900), 1, 900);
    assertEquals(Optional.empty(), source.poll(QUIET), "blocks 901..1000 are nowhere to be had yet");
    assertTrue(source.shortRanges() >= 1);
    assertTrue(api.endpointSwitches.get() >= 1);

    api.servedUpTo = 1_000;
    assertMainChain(Consume.through(source, 1_000), 901, 1_000);
  }

  @Test
  void aLowerIrreversibleBlockFromALaggingEndpointDoesNotSendTheSourceBack() throws Exception {
    ScriptedBlockApi api = new ScriptedBlockApi(chain, 100, 100);
    RpcBlockSource source = start(api);
    assertMainChain(Consume.through(source, 100), 1, 100);

    api.thenProperties(() -> chain.properties(60, 50));
    api.advance(120, 0);
    assertMainChain(Consume.through(source, 120), 101, 120);
  }

  @Test
  void apiErrorsAreLoggedAndRetried() throws Exception {
    ScriptedBlockApi api = new ScriptedBlockApi(chain, 30, 30)
        .thenProperties(() -> {
          throw ScriptedBlockApi.internalError("database_api.get_dynamic_global_properties");
        })
        .thenProperties(() -> {
          throw ScriptedBlockApi.internalError("database_api.get_dynamic_global_properties");
        })
        .thenRange((start, count) -> {
          throw ScriptedBlockApi.internalError("block_api.get_block_range");
        })
        .thenRange((start, count) -> {
          throw new io.hivesafe.hive.HiveFormatException("get_block_range result has no blocks array");
        });
    RpcBlockSource source = start(api);

    assertMainChain(Consume.through(source, 30), 1, 30);
    assertEquals(4, source.fetchErrors());
    assertEquals(2, captured.count("database_api.get_dynamic_global_properties for block 1 failed"), captured.lines().toString());
    assertEquals(2, captured.count("block_api.get_block_range for block 1 failed"), captured.lines().toString());
  }

  @Test
  void aBugReachesTheConsumerAfterTheBlocksQueuedBeforeIt() throws Exception {
    IllegalStateException bug = new IllegalStateException("a bug in a block API");
    ScriptedBlockApi api = new ScriptedBlockApi(chain, 20, 20)
        .thenRange((start, count) -> BlockRange.of(start, chain.blocks(1, 10)))
        .thenRange((start, count) -> {
          throw bug;
        });
    RpcBlockSource source = start(api);

    assertMainChain(Consume.through(source, 10), 1, 10);
    IllegalStateException thrown = assertThrows(IllegalStateException.class, source::take);
    assertSame(bug, thrown.getCause());
    assertTrue(thrown.getMessage().contains("before block 11"), thrown.getMessage());
    assertEquals(1, captured.count("ERROR block source stopped by a bug before block 11"));
  }

  @Test
  void switchesToLiveOnceAndFollowsNewBlocks() throws Exception {
    ScriptedBlockApi api = new ScriptedBlockApi(chain, 12, 10);
    RpcBlockSource source = new RpcBlockSource(FAST, api, 1, Optional.empty(), captured.events, Clock.systemUTC());
    sources.add(source);
    // Before it runs; once started, its thread may catch up 10 blocks before this thread looks again.
    assertEquals(BlockSource.Mode.CATCH_UP, source.mode());
    source.start();

    assertMainChain(Consume.through(source, 10), 1, 10);
    Consume.until("live", () -> source.mode() == BlockSource.Mode.LIVE);
    for (long head = 13; head <= 30; head++) {
      api.advance(head, 2);
      assertMainChain(Consume.through(source, head - 2), head - 2, head - 2);
    }
    assertEquals(BlockSource.Mode.LIVE, source.mode());
    assertEquals(1, captured.count("caught up at block"), captured.lines().toString());
  }

  @Test
  void theChainTipIsTheLastPropertiesSeenAndNeverGoesBack() throws Exception {
    ScriptedBlockApi api = new ScriptedBlockApi(chain, 12, 10);
    RpcBlockSource source = new RpcBlockSource(FAST, api, 1, Optional.empty(), captured.events, Clock.systemUTC());
    sources.add(source);
    assertEquals(Optional.empty(), source.chainTip(), "nothing seen before it runs");
    source.start();
    Consume.through(source, 10);
    Consume.until("live", () -> source.mode() == BlockSource.Mode.LIVE);
    ChainTip tip = source.chainTip().orElseThrow();
    assertEquals(12, tip.head());
    assertEquals(10, tip.irreversible());
    api.advance(20, 5);
    Consume.through(source, 15);
    Consume.until("the new tip", () -> source.chainTip().orElseThrow().head() == 20);
    assertEquals(15, source.chainTip().orElseThrow().irreversible());
    assertEquals(Optional.empty(), new ChainlessSource().chainTip(), "a source without a chain has no tip");
  }

  /** The interface's default, as a source that reads no chain answers. */
  private static final class ChainlessSource implements BlockSource {
    @Override public Optional<io.hivesafe.hive.protocol.Block> take() { return Optional.empty(); }
    @Override public Optional<io.hivesafe.hive.protocol.Block> poll(java.time.Duration timeout) { return Optional.empty(); }
    @Override public boolean isFinished() { return true; }
    @Override public long nextBlockNumber() { return 1; }
    @Override public Mode mode() { return Mode.CATCH_UP; }
    @Override public long blocksHandedOn() { return 0; }
    @Override public long fetchErrors() { return 0; }
    @Override public void close() {}
  }

  @Test
  void goesBackToCatchingUpWhenMoreThanABatchBehind() throws Exception {
    ScriptedBlockApi api = new ScriptedBlockApi(chain, 10, 10);
    RpcBlockSource source = start(FAST.withBatchSize(100), api, 1, Optional.empty());
    Consume.through(source, 10);
    Consume.until("live", () -> source.mode() == BlockSource.Mode.LIVE);

    api.advance(1_000, 0);
    assertMainChain(Consume.through(source, 1_000), 11, 1_000);
    Consume.until("live again", () -> source.mode() == BlockSource.Mode.LIVE);
    assertEquals(1, captured.count("990 blocks behind (next 11, chain at 1000): catching up"), captured.lines().toString());
    assertEquals(2, captured.count("caught up at block"), captured.lines().toString());
  }

  @Test
  void reportsProgressWhileCatchingUp() throws Exception {
    AtomicLong seconds = new AtomicLong();
    Clock ticking = new Clock() { // every reading is one second later
      @Override
      public Instant instant() {
        return Instant.EPOCH.plusSeconds(seconds.incrementAndGet());
      }

      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
    ScriptedBlockApi api = new ScriptedBlockApi(chain, 3_000, 3_000);
    RpcBlockSource source = new RpcBlockSource(FAST.withBatchSize(100).withProgressInterval(Duration.ofSeconds(5)), api, 1,
        Optional.empty(), captured.events, ticking);
    sources.add(source);
    source.start();

    Consume.through(source, 3_000);
    Consume.until("live", () -> source.mode() == BlockSource.Mode.LIVE);
    List<String> progress = captured.lines().stream().filter(line -> line.startsWith("INFO catching up: block ")).toList();
    assertFalse(progress.isEmpty(), captured.lines().toString());
    assertTrue(progress.get(0).matches("INFO catching up: block [0-9]+ of 3000, [0-9.]+ blocks/s, [0-9]+ blocks left, ETA .+"),
        progress.get(0));
  }

  @Test
  void closingEndsTheSourceAndClosesTheApi() throws Exception {
    ScriptedBlockApi api = new ScriptedBlockApi(chain, 5_000, 5_000);
    RpcBlockSource source = start(FAST.withQueueCapacity(10), api, 1, Optional.empty());
    Consume.through(source, 3);

    source.close();
    assertTrue(api.closed);
    assertTrue(source.isFinished());
    assertEquals(Optional.empty(), source.take());
    assertEquals(1, captured.count("block source stopped; next block would have been 4"));
  }

  @Test
  void takeBeforeStartIsABug() {
    RpcBlockSource source = new RpcBlockSource(FAST, new ScriptedBlockApi(chain, 1, 1), 1, Optional.empty(), captured.events,
        Clock.systemUTC());
    sources.add(source);
    assertThrows(IllegalStateException.class, source::take);
  }

  @Test
  void anExpectedPreviousMustBeTheBlockBeforeTheStart() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RpcBlockSource(FAST,
        new ScriptedBlockApi(chain, 1, 1), 10, Optional.of(chain.id(5)), captured.events, Clock.systemUTC()));
    assertTrue(e.getMessage().contains("not block 9 before the start block 10"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RpcBlockSource(FAST, new ScriptedBlockApi(chain, 1, 1), 0,
        Optional.empty(), captured.events, Clock.systemUTC()));
  }
}
