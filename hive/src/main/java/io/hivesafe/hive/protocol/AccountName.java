package io.hivesafe.hive.protocol;

import io.hivesafe.hive.HiveFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Hive account name, valid by hived's {@code is_valid_account_name}: 3 to 16 characters, dot-separated
 * labels of at least 3 characters that start with a lowercase letter, end with a letter or digit and
 * contain only lowercase letters, digits and hyphens. Ordered byte-wise, as hived orders name sets.
 */
public record AccountName(String value) implements Comparable<AccountName> {
  public static final int MIN_LENGTH = HiveLimits.MIN_ACCOUNT_NAME_LENGTH;
  public static final int MAX_LENGTH = HiveLimits.MAX_ACCOUNT_NAME_LENGTH;

  public AccountName {
    String problem = problem(value);
    if (problem != null) {
      throw new HiveFormatException("invalid account name '" + value + "': " + problem);
    }
  }

  public static AccountName of(String value) {
    return new AccountName(value);
  }

  private static String problem(String name) {
    if (name == null) {
      return "missing";
    }
    if (name.length() < MIN_LENGTH || name.length() > MAX_LENGTH) {
      return "length must be " + MIN_LENGTH + ".." + MAX_LENGTH;
    }
    int begin = 0;
    while (true) {
      int dot = name.indexOf('.', begin);
      int end = dot < 0 ? name.length() : dot;
      if (end - begin < 3) {
        return "each dot-separated part needs at least 3 characters";
      }
      if (!isLower(name.charAt(begin))) {
        return "each part must start with a lowercase letter";
      }
      char last = name.charAt(end - 1);
      if (!isLower(last) && !isDigit(last)) {
        return "each part must end with a letter or digit";
      }
      for (int i = begin + 1; i < end - 1; i++) {
        char c = name.charAt(i);
        if (!isLower(c) && !isDigit(c) && c != '-') {
          return "only lowercase letters, digits, '-' and '.' are allowed";
        }
      }
      if (dot < 0) {
        return null;
      }
      begin = end + 1;
    }
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  @Override
  public int compareTo(AccountName other) {
    return Arrays.compareUnsigned(
        value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return value;
  }
}
