package io.hivesafe.hive.protocol;

import io.hivesafe.hive.HiveFormatException;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An exact amount of a native asset in its smallest unit ("1.000 HIVE" is 1000 HIVE units). Parsed
 * without floating point; arithmetic is checked and never overflows silently.
 */
public record Asset(long amount, AssetSymbol symbol) {
  private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  public Asset {
    Objects.requireNonNull(symbol, "symbol");
  }

  public static Asset of(long amount, AssetSymbol symbol) {
    return new Asset(amount, symbol);
  }

  /**
   * Parses the legacy string form, e.g. {@code "1.000 HIVE"} or {@code "-0.500000 VESTS"}. The number
   * of decimals must equal the symbol's precision exactly ("1.00 HIVE" and "1 HIVE" are errors).
   */
  public static Asset parse(String text) {
    return parse(text, AssetSymbol::fromLegacyName);
  }

  /**
   * {@link #parse(String)} with the symbol names hived reads on the network {@code names} stands for
   * ({@link SymbolNames#legacySymbol}): "1.000 TESTS" is refused on mainnet, "1.000 HIVE" on a testnet.
   */
  public static Asset parse(String text, SymbolNames names) {
    return parse(text, names::legacySymbol);
  }

  private static Asset parse(String text, java.util.function.Function<String, AssetSymbol> symbols) {
    int space = text.indexOf(' ');
    if (space < 0 || text.indexOf(' ', space + 1) >= 0) {
      throw new HiveFormatException("asset must be '<amount> <SYMBOL>', got '" + text + "'");
    }
    AssetSymbol symbol = symbols.apply(text.substring(space + 1));
    String number = text.substring(0, space);
    boolean negative = number.startsWith("-");
    String digits = negative ? number.substring(1) : number;
    int dot = digits.indexOf('.');
    String whole = dot < 0 ? digits : digits.substring(0, dot);
    String fraction = dot < 0 ? "" : digits.substring(dot + 1);
    if (whole.isEmpty() || !isDigits(whole) || !isDigits(fraction)) {
      throw new HiveFormatException("asset amount is not a decimal number: '" + text + "'");
    }
    if (fraction.length() != symbol.precision()) {
      throw new HiveFormatException(
          "asset '" + text + "' has " + fraction.length() + " decimals; " + symbol + " needs "
              + symbol.precision());
    }
    BigInteger units = new BigInteger(whole + fraction);
    if (negative) {
      units = units.negate();
    }
    if (units.compareTo(MIN) < 0 || units.compareTo(MAX) > 0) {
      throw new HiveFormatException("asset amount overflows int64: '" + text + "'");
    }
    return new Asset(units.longValueExact(), symbol);
  }

  /** A NAI amount (a decimal integer string of smallest units) with its declared precision. */
  public static Asset fromNai(String amount, int precision, String nai) {
    AssetSymbol symbol = AssetSymbol.fromNai(nai);
    if (precision != symbol.precision()) {
      throw new HiveFormatException(
          "NAI " + nai + " has precision " + symbol.precision() + ", got " + precision);
    }
    String digits = amount.startsWith("-") ? amount.substring(1) : amount;
    if (digits.isEmpty() || !isDigits(digits)) {
      throw new HiveFormatException("NAI amount is not an integer: '" + amount + "'");
    }
    BigInteger units = new BigInteger(amount);
    if (units.compareTo(MIN) < 0 || units.compareTo(MAX) > 0) {
      throw new HiveFormatException("NAI amount overflows int64: '" + amount + "'");
    }
    return new Asset(units.longValueExact(), symbol);
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The legacy string with the given naming, e.g. "1.000 HIVE" (mainnet) or "1.000 TESTS". */
  public String toLegacyString(SymbolNames names) {
    BigInteger units = BigInteger.valueOf(amount);
    String digits = units.abs().toString();
    int precision = symbol.precision();
    if (digits.length() <= precision) {
      digits = "0".repeat(precision - digits.length() + 1) + digits;
    }
    String whole = digits.substring(0, digits.length() - precision);
    String fraction = digits.substring(digits.length() - precision);
    return (amount < 0 ? "-" : "") + whole + "." + fraction + " " + names.json(symbol);
  }

  public Asset plus(Asset other) {
    requireSameSymbol(other);
    return new Asset(Math.addExact(amount, other.amount), symbol);
  }

  public Asset minus(Asset other) {
    requireSameSymbol(other);
    return new Asset(Math.subtractExact(amount, other.amount), symbol);
  }

  private void requireSameSymbol(Asset other) {
    if (other.symbol != symbol) {
      throw new IllegalArgumentException("cannot combine " + symbol + " with " + other.symbol);
    }
  }

  @Override
  public String toString() {
    return toLegacyString(SymbolNames.MAINNET);
  }
}
