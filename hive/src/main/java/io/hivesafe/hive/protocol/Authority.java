package io.hivesafe.hive.protocol;

import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * An authority: weight threshold, account members and key members. Normalised in the constructor the
 * way hived's flat_maps order it before any digest is taken: keys by their 33 bytes as unsigned
 * values, accounts byte-wise, a repeated member collapsed into its first occurrence.
 *
 * <p>This is the wire value: it does not reject a threshold of 0 or above the sum of weights, because
 * the chain accepts both. Use {@link #isSatisfiable()} before building one.
 */
public record Authority(long weightThreshold, List<AccountWeight> accountAuths, List<KeyWeight> keyAuths) {
  public static final int MAX_WEIGHT = 0xffff;
  public static final long MAX_THRESHOLD = 0xffffffffL;

  public record AccountWeight(AccountName account, int weight) {
    public AccountWeight {
      Objects.requireNonNull(account, "account");
      checkWeight(weight);
    }
  }

  public record KeyWeight(PublicKey key, int weight) {
    public KeyWeight {
      Objects.requireNonNull(key, "key");
      checkWeight(weight);
    }
  }

  public Authority {
    if (weightThreshold < 0 || weightThreshold > MAX_THRESHOLD) {
      throw new HiveFormatException("weight_threshold must be a u32, got " + weightThreshold);
    }
    accountAuths = normalise(accountAuths, AccountWeight::account, Comparator.naturalOrder());
    keyAuths = normalise(keyAuths, KeyWeight::key, Comparator.naturalOrder());
  }

  private static void checkWeight(int weight) {
    if (weight < 0 || weight > MAX_WEIGHT) {
      throw new HiveFormatException("authority weight must be a u16, got " + weight);
    }
  }

  private static <E, K> List<E> normalise(
      List<E> entries, Function<E, K> member, Comparator<K> order) {
    Set<K> seen = new HashSet<>();
    List<E> unique = new ArrayList<>();
    for (E entry : entries) {
      if (seen.add(member.apply(entry))) {
        unique.add(entry);
      }
    }
    unique.sort(Comparator.comparing(member, order));
    return List.copyOf(unique);
  }

  /** Sum of all member weights. */
  public long totalWeight() {
    long total = 0;
    for (AccountWeight a : accountAuths) {
      total += a.weight();
    }
    for (KeyWeight k : keyAuths) {
      total += k.weight();
    }
    return total;
  }

  /** 1 ≤ threshold ≤ Σweights: the check the chain does not make. */
  public boolean isSatisfiable() {
    return weightThreshold >= 1 && weightThreshold <= totalWeight();
  }

  public int memberCount() {
    return accountAuths.size() + keyAuths.size();
  }
}
