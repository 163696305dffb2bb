package io.hivesafe.engine.source;

import io.hivesafe.engine.CapturedEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.engine.SharedFiles;
import io.hivesafe.hive.protocol.Block;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prefetching wrapper keeps the inner source's order, end and errors. */
class PrefetchingBlockSourceTest {
  private final CapturedEvents captured = new CapturedEvents();
  @TempDir Path dir;

  private Path firstLines(int count, int breakAt) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(SharedFiles.benchChain())), StandardCharsets.UTF_8))) {
      for (int i = 0; i < count; i++) {
        String line = in.readLine();
        lines.add(i == breakAt ? line.substring(0, 50) : line);
      }
    }
    Path f = dir.resolve("blocks.jsonl");
    Files.write(f, lines, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void handsOnTheSameBlocksInTheSameOrderThenEnds() throws Exception {
    Path f = firstLines(120, -1);
    List<Block> direct = new ArrayList<>();
    try (JsonLinesBlockSource s = JsonLinesBlockSource.open(f, 90_000_001L, Optional.empty(), captured.events)) {
      for (Optional<Block> b = s.take(); b.isPresent(); b = s.take()) {
        direct.add(b.get());
      }
    }
    List<Block> prefetched = new ArrayList<>();
    try (PrefetchingBlockSource s = new PrefetchingBlockSource(
        JsonLinesBlockSource.open(f, 90_000_001L, Optional.empty(), captured.events), 7)) {
      for (Optional<Block> b = s.take(); b.isPresent(); b = s.take()) {
        prefetched.add(b.get());
      }
      assertTrue(s.isFinished());
      assertEquals(Optional.empty(), s.take(), "the end stays the end");
      assertEquals(120, s.blocksHandedOn());
    }
    assertEquals(direct, prefetched);
  }

  @Test
  void aBrokenLineIsThrownAfterTheBlocksBeforeIt() throws Exception {
    Path f = firstLines(30, 20);
    try (PrefetchingBlockSource s = new PrefetchingBlockSource(
        JsonLinesBlockSource.open(f, 90_000_001L, Optional.empty(), captured.events), 4)) {
      for (int i = 0; i < 20; i++) {
        assertEquals(90_000_001L + i, s.take().orElseThrow().number());
      }
      BlockInputException e = assertThrows(BlockInputException.class, s::take);
      assertTrue(e.getMessage().contains("line 21"), e.getMessage());
      assertThrows(BlockInputException.class, s::take, "and again on the next call");
    }
  }
}
