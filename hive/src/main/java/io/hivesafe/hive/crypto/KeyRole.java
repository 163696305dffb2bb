package io.hivesafe.hive.crypto;

import io.hivesafe.hive.HiveFormatException;
import java.util.Locale;

/** The four roles of a Hive account's keys. */
public enum KeyRole {
  OWNER,
  ACTIVE,
  POSTING,
  MEMO;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static KeyRole parse(String label) {
    for (KeyRole role : values()) {
      if (role.label().equals(label)) {
        return role;
      }
    }
    throw new HiveFormatException("unknown key role '" + label + "': expected owner, active, posting or memo");
  }
}
