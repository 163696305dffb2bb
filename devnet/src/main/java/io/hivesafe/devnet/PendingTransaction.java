package io.hivesafe.devnet;

import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransactionId;
import java.util.Map;

/**
 * An accepted transaction waiting for a block: its id on chain, its signed bytes (which count against
 * the block size) and the custom operations it counts for each account.
 */
record PendingTransaction(Transaction transaction, TransactionId id, byte[] signedBytes, Map<AccountName, Integer> customOps) {}
