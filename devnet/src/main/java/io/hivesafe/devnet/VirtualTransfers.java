package io.hivesafe.devnet;

import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The virtual transfers asked for by {@link DevnetChain#virtualTransfer} and not yet made: each is made
 * in the next produced block, after its transactions, as hived's fill_recurrent_transfer. Not
 * thread-safe; {@link DevnetChain} serialises access.
 */
final class VirtualTransfers {
  private final ChainState state;
  private final List<FillRecurrentTransferOperation> waiting = new ArrayList<>();

  VirtualTransfers(ChainState state) {
    this.state = state;
  }

  /**
   * Adds {@code transfer} to those waiting.
   *
   * @throws IllegalArgumentException when an account does not exist
   * @throws IllegalStateException when the sender's balance, less the transfers already waiting, is short
   */
  void add(FillRecurrentTransferOperation transfer) {
    state.existing(transfer.from());
    state.existing(transfer.to());
    List<FillRecurrentTransferOperation> all = new ArrayList<>(waiting);
    all.add(transfer);
    Optional<String> shortfall = shortfall(all);
    if (shortfall.isPresent()) {
      throw new IllegalStateException(shortfall.get());
    }
    waiting.add(transfer);
  }

  int size() {
    return waiting.size();
  }

  /** Why the waiting transfers cannot all be made on the current balances, if they cannot. */
  Optional<String> shortfall() {
    return shortfall(waiting);
  }

  /**
   * Makes every waiting transfer, in order, in block {@code number}, and records each in {@code history}
   * as a virtual operation numbered 1, 2, … within the block.
   */
  void make(long number, Instant timestamp, AccountHistory history) {
    int counter = 0;
    for (FillRecurrentTransferOperation t : waiting) {
      ChainAccount from = state.existing(t.from());
      state.put(from.withBalance(from.balance(t.amount().symbol()).minus(t.amount())));
      ChainAccount to = state.existing(t.to());
      state.put(to.withBalance(to.balance(t.amount().symbol()).plus(t.amount())));
      history.record(HistoryEntry.ofBlock(number, ++counter, timestamp, t));
    }
    waiting.clear();
  }

  /** The first of {@code transfers}, made in order on the current balances, that a balance cannot cover. */
  private Optional<String> shortfall(List<FillRecurrentTransferOperation> transfers) {
    Map<AccountName, ChainAccount> balances = new HashMap<>();
    for (FillRecurrentTransferOperation t : transfers) {
      ChainAccount from = balances.computeIfAbsent(t.from(), state::existing);
      Asset balance = from.balance(t.amount().symbol());
      if (balance.amount() < t.amount().amount()) {
        return Optional.of("virtual transfer of " + t.amount() + " from " + t.from() + " to " + t.to() + ": the balance is short ("
            + balance + " left after the virtual transfers before it)");
      }
      balances.put(t.from(), from.withBalance(balance.minus(t.amount())));
      ChainAccount to = balances.computeIfAbsent(t.to(), state::existing);
      balances.put(t.to(), to.withBalance(to.balance(t.amount().symbol()).plus(t.amount())));
    }
    return Optional.empty();
  }
}
