package io.hivesafe.testkit.traffic;

import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Operation;

/**
 * One generated operation before it is packed into a transaction: who signs it and with which role,
 * an upper bound of the bytes it adds to a block, and what it changes in the generator's model when it
 * is kept (run once, in block order).
 */
record Draft(TrafficKind kind, AccountName signer, boolean posting, Operation op, int bytes, Runnable effect) {
  /** Per operation, besides its JSON or memo: header, signature, auths, id, tags. */
  static final int OVERHEAD = 160;
}
