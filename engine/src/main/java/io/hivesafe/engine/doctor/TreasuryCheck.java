package io.hivesafe.engine.doctor;

import io.hivesafe.hive.rpc.AccountInfo;
import io.hivesafe.ops.NetworkGenesis;
import java.util.List;
import java.util.Optional;

/**
 * A founding precondition: before the start block, the multisig account's HIVE and HBD balances equal the
 * genesis treasury, which the core books at the start block (and the custody check then compares the
 * chain with the books, docs/multisig.md). Once the network has started, deposits and payouts move the
 * balance: the node's custody check compares it, not doctor; and a node with a state leaves it to that
 * check too.
 */
final class TreasuryCheck {
  static final String NAME = "treasury";

  private TreasuryCheck() {}

  static List<Finding> check(NetworkGenesis genesis, long head, boolean hasState, MultisigChain chain) {
    if (hasState || head >= genesis.startBlock()) {
      return List.of(Finding.ok(NAME, "not compared: the network started at block " + genesis.startBlock()
          + "; the running node's custody check compares the multisig account's balance with its books"));
    }
    Optional<AccountInfo> info = chain.account();
    if (info.isEmpty()) {
      return List.of(chain.failure(NAME));
    }
    long hive = info.get().balance().amount();
    long hbd = info.get().hbdBalance().amount();
    String found = genesis.multisigAccount() + " holds " + milli(hive) + " HIVE and " + milli(hbd) + " HBD; the genesis "
        + "treasury is " + milli(genesis.treasuryHive()) + " HIVE and " + milli(genesis.treasuryHbd()) + " HBD";
    if (hive != genesis.treasuryHive() || hbd != genesis.treasuryHbd()) {
      return List.of(Finding.fail(NAME, found, "before the start block " + genesis.startBlock() + ", make the balances equal "
          + "the treasury (transfer the difference in or out): the core books the treasury at the start block and the "
          + "custody check compares the chain with the books"));
    }
    return List.of(Finding.ok(NAME, found));
  }

  private static String milli(long amount) {
    return amount / 1000 + "." + String.format("%03d", amount % 1000);
  }
}
