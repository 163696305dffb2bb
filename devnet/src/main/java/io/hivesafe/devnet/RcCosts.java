package io.hivesafe.devnet;

import io.hivesafe.hive.protocol.AccountUpdate2Operation;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransferOperation;

/**
 * What a transaction costs in resource credits on the devnet: a fixed cost per operation by kind plus a
 * cost per byte of the signed transaction. An approximation of hived's cost, not its formula: hived
 * counts each transaction's use of five resources (history bytes, state bytes, market bytes, execution
 * time, new accounts; rc/resource_count.cpp) and prices each on a curve of how full that resource's pool
 * is (rc/rc_curve.cpp), so the same transaction costs more when the chain is busy. The figures below are
 * of the order hived charges on mainnet with its pools about as full as usual (a few hundred million RC
 * for a small custom_json or transfer, billions for an authority change, whose state bytes are dear), so
 * that the node's arithmetic of what it needs (docs/operator.md) holds roughly on both chains.
 */
public final class RcCosts {
  /** Per byte of the signed transaction (hived's history bytes: every byte is kept in the block log for ever). */
  public static final long PER_BYTE = 1_000_000L;
  /** A custom_json: execution time, no state kept. */
  public static final long CUSTOM_JSON = 200_000_000L;
  /** A transfer: execution time and two balances changed. */
  public static final long TRANSFER = 200_000_000L;
  /** An account_update or account_update2: the authorities are state bytes kept as long as the account lives. */
  public static final long ACCOUNT_UPDATE = 2_000_000_000L;

  private RcCosts() {}

  /** The cost of {@code tx}, whose signed form is {@code signedSize} bytes. */
  public static long of(Transaction tx, int signedSize) {
    if (signedSize < 0) {
      throw new IllegalArgumentException("a size is not negative, got " + signedSize);
    }
    long cost = Math.multiplyExact(PER_BYTE, (long) signedSize);
    for (Operation op : tx.operations()) {
      cost = Math.addExact(cost, of(op));
    }
    return cost;
  }

  /** The fixed cost of one operation; an operation the devnet does not model costs nothing (it is refused before). */
  static long of(Operation op) {
    if (op instanceof CustomJsonOperation) {
      return CUSTOM_JSON;
    }
    if (op instanceof TransferOperation) {
      return TRANSFER;
    }
    if (op instanceof AccountUpdateOperation || op instanceof AccountUpdate2Operation) {
      return ACCOUNT_UPDATE;
    }
    return 0;
  }
}
