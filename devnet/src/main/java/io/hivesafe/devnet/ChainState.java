package io.hivesafe.devnet;

import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.TransactionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The devnet's mutable state: accounts, the ids of transactions it knows until they expire (hived's
 * transaction_object index), and the custom operations each account has in the block being built.
 * Changes made while trying one transaction are undone together when it is refused ({@link #begin},
 * {@link #undo}, {@link #keep}). Not thread-safe; {@link DevnetChain} serialises access.
 */
final class ChainState {
  private final TreeMap<AccountName, ChainAccount> accounts = new TreeMap<>();
  private final Map<TransactionId, Instant> known = new HashMap<>();
  private final TreeMap<AccountName, Integer> customOps = new TreeMap<>();
  /** First value of each account touched since {@link #begin} (empty = did not exist). */
  private LinkedHashMap<AccountName, Optional<ChainAccount>> undo;

  void begin() {
    if (undo != null) {
      throw new IllegalStateException("a state session is already open");
    }
    undo = new LinkedHashMap<>();
  }

  void keep() {
    requireSession();
    undo = null;
  }

  void undo() {
    requireSession();
    undo.forEach((name, before) -> {
      if (before.isPresent()) {
        accounts.put(name, before.get());
      } else {
        accounts.remove(name);
      }
    });
    undo = null;
  }

  Optional<ChainAccount> account(AccountName name) {
    return Optional.ofNullable(accounts.get(name));
  }

  /**
   * The account {@code name}, which must exist.
   *
   * @throws IllegalArgumentException when it does not
   */
  ChainAccount existing(AccountName name) {
    return account(Objects.requireNonNull(name, "name"))
        .orElseThrow(() -> new IllegalArgumentException("account " + name + " does not exist on the devnet"));
  }

  void put(ChainAccount account) {
    if (undo != null) {
      undo.putIfAbsent(account.name(), Optional.ofNullable(accounts.get(account.name())));
    }
    accounts.put(account.name(), account);
  }

  /** Every account in name order. */
  List<ChainAccount> accounts() {
    return new ArrayList<>(accounts.values());
  }

  boolean isKnown(TransactionId id) {
    return known.containsKey(id);
  }

  void remember(TransactionId id, Instant expiration) {
    known.put(id, expiration);
  }

  /** hived's clear_expired_transactions: forget ids whose expiration is before {@code now}. */
  void forgetExpired(Instant now) {
    known.values().removeIf(expiration -> expiration.isBefore(now));
  }

  int customOps(AccountName account) {
    return customOps.getOrDefault(account, 0);
  }

  void addCustomOps(Map<AccountName, Integer> counts) {
    counts.forEach((name, n) -> customOps.merge(name, n, Integer::sum));
  }

  void clearCustomOps() {
    customOps.clear();
  }

  private void requireSession() {
    if (undo == null) {
      throw new IllegalStateException("no state session is open");
    }
  }
}
