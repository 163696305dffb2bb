package io.hivesafe.engine.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivesafe.engine.NodeEvents;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.json.BlockJson;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Blocks from a JSON-lines file, for replays and benchmarks: one block per line, each in the shape of
 * block_api.get_block_range's {@code blocks[]} (HF26 JSON with {@code block_id} and
 * {@code transaction_ids}); the file may be gzip-compressed (recognised by its first bytes, whatever its
 * name). It is streamed, one line at a time, in the consumer's thread.
 *
 * <p>The lines must hold consecutive blocks, each linked to the line before it. Lines before the start
 * block are skimmed (JSON, number and link checked; the rest not read); from the start block on, every
 * block is read in full. A line that is not JSON or not a block, an empty line, a gap, a block that does
 * not link, or a file that starts after the start block is a {@link BlockInputException} naming the
 * file and line; after it the source stays broken. A file that ends before the start block has nothing
 * to hand on: {@link #take()} answers empty at once.
 */
public final class JsonLinesBlockSource implements BlockSource {
  /** The longest line read: hived's blocks are at most 64 KiB in binary, a few hundred KiB as JSON. */
  public static final int MAX_LINE_BYTES = 32 * 1024 * 1024;
  private static final int BUFFER_BYTES = 1 << 16;
  private static final int QUOTE_LIMIT = 200;

  private static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Path file;
  private final InputStream stream;
  private final LineReader lines;
  private final long startBlock;
  private final BlockId expectedPrevious;

  private long lineNumber;
  private long lastNumber = -1;
  private BlockId lastId;
  private long handedOn;
  private BlockInputException broken;
  private boolean finished;
  private boolean closed;

  private JsonLinesBlockSource(Path file, InputStream stream, long startBlock, Optional<BlockId> expectedPrevious) {
    this.file = file;
    this.stream = stream;
    this.lines = new LineReader(stream, MAX_LINE_BYTES);
    this.startBlock = startBlock;
    this.expectedPrevious = expectedPrevious.orElse(null);
  }

  /**
   * Opens {@code file} to hand on blocks from {@code startBlock}; when {@code expectedPrevious} is given,
   * that block must link to it (the id of the last block the node committed).
   *
   * @throws BlockInputException when the file cannot be opened
   */
  public static JsonLinesBlockSource open(Path file, long startBlock, Optional<BlockId> expectedPrevious, NodeEvents events)
      throws BlockInputException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(events, "events");
    RpcBlockSource.checkStart(startBlock, expectedPrevious);
    InputStream stream;
    try {
      stream = decompressed(new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES));
    } catch (NoSuchFileException e) {
      throw new BlockInputException("block file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new BlockInputException("cannot open block file " + file + ": " + e, e);
    }
    events.blockFileOpened(file.toString(), startBlock);
    return new JsonLinesBlockSource(file, stream, startBlock, expectedPrevious);
  }

  /** The stream itself, or its gunzipped content when it starts with gzip's magic bytes. */
  private static InputStream decompressed(BufferedInputStream in) throws IOException {
    try {
      in.mark(2);
      int first = in.read();
      int second = in.read();
      in.reset();
      return first == 0x1f && second == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, BUFFER_BYTES), BUFFER_BYTES) : in;
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }

  @Override
  public synchronized Optional<Block> take() throws BlockInputException {
    if (broken != null) {
      throw broken;
    }
    if (finished || closed) {
      return Optional.empty();
    }
    try {
      Optional<Block> block = readNext();
      if (block.isEmpty()) {
        finished = true;
        closeStream();
      }
      return block;
    } catch (BlockInputException e) {
      broken = e;
      closeStream();
      throw e;
    }
  }

  /** As {@link #take()}: reading a line never waits for more than the disk. */
  @Override
  public Optional<Block> poll(Duration timeout) throws BlockInputException {
    return take();
  }

  private Optional<Block> readNext() throws BlockInputException {
    while (true) {
      try {
        if (!lines.next()) {
          return Optional.empty();
        }
      } catch (EOFException e) {
        throw error(lineNumber + 1, "cannot read: the file ends in the middle of its compressed data (cut short?): " + e.getMessage(), e);
      } catch (IOException e) {
        throw error(lineNumber + 1, "cannot read: " + e, e);
      }
      lineNumber++;
      if (lines.length() == 0) {
        throw error(lineNumber, "the line is empty (one block per line, no blank lines)", null);
      }
      if (lastNumber < 0 || lastNumber + 1 < startBlock) {
        BlockId[] header = skim();
        BlockId id = header[0];
        checkSequence(id, header[1]);
        if (id.blockNumber() < startBlock) {
          lastNumber = id.blockNumber();
          lastId = id;
          continue;
        }
      }
      Block block = read();
      checkSequence(block.id(), block.previous());
      if (block.number() == startBlock && expectedPrevious != null && !block.previous().equals(expectedPrevious)) {
        throw error(lineNumber, "block " + block.number() + " names previous " + block.previous()
            + ", but the block before the start block (the last one applied) has id " + expectedPrevious, null);
      }
      lastNumber = block.number();
      lastId = block.id();
      handedOn++;
      return Optional.of(block);
    }
  }

  /** Numbering and linkage against the line before (for the first line: it must not start after the start block). */
  private void checkSequence(BlockId id, BlockId previous) throws BlockInputException {
    long number = id.blockNumber();
    if (lastNumber < 0) {
      if (number > startBlock) {
        throw error(lineNumber, "the file starts at block " + number + ", after the start block " + startBlock, null);
      }
      return;
    }
    long expected = lastNumber + 1;
    if (number != expected) {
      String what = number > expected
          ? (number - expected == 1 ? "block " + expected + " is missing" : "blocks " + expected + ".." + (number - 1) + " are missing")
          : "the blocks go backwards";
      throw error(lineNumber, "expected block " + expected + " after block " + lastNumber + " on line " + (lineNumber - 1)
          + ", got block " + number + " (" + what + ")", null);
    }
    if (!previous.equals(lastId)) {
      throw error(lineNumber, "block " + number + " names previous " + previous + ", but block " + lastNumber + " on line "
          + (lineNumber - 1) + " has id " + lastId, null);
    }
  }

  /** Only {@code block_id} and {@code previous}, with the whole line checked to be one JSON object. */
  private BlockId[] skim() throws BlockInputException {
    String id = null;
    String previous = null;
    try (JsonParser parser = FACTORY.createParser(lines.bytes(), 0, lines.length())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw error(lineNumber, "not a block: the line is not a JSON object: " + quote(), null);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("block_id") || name.equals("previous")) {
          if (value != JsonToken.VALUE_STRING) {
            throw error(lineNumber, "not a block: " + name + " must be a string", null);
          }
          if (name.equals("block_id")) {
            id = parser.getText();
          } else {
            previous = parser.getText();
          }
        } else {
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        throw error(lineNumber, "not JSON lines: more than one JSON value on the line", null);
      }
    } catch (JsonProcessingException e) {
      throw error(lineNumber, "not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw error(lineNumber, "cannot read: " + e, e);
    }
    if (id == null || previous == null) {
      throw error(lineNumber, "not a block: no " + (id == null ? "block_id" : "previous"), null);
    }
    try {
      BlockId blockId = BlockId.fromHex(id);
      BlockId previousId = BlockId.fromHex(previous);
      if (blockId.blockNumber() != previousId.blockNumber() + 1) {
        throw error(lineNumber, "not a block: block_id " + blockId + " (block " + blockId.blockNumber()
            + ") does not follow previous " + previousId + " (block " + previousId.blockNumber() + ")", null);
      }
      return new BlockId[] {blockId, previousId};
    } catch (HiveFormatException e) {
      throw error(lineNumber, "not a block: " + e.getMessage(), e);
    }
  }

  private Block read() throws BlockInputException {
    JsonNode node;
    try {
      node = MAPPER.readTree(lines.bytes(), 0, lines.length());
    } catch (JsonProcessingException e) {
      throw error(lineNumber, "not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw error(lineNumber, "cannot read: " + e, e);
    }
    try {
      return BlockJson.read(node);
    } catch (HiveFormatException e) {
      throw error(lineNumber, "not a block: " + e.getMessage(), e);
    }
  }

  private BlockInputException error(long line, String what, Throwable cause) {
    return new BlockInputException(file + " line " + line + ": " + what, cause);
  }

  private String quote() {
    int shown = Math.min(lines.length(), QUOTE_LIMIT);
    String text = new String(lines.bytes(), 0, shown, StandardCharsets.UTF_8);
    return "'" + text + (lines.length() > shown ? "…'" : "'");
  }

  @Override
  public synchronized boolean isFinished() {
    return finished || closed;
  }

  @Override
  public synchronized long nextBlockNumber() {
    return lastNumber < startBlock ? startBlock : lastNumber + 1;
  }

  /** Always {@link Mode#CATCH_UP}: a file is old blocks only. */
  @Override
  public Mode mode() {
    return Mode.CATCH_UP;
  }

  @Override
  public synchronized long blocksHandedOn() {
    return handedOn;
  }

  /** Always 0: a file has nothing to retry; its errors are fatal. */
  @Override
  public long fetchErrors() {
    return 0;
  }

  /** The lines read so far. */
  public synchronized long linesRead() {
    return lineNumber;
  }

  @Override
  public synchronized void close() {
    closed = true;
    closeStream();
  }

  private void closeStream() {
    try {
      stream.close();
    } catch (IOException e) {
      // Nothing was written; a failing close of a file read to its end changes nothing.
    }
  }
}
