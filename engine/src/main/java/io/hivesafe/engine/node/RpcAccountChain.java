package io.hivesafe.engine.node;

import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.rpc.AccountHistoryEntry;
import io.hivesafe.hive.rpc.AccountInfo;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AccountChain} over a {@link HiveRpcClient}. The history is read back from the newest entry
 * ({@code start = -1}) in pages until an entry of {@code block} or earlier, or the account's first entry;
 * each next page asks for the entries below the oldest one seen, so entries that arrive meanwhile do not
 * shift it. An answer whose entries are not in block order, or that skips a sequence number between pages,
 * is refused ({@link HiveFormatException}); so is a history longer than {@link #MAX_ENTRIES} after the
 * block (the check is not made rather than made on part of it).
 */
final class RpcAccountChain implements AccountChain {
  /** Entries per get_account_history call. */
  static final int PAGE = 250;
  /** More entries after the node's block than a check reads (the node is then far behind, or the account flooded). */
  static final int MAX_ENTRIES = 20_000;

  private final HiveRpcClient api;
  private final AccountName account;
  private final int page;

  RpcAccountChain(HiveRpcClient api, AccountName account) {
    this(api, account, PAGE);
  }

  RpcAccountChain(HiveRpcClient api, AccountName account, int page) {
    this.api = Objects.requireNonNull(api, "api");
    this.account = Objects.requireNonNull(account, "account");
    if (page < 1 || page > HiveRpcClient.MAX_ACCOUNT_HISTORY) {
      throw new IllegalArgumentException("page must be within 1.." + HiveRpcClient.MAX_ACCOUNT_HISTORY + ", got " + page);
    }
    this.page = page;
  }

  @Override
  public long head() throws RpcException {
    return api.getDynamicGlobalProperties().headBlockNumber();
  }

  @Override
  public Optional<AccountInfo> account() throws RpcException {
    List<AccountInfo> found = api.findAccounts(List.of(account));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<AccountHistoryEntry> historyAfter(long block) throws RpcException {
    List<AccountHistoryEntry> newestFirst = new ArrayList<>();
    long start = HiveRpcClient.NEWEST;
    int limit = page;
    while (true) {
      List<AccountHistoryEntry> got = api.getAccountHistory(account, start, limit, true);
      if (got.isEmpty()) {
        break;
      }
      AccountHistoryEntry newest = got.get(got.size() - 1);
      if (start != HiveRpcClient.NEWEST && newest.sequence() != start) {
        throw new HiveFormatException("asked for history entries up to " + start + ", the newest returned is " + newest.sequence());
      }
      for (int i = got.size() - 1; i >= 0; i--) {
        AccountHistoryEntry e = got.get(i);
        if (!newestFirst.isEmpty() && e.block() > newestFirst.get(newestFirst.size() - 1).block()) {
          throw new HiveFormatException("history entry " + e.sequence() + " of block " + e.block() + " comes before an entry of block "
              + newestFirst.get(newestFirst.size() - 1).block());
        }
        if (e.block() <= block) {
          Collections.reverse(newestFirst);
          return List.copyOf(newestFirst);
        }
        newestFirst.add(e);
      }
      if (newestFirst.size() > MAX_ENTRIES) {
        throw new HiveFormatException("more than " + MAX_ENTRIES + " history entries after block " + block);
      }
      long oldest = got.get(0).sequence();
      if (oldest == 0) {
        break;
      }
      start = oldest - 1;
      limit = (int) Math.min(page, start + 1);
    }
    Collections.reverse(newestFirst);
    return List.copyOf(newestFirst);
  }
}
