package io.hivesafe.state;

/**
 * Numbers as fixed-width decimal key segments, so that byte order is numeric order at every digit
 * boundary. HoneyComb's scheduler keyed tasks by the unpadded block number, and its order broke when
 * block numbers reached 100,000,000 ("99999999" sorts after "100000000"); zero padding to a width that
 * holds the whole range of the type makes that impossible.
 */
public final class FixedWidth {
  /** Hive block numbers are uint32: 10 digits hold 4,294,967,295. */
  public static final int UINT32_DIGITS = 10;
  /** Non-negative longs: 19 digits hold 9,223,372,036,854,775,807. */
  public static final int INT64_DIGITS = 19;
  public static final long UINT32_MAX = 0xFFFF_FFFFL;

  private FixedWidth() {}

  /** A block number or any other uint32, as 10 digits. */
  public static String uint32(long value) {
    if (value < 0 || value > UINT32_MAX) {
      throw new IllegalArgumentException("not a uint32: " + value);
    }
    return pad(value, UINT32_DIGITS);
  }

  /** A non-negative long (sequence numbers, ids), as 19 digits. */
  public static String int64(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative value for a fixed-width key segment: " + value);
    }
    return pad(value, INT64_DIGITS);
  }

  /** Parses a segment written by {@link #uint32} or {@link #int64}; anything else is rejected. */
  public static long parse(String segment, int digits) {
    if (segment.length() != digits) {
      throw new IllegalArgumentException("fixed-width segment must have " + digits + " digits: " + segment);
    }
    long v = 0;
    for (int i = 0; i < digits; i++) {
      char c = segment.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("fixed-width segment has a non-digit: " + segment);
      }
      v = v * 10 + (c - '0');
      if (v < 0) {
        throw new IllegalArgumentException("fixed-width segment overflows a long: " + segment);
      }
    }
    return v;
  }

  private static String pad(long value, int digits) {
    String s = Long.toString(value);
    return "0".repeat(digits - s.length()) + s;
  }
}
