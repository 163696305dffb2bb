package io.hivesafe.engine.node;

import io.hivesafe.hive.rpc.AccountHistoryEntry;
import io.hivesafe.hive.rpc.AccountInfo;
import io.hivesafe.hive.rpc.RpcException;
import java.util.List;
import java.util.Optional;

/**
 * What the shell's chain checks ({@link CustodyCheck}, {@link AuthorityCheck}) read about the multisig
 * account from a Hive API: the head, the account as {@code find_accounts} shows it (hived includes
 * transactions accepted but not yet in a block), and its history after a block (only what blocks hold).
 * {@link RpcAccountChain} reads them over JSON-RPC; tests may script them.
 */
interface AccountChain {
  /** The head block number (database_api.get_dynamic_global_properties). */
  long head() throws RpcException;

  /** The account as the API shows it now, pending transactions included; empty if the API does not know it. */
  Optional<AccountInfo> account() throws RpcException;

  /**
   * The account's history entries of blocks after {@code block}, oldest first, reversible blocks included
   * (account_history_api.get_account_history with include_reversible, paged back from the newest entry).
   */
  List<AccountHistoryEntry> historyAfter(long block) throws RpcException;
}
