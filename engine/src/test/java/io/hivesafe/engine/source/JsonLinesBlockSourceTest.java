package io.hivesafe.engine.source;

import io.hivesafe.engine.CapturedEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocks from a JSON-lines file: the shared benchmark chain, resumption, and every way a file can be broken. */
class JsonLinesBlockSourceTest {
  private static final long BENCH_FIRST = 90_000_001L;

  private final SyntheticChain chain = SyntheticChain.main();
  private final CapturedEvents captured = new CapturedEvents();

  @TempDir
  Path dir;

  static Path benchChain() {
    return io.hivesafe.engine.SharedFiles.benchChain();
  }

  private JsonLinesBlockSource open(Path file, long start, Optional<BlockId> previous) throws BlockInputException {
    return JsonLinesBlockSource.open(file, start, previous, captured.events);
  }

  private static List<Block> take(BlockSource source, int count) throws Exception {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      blocks.add(source.take().orElseThrow(() -> new AssertionError("the file ended early")));
    }
    return blocks;
  }

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private Path linesFile(List<Block> blocks) throws IOException {
    return file("blocks.jsonl", SyntheticChain.jsonLines(blocks));
  }

  /** The error the first {@code take} that fails throws, after handing on the good blocks before it. */
  private BlockInputException failure(Path file, long start) throws Exception {
    try (JsonLinesBlockSource source = open(file, start, Optional.empty())) {
      while (true) {
        try {
          if (source.take().isEmpty()) {
            throw new AssertionError("no error before the end of the file");
          }
        } catch (BlockInputException e) {
          assertSame(e, assertThrows(BlockInputException.class, source::take), "the source stays broken");
          return e;
        }
      }
    }
  }

  @Test
  void readsTheBenchChainFromItsFirstBlock() throws Exception {
    try (JsonLinesBlockSource source = open(benchChain(), BENCH_FIRST, Optional.empty())) {
      List<Block> blocks = take(source, 300);
      assertEquals(BENCH_FIRST, blocks.get(0).number());
      for (int i = 1; i < blocks.size(); i++) {
        assertEquals(BENCH_FIRST + i, blocks.get(i).number());
        assertEquals(blocks.get(i - 1).id(), blocks.get(i).previous());
      }
      assertTrue(blocks.stream().mapToInt(b -> b.transactions().size()).sum() > 300, "real blocks with transactions");
      assertEquals(300, source.blocksHandedOn());
      assertEquals(BENCH_FIRST + 300, source.nextBlockNumber());
      assertEquals(BlockSource.Mode.CATCH_UP, source.mode());
      assertFalse(source.isFinished());
    }
  }

  @Test
  void resumesMidFileLinkedToTheLastCommittedBlock() throws Exception {
    List<Block> firstPass;
    try (JsonLinesBlockSource source = open(benchChain(), BENCH_FIRST, Optional.empty())) {
      firstPass = take(source, 400);
    }
    long resumeAt = BENCH_FIRST + 250;
    BlockId lastCommitted = firstPass.get(249).id();
    try (JsonLinesBlockSource source = open(benchChain(), resumeAt, Optional.of(lastCommitted))) {
      List<Block> resumed = take(source, 150);
      assertEquals(firstPass.subList(250, 400), resumed);
      assertEquals(400, source.linesRead());
      assertEquals(150, source.blocksHandedOn());
    }
  }

  @Test
  void aResumeThatDoesNotLinkToTheLastCommittedBlockIsRefused() throws Exception {
    Path file = linesFile(chain.blocks(1, 10));
    try (JsonLinesBlockSource source = open(file, 6, Optional.of(new SyntheticChain(2).id(5)))) {
      BlockInputException e = assertThrows(BlockInputException.class, source::take);
      assertEquals(file + " line 6: block 6 names previous " + chain.id(5)
          + ", but the block before the start block (the last one applied) has id " + new SyntheticChain(2).id(5), e.getMessage());
    }
  }

  @Test
  void endsAtTheEndOfTheFile() throws Exception {
    try (JsonLinesBlockSource source = open(linesFile(chain.blocks(1, 5)), 1, Optional.empty())) {
      assertEquals(chain.blocks(1, 5), take(source, 5));
      assertEquals(Optional.empty(), source.take());
      assertTrue(source.isFinished());
      assertEquals(Optional.empty(), source.take());
      assertEquals(0, source.fetchErrors());
    }
  }

  @Test
  void aFileThatEndsBeforeTheStartBlockHasNothingToHandOn() throws Exception {
    try (JsonLinesBlockSource source = open(linesFile(chain.blocks(1, 5)), 6, Optional.of(chain.id(5)))) {
      assertEquals(Optional.empty(), source.take());
      assertTrue(source.isFinished());
    }
  }

  @Test
  void readsGzipByItsMagicBytesAndToleratesCrlfAndAMissingLastNewline() throws Exception {
    String lines = SyntheticChain.jsonLines(chain.blocks(1, 4)).replace("\n", "\r\n").stripTrailing();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(lines.getBytes(StandardCharsets.UTF_8));
    }
    Path file = Files.write(dir.resolve("blocks.data"), bytes.toByteArray());
    try (JsonLinesBlockSource source = open(file, 2, Optional.of(chain.id(1)))) {
      assertEquals(chain.blocks(2, 4), take(source, 3));
      assertEquals(Optional.empty(), source.take());
    }
  }

  @Test
  void aMalformedLineIsNamed() throws Exception {
    String lines = SyntheticChain.jsonLines(chain.blocks(1, 3)) + "{\"previous\": \"00\", oops\n";
    Path file = file("bad.jsonl", lines);
    BlockInputException e = failure(file, 1);
    assertTrue(e.getMessage().startsWith(file + " line 4: not JSON: "), e.getMessage());
  }

  @Test
  void aMalformedLineBeforeTheStartBlockIsNamedToo() throws Exception {
    String lines = SyntheticChain.jsonLines(chain.blocks(1, 3)) + "[1, 2]\n" + SyntheticChain.jsonLines(chain.blocks(4, 9));
    Path file = file("bad.jsonl", lines);
    assertEquals(file + " line 4: not a block: the line is not a JSON object: '[1, 2]'", failure(file, 8).getMessage());
  }

  @Test
  void aLineThatIsJsonButNotABlockIsNamed() throws Exception {
    String lines = SyntheticChain.jsonLines(chain.blocks(1, 1)) + SyntheticChain.json(chain.block(2)).put("timestamp", "yesterday") + "\n";
    Path file = file("bad.jsonl", lines);
    BlockInputException e = failure(file, 1);
    assertTrue(e.getMessage().startsWith(file + " line 2: not a block: block 2: field 'timestamp' is not a Hive time"), e.getMessage());
  }

  @Test
  void twoValuesOnOneLineAreRefused() throws Exception {
    String line = SyntheticChain.json(chain.block(1)).toString();
    Path file = file("bad.jsonl", line + " " + line + "\n");
    BlockInputException e = failure(file, 1);
    assertTrue(e.getMessage().startsWith(file + " line 1: "), e.getMessage());
  }

  @Test
  void aGapIsNamedWithTheMissingBlocks() throws Exception {
    List<Block> blocks = new ArrayList<>(chain.blocks(1, 3));
    blocks.addAll(chain.blocks(6, 8));
    Path file = linesFile(blocks);
    assertEquals(file + " line 4: expected block 4 after block 3 on line 3, got block 6 (blocks 4..5 are missing)",
        failure(file, 1).getMessage());
    assertEquals(file + " line 4: expected block 4 after block 3 on line 3, got block 6 (blocks 4..5 are missing)",
        failure(file, 7).getMessage(), "a gap before the start block is found too");
  }

  @Test
  void aRepeatedBlockIsRefused() throws Exception {
    List<Block> blocks = new ArrayList<>(chain.blocks(1, 3));
    blocks.add(chain.block(3));
    Path file = linesFile(blocks);
    assertEquals(file + " line 4: expected block 4 after block 3 on line 3, got block 3 (the blocks go backwards)",
        failure(file, 1).getMessage());
  }

  @Test
  void aBlockThatDoesNotLinkIsNamed() throws Exception {
    SyntheticChain fork = new SyntheticChain(2);
    List<Block> blocks = new ArrayList<>(chain.blocks(1, 3));
    blocks.addAll(fork.blocks(4, 5));
    Path file = linesFile(blocks);
    assertEquals(file + " line 4: block 4 names previous " + fork.id(3) + ", but block 3 on line 3 has id " + chain.id(3),
        failure(file, 1).getMessage());
  }

  @Test
  void anEmptyLineIsRefused() throws Exception {
    Path file = file("blank.jsonl", SyntheticChain.jsonLines(chain.blocks(1, 2)) + "\n" + SyntheticChain.jsonLines(chain.blocks(3, 3)));
    assertEquals(file + " line 3: the line is empty (one block per line, no blank lines)", failure(file, 1).getMessage());
  }

  @Test
  void aFileThatStartsAfterTheStartBlockIsRefused() throws Exception {
    Path file = linesFile(chain.blocks(10, 12));
    assertEquals(file + " line 1: the file starts at block 10, after the start block 5", failure(file, 5).getMessage());
  }

  @Test
  void aCutShortGzipFileIsNamed() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(SyntheticChain.jsonLines(chain.blocks(1, 200)).getBytes(StandardCharsets.UTF_8));
    }
    byte[] all = bytes.toByteArray();
    Path file = Files.write(dir.resolve("cut.jsonl.gz"), Arrays.copyOf(all, all.length / 2));
    BlockInputException e = failure(file, 1);
    assertTrue(e.getMessage().matches(".* line [0-9]+: cannot read: the file ends in the middle of its compressed data .*"), e.getMessage());
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nothing.jsonl");
    BlockInputException e = assertThrows(BlockInputException.class, () -> open(missing, 1, Optional.empty()));
    assertEquals("block file " + missing + " does not exist", e.getMessage());
  }
}
