package io.hivesafe.engine.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a stream one line at a time as bytes (no charset decoding: the JSON parser reads UTF-8 itself),
 * refusing lines longer than a bound so that a broken file cannot exhaust memory. A line ends at
 * {@code \n}; a {@code \r} before it is dropped; the last line may lack its {@code \n}.
 */
final class LineReader {
  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] chunk = new byte[1 << 16];
  private int chunkPos;
  private int chunkLen;
  private byte[] line = new byte[1 << 16];
  private int lineLen;
  private boolean eof;

  /** Thrown when a line is longer than the bound; the stream is then not usable any more. */
  static final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    LineTooLongException(int limit) {
      super("the line is longer than " + limit + " bytes");
    }
  }

  LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** Reads the next line into {@link #bytes()}/{@link #length()}; false at the end of the stream. */
  boolean next() throws IOException {
    lineLen = 0;
    boolean any = false;
    while (true) {
      if (chunkPos == chunkLen) {
        if (eof) {
          return any;
        }
        chunkLen = in.read(chunk);
        chunkPos = 0;
        if (chunkLen < 0) {
          chunkLen = 0;
          eof = true;
          return any;
        }
        continue;
      }
      any = true;
      int end = chunkPos;
      while (end < chunkLen && chunk[end] != '\n') {
        end++;
      }
      append(chunkPos, end - chunkPos);
      if (end < chunkLen) {
        chunkPos = end + 1;
        if (lineLen > 0 && line[lineLen - 1] == '\r') {
          lineLen--;
        }
        return true;
      }
      chunkPos = chunkLen;
    }
  }

  private void append(int from, int count) throws LineTooLongException {
    if ((long) lineLen + count > maxLineBytes) {
      throw new LineTooLongException(maxLineBytes);
    }
    if (lineLen + count > line.length) {
      line = Arrays.copyOf(line, (int) Math.min(maxLineBytes, Math.max((long) line.length * 2, lineLen + count)));
    }
    System.arraycopy(chunk, from, line, lineLen, count);
    lineLen += count;
  }

  /** The current line's bytes, valid up to {@link #length()} until the next call of {@link #next()}. */
  byte[] bytes() {
    return line;
  }

  int length() {
    return lineLen;
  }
}
