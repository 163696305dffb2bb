package io.hivesafe.ops;

import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;

import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Authority;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One authority of the multisig account as it stands on chain (owner or active): its weight
 * threshold, its key members and its account members, each with its weight. Keys are in STM form, in
 * hived's order (the compressed key's bytes, unsigned); accounts byte-wise. This is the state's record
 * of a Hive {@link Authority}; {@link #of} and {@link #toAuthority} convert without loss.
 */
public record SignerAuthority(long threshold, List<Member> keys, List<Member> accounts) {
  /** A member (a key in STM form, or an account name) and its weight. */
  public record Member(String name, long weight) {}

  public SignerAuthority {
    keys = List.copyOf(keys);
    accounts = List.copyOf(accounts);
  }

  /** The canonical encoding: threshold, keys (name, weight), accounts (name, weight), in recorded order. */
  static void write(ValueWriter w, SignerAuthority a) {
    w.int64(a.threshold).list(a.keys, SignerAuthority::writeMember).list(a.accounts, SignerAuthority::writeMember);
  }

  static SignerAuthority read(ValueReader r) {
    return new SignerAuthority(r.int64(), r.list(SignerAuthority::readMember), r.list(SignerAuthority::readMember));
  }

  private static void writeMember(ValueWriter w, Member m) {
    w.text(m.name()).int64(m.weight());
  }

  private static Member readMember(ValueReader r) {
    return new Member(r.text(), r.int64());
  }

  /** The state's record of {@code authority}, in hived's member order. */
  public static SignerAuthority of(Authority authority) {
    List<Member> keys = new ArrayList<>();
    for (Authority.KeyWeight k : authority.keyAuths()) {
      keys.add(new Member(k.key().toString(), k.weight()));
    }
    List<Member> accounts = new ArrayList<>();
    for (Authority.AccountWeight a : authority.accountAuths()) {
      accounts.add(new Member(a.account().value(), a.weight()));
    }
    return new SignerAuthority(authority.weightThreshold(), keys, accounts);
  }

  /** {@code keys} of weight 1 each, with {@code threshold}: the shape of every rotation we build. */
  public static SignerAuthority ofKeys(long threshold, Collection<String> keys) {
    List<Authority.KeyWeight> weights = new ArrayList<>();
    for (String k : keys) {
      weights.add(new Authority.KeyWeight(PublicKey.fromString(k), 1));
    }
    return of(new Authority(threshold, List.of(), weights));
  }

  /** The Hive authority this records. */
  public Authority toAuthority() {
    List<Authority.KeyWeight> k = new ArrayList<>();
    for (Member m : keys) {
      k.add(new Authority.KeyWeight(PublicKey.fromString(m.name()), (int) m.weight()));
    }
    List<Authority.AccountWeight> a = new ArrayList<>();
    for (Member m : accounts) {
      a.add(new Authority.AccountWeight(AccountName.of(m.name()), (int) m.weight()));
    }
    return new Authority(threshold, a, k);
  }

  /** The weight of key {@code stm} in this authority, 0 if it is not a member. */
  public long weightOf(String stm) {
    for (Member m : keys) {
      if (m.name().equals(stm)) {
        return m.weight();
      }
    }
    return 0;
  }

  public boolean hasKey(String stm) {
    return keyNames().contains(stm);
  }

  /** The key members' names (STM), in hived's order. */
  public List<String> keyNames() {
    List<String> out = new ArrayList<>();
    for (Member m : keys) {
      out.add(m.name());
    }
    return out;
  }

  /** The sum of every member's weight. */
  public long totalWeight() {
    long total = 0;
    for (Member m : keys) {
      total += m.weight();
    }
    for (Member m : accounts) {
      total += m.weight();
    }
    return total;
  }

  /** 1 ≤ threshold ≤ Σ weights: the check hived does not make (a threshold of 0 needs no signature). */
  public boolean satisfiable() {
    return threshold >= 1 && threshold <= totalWeight();
  }

  /** The number of members, keys and accounts (hived allows at most 40). */
  public int memberCount() {
    return keys.size() + accounts.size();
  }

  /**
   * The keys hived's walk uses when the transaction carries signatures by {@code signed}: the key
   * members in order, adding each signed key's weight, stopping once the threshold is reached
   * (sign_state::check_authority). Every signed key this walk does not reach is "unnecessary" before
   * HF28. If the threshold is not reached, every signed key member is returned.
   */
  public List<String> walk(Set<String> signed) {
    List<String> used = new ArrayList<>();
    long total = 0;
    for (Member m : keys) {
      if (signed.contains(m.name())) {
        used.add(m.name());
        total += m.weight();
        if (total >= threshold) {
          break;
        }
      }
    }
    return used;
  }

  /** The weight the signatures by {@code signed} carry in this authority's key members. */
  public long signedWeight(Set<String> signed) {
    long total = 0;
    for (Member m : keys) {
      if (signed.contains(m.name())) {
        total += m.weight();
      }
    }
    return total;
  }

  /** Whether signatures by {@code signed} satisfy this authority through its keys (a threshold of 0 never counts). */
  public boolean metBy(Set<String> signed) {
    return threshold >= 1 && signedWeight(signed) >= threshold;
  }

  /** The key members as a sorted set (STM order). */
  public TreeSet<String> keySet() {
    return new TreeSet<>(keyNames());
  }
}
