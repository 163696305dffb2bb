package io.hivesafe.ops;

import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exact fraction {@code numerator / denominator}, both positive, for thresholds that must compare
 * exactly: 2 approvals of 3 runners pass a 2/3 threshold ({@code 2 × 3 ≥ 2 × 3}), which no basis-point
 * rounding of 2/3 can promise. Written {@code "num/den"} (or {@code "num"}).
 */
public record Fraction(long numerator, long denominator) {
  private static final Pattern FORM = Pattern.compile("([0-9]{1,9})(?:/([0-9]{1,9}))?");

  public Fraction {
    if (numerator < 1 || denominator < 1) {
      throw new IllegalArgumentException("a fraction must be num/den with num, den >= 1, got " + numerator + "/" + denominator);
    }
  }

  static void write(ValueWriter w, Fraction f) {
    w.int64(f.numerator).int64(f.denominator);
  }

  static Fraction read(ValueReader r) {
    return new Fraction(r.int64(), r.int64());
  }

  /** Parses {@code "num/den"} or {@code "num"}, each at most 9 digits. */
  public static Fraction parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("a fraction is written \"num/den\" with whole numbers of at most 9 digits, got \""
          + text + "\"");
    }
    return new Fraction(Long.parseLong(m.group(1)), m.group(2) == null ? 1 : Long.parseLong(m.group(2)));
  }

  /** Whether {@code part / whole ≥ this}, exactly: part × den ≥ num × whole. False when whole is 0. */
  public boolean reachedBy(long part, long whole) {
    return whole > 0 && Math.multiplyExact(part, denominator) >= Math.multiplyExact(numerator, whole);
  }

  /** Whether this is more than one half. */
  public boolean overHalf() {
    return Math.multiplyExact(numerator, 2) > denominator;
  }

  /** Whether this is at most one. */
  public boolean atMostOne() {
    return numerator <= denominator;
  }

  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }
}
