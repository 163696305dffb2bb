package io.hivesafe.devnet;

import io.hivesafe.hive.protocol.AccountName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every account's history, as hived's account_history plugin keeps it: each operation of a produced block
 * (transaction operations and virtual operations, in the order the block applied them) is appended once
 * to the history of every account it impacts ({@link RecordedOperation#impacted}); an entry's sequence
 * number is its index in that account's list, from 0. Append-only, so sequence numbers never change.
 * Not thread-safe; {@link DevnetChain} serialises access.
 */
final class AccountHistory {
  private final Map<AccountName, List<HistoryEntry>> byAccount = new HashMap<>();

  void record(HistoryEntry entry) {
    for (AccountName account : entry.operation().impacted()) {
      byAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(entry);
    }
  }

  /** How many entries {@code account} has. */
  int size(AccountName account) {
    return entries(account).size();
  }

  /** How many of {@code account}'s entries are in blocks up to {@code lastBlock}: a prefix, since entries come in block order. */
  int sizeUpTo(AccountName account, long lastBlock) {
    List<HistoryEntry> entries = entries(account);
    int low = 0;
    int high = entries.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (entries.get(middle).block() <= lastBlock) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** Entries {@code from} (inclusive) to {@code to} (exclusive) of {@code account}'s history. */
  List<HistoryEntry> range(AccountName account, int from, int to) {
    return List.copyOf(entries(account).subList(from, to));
  }

  private List<HistoryEntry> entries(AccountName account) {
    return byAccount.getOrDefault(account, List.of());
  }
}
