package io.hivesafe.hive.codec;

import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Authority;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * authority: u32 weight_threshold, account_auths (varint count of (name, u16)), key_auths (varint
 * count of (33-byte key, u16)). Also the public-key and account-name codecs it is built from.
 */
public final class AuthorityCodec {
  private AuthorityCodec() {}

  public static void write(HiveWriter out, Authority authority) {
    out.u32(authority.weightThreshold());
    out.varint(authority.accountAuths().size());
    for (Authority.AccountWeight a : authority.accountAuths()) {
      out.string(a.account().value());
      out.u16(a.weight());
    }
    out.varint(authority.keyAuths().size());
    for (Authority.KeyWeight k : authority.keyAuths()) {
      out.bytes(k.key().toBytes());
      out.u16(k.weight());
    }
  }

  public static Authority read(HiveReader in) {
    long threshold = in.u32();
    int accounts = in.count(6);
    List<Authority.AccountWeight> accountAuths = new ArrayList<>(accounts);
    for (int i = 0; i < accounts; i++) {
      accountAuths.add(new Authority.AccountWeight(readAccount(in), in.u16()));
    }
    int keys = in.count(35);
    List<Authority.KeyWeight> keyAuths = new ArrayList<>(keys);
    for (int i = 0; i < keys; i++) {
      keyAuths.add(new Authority.KeyWeight(PublicKey.fromBytes(in.bytes(33)), in.u16()));
    }
    Authority authority = new Authority(threshold, accountAuths, keyAuths);
    if (!authority.accountAuths().equals(accountAuths) || !authority.keyAuths().equals(keyAuths)) {
      throw new HiveFormatException("authority members are not in hived's sorted, duplicate-free order");
    }
    return authority;
  }

  public static AccountName readAccount(HiveReader in) {
    return new AccountName(in.string());
  }

  public static void writeOptional(HiveWriter out, Optional<Authority> authority) {
    out.optionalPresent(authority.isPresent());
    authority.ifPresent(a -> write(out, a));
  }

  public static Optional<Authority> readOptional(HiveReader in) {
    return in.optionalPresent() ? Optional.of(read(in)) : Optional.empty();
  }
}
