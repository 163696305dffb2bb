package io.hivesafe.devnet;

import java.util.ArrayList;
import java.util.List;

/**
 * The accepted transactions of the next block, in the order they were accepted. Not thread-safe;
 * {@link DevnetChain} serialises access.
 */
final class PendingPool {
  private final List<PendingTransaction> pending = new ArrayList<>();

  void add(PendingTransaction transaction) {
    pending.add(transaction);
  }

  /** Takes the oldest transactions, in order, as long as their signed bytes fit in {@code maximumBytes} together. */
  List<PendingTransaction> takeFitting(long maximumBytes) {
    List<PendingTransaction> chosen = new ArrayList<>();
    long size = 0;
    while (!pending.isEmpty() && size + pending.get(0).signedBytes().length <= maximumBytes) {
      PendingTransaction next = pending.remove(0);
      size += next.signedBytes().length;
      chosen.add(next);
    }
    return chosen;
  }

  /** Counts the custom operations of the transactions still waiting as the block being built's (after a block took the others). */
  void recountCustomOps(ChainState state) {
    state.clearCustomOps();
    pending.forEach(p -> state.addCustomOps(p.customOps()));
  }

  int size() {
    return pending.size();
  }
}
