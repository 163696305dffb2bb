package io.hivesafe.engine.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.zip.GZIPInputStream;

/**
 * A block file's lines, one at a time, and what each holds: opened (gunzipped when it starts with
 * gzip's magic bytes, whatever its name), read as bytes with a bound on the line's length, and parsed
 * either in full ({@link #read()}: the block) or only as far as its ids ({@link #skim()}). Every problem
 * is a {@link BlockInputException} naming the file and the line.
 */
final class BlockFileLines {
  private static final int BUFFER_BYTES = 1 << 16;
  private static final int QUOTE_LIMIT = 200;

  private static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** A line's {@code block_id} and {@code previous}. */
  record Ids(BlockId id, BlockId previous) {}

  private final Path file;
  private final InputStream stream;
  private final LineReader lines;
  private long lineNumber;

  private BlockFileLines(Path file, InputStream stream, int maxLineBytes) {
    this.file = file;
    this.stream = stream;
    this.lines = new LineReader(stream, maxLineBytes);
  }

  /**
   * Opens {@code file}, refusing lines longer than {@code maxLineBytes}.
   *
   * @throws BlockInputException when the file cannot be opened
   */
  static BlockFileLines open(Path file, int maxLineBytes) throws BlockInputException {
    try {
      return new BlockFileLines(file, decompressed(new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES)), maxLineBytes);
    } catch (NoSuchFileException e) {
      throw new BlockInputException("block file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new BlockInputException("cannot open block file " + file + ": " + e, e);
    }
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

  /**
   * Moves to the next line; false at the end of the file.
   *
   * @throws BlockInputException the file cannot be read on, or the line is empty
   */
  boolean next() throws BlockInputException {
    try {
      if (!lines.next()) {
        return false;
      }
    } catch (EOFException e) {
      throw error(lineNumber + 1, "cannot read: the file ends in the middle of its compressed data (cut short?): " + e.getMessage(), e);
    } catch (IOException e) {
      throw error(lineNumber + 1, "cannot read: " + e, e);
    }
    lineNumber++;
    if (lines.length() == 0) {
      throw error("the line is empty (one block per line, no blank lines)");
    }
    return true;
  }

  /** The number of the current line (1 for the first), which is also how many lines were read. */
  long lineNumber() {
    return lineNumber;
  }

  /** Only {@code block_id} and {@code previous}, with the whole line checked to be one JSON object. */
  Ids skim() throws BlockInputException {
    String id = null;
    String previous = null;
    try (JsonParser parser = FACTORY.createParser(lines.bytes(), 0, lines.length())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw error("not a block: the line is not a JSON object: " + quote());
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("block_id") || name.equals("previous")) {
          if (value != JsonToken.VALUE_STRING) {
            throw error("not a block: " + name + " must be a string");
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
        throw error("not JSON lines: more than one JSON value on the line");
      }
    } catch (JsonProcessingException e) {
      throw error(lineNumber, "not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw error(lineNumber, "cannot read: " + e, e);
    }
    if (id == null || previous == null) {
      throw error("not a block: no " + (id == null ? "block_id" : "previous"));
    }
    try {
      BlockId blockId = BlockId.fromHex(id);
      BlockId previousId = BlockId.fromHex(previous);
      if (blockId.blockNumber() != previousId.blockNumber() + 1) {
        throw error("not a block: block_id " + blockId + " (block " + blockId.blockNumber()
            + ") does not follow previous " + previousId + " (block " + previousId.blockNumber() + ")");
      }
      return new Ids(blockId, previousId);
    } catch (HiveFormatException e) {
      throw error(lineNumber, "not a block: " + e.getMessage(), e);
    }
  }

  /** The block on the current line, read in full. */
  Block read() throws BlockInputException {
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

  /** A problem with the current line. */
  BlockInputException error(String what) {
    return error(lineNumber, what, null);
  }

  private BlockInputException error(long line, String what, Throwable cause) {
    return new BlockInputException(file + " line " + line + ": " + what, cause);
  }

  private String quote() {
    int shown = Math.min(lines.length(), QUOTE_LIMIT);
    String text = new String(lines.bytes(), 0, shown, StandardCharsets.UTF_8);
    return "'" + text + (lines.length() > shown ? "…'" : "'");
  }

  /** Closes the file; a failing close of a file only read changes nothing. */
  void close() {
    try {
      stream.close();
    } catch (IOException e) {
      // Nothing was written; a failing close of a file read to its end changes nothing.
    }
  }
}
