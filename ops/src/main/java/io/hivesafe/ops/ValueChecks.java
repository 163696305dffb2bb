package io.hivesafe.ops;

import io.hivesafe.hive.protocol.AccountName;
import java.util.regex.Pattern;

/**
 * The checks the state records make in their constructors, so a value that breaks its rules cannot be
 * built or decoded: a bug or a damaged store stops the node at once (IllegalArgumentException from
 * the core is a bug, never a rejection) instead of being written on.
 */
final class ValueChecks {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]*");

  private ValueChecks() {}

  static void nonNegative(String what, long... values) {
    for (long v : values) {
      if (v < 0) {
        throw new IllegalArgumentException(what + " holds a negative number: " + v);
      }
    }
  }

  static void account(String what, String name) {
    try {
      AccountName.of(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " needs a Hive account name, not " + name, e);
    }
  }

  /** An account name, or empty (a block-level entry names none). */
  static void accountOrEmpty(String what, String name) {
    if (!name.isEmpty()) {
      account(what, name);
    }
  }

  static void oneOf(String what, String value, String... allowed) {
    for (String a : allowed) {
      if (a.equals(value)) {
        return;
      }
    }
    throw new IllegalArgumentException(what + " is " + value + ", not one of " + String.join(", ", allowed));
  }

  /** Lowercase hex of {@code length} characters (any even length when {@code length} is negative). */
  static void hex(String what, String value, int length) {
    if (!HEX.matcher(value).matches() || (length >= 0 ? value.length() != length : value.length() % 2 != 0)) {
      throw new IllegalArgumentException(what + " is not " + (length >= 0 ? length + " " : "") + "lowercase hex digits: " + value);
    }
  }
}
