package io.hivesafe.engine.cli;

import io.hivesafe.devnet.DevnetKeys;
import io.hivesafe.devnet.Genesis;
import io.hivesafe.devnet.GenesisAccount;
import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.ops.NetworkGenesis;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The devnet genesis a network's founders rehearse on ({@code hivesafe init --devnet}): the network
 * genesis's chain id — which must be the devnet's, so that the devnet's well-known keys stay refused
 * everywhere else — and, besides {@code initminer}, every account the network names: the multisig
 * account holding exactly the treasury, the founders (genesis nodes) and the other allocation accounts
 * with {@value #FUNDS_MILLI} milli-HIVE and milli-HBD each, and the recovery account the genesis names.
 * Each has the password keys of the password {@value DevnetKeys#TEST_PASSWORD}, as the devnet's alice,
 * bob and carol (docs/devnet.md): anyone can derive them ({@code hivesafe keys derive}), and a node
 * refuses them on any other chain. The multisig account starts with its own password keys, not the
 * founders': the handover ({@code hivesafe genesis handover}) is part of the rehearsal.
 */
final class RehearsalGenesis {
  /** What each founder and allocation account holds on the devnet: 1,000.000 HIVE and HBD, like alice. */
  static final long FUNDS_MILLI = 1_000_000;

  private RehearsalGenesis() {}

  static Genesis of(NetworkGenesis network) {
    if (!DevnetKeys.isDevnetChain(network.chainId())) {
      throw new CliFailure("the network genesis is on chain " + network.chainId().toHex() + ": a rehearsal runs on the devnet's chain id "
          + DevnetKeys.CHAIN_ID.toHex() + " (assemble a rehearsal genesis with --chain-id " + DevnetKeys.CHAIN_ID.toHex()
          + "), since its accounts use well-known keys that a node refuses on any other chain");
    }
    Genesis testnet = Genesis.testnet();
    List<GenesisAccount> accounts = new ArrayList<>();
    TreeSet<AccountName> named = new TreeSet<>();
    for (GenesisAccount a : testnet.accounts()) {
      if (a.name().equals(Genesis.INIT_MINER)) {
        accounts.add(a);
        named.add(a.name());
      }
    }
    Optional<AccountName> recovery = network.recoveryAccount();
    GenesisAccount multisig = account(network.multisigAccount(), network.treasuryHive(), network.treasuryHbd());
    if (named.add(network.multisigAccount())) {
      accounts.add(recovery.isPresent() ? multisig.withRecoveryAccount(recovery.get()) : multisig);
    }
    for (NetworkGenesis.GenesisNode n : network.nodes()) {
      if (named.add(n.account())) {
        accounts.add(account(n.account(), FUNDS_MILLI, FUNDS_MILLI));
      }
    }
    for (NetworkGenesis.Allocation a : network.allocations()) {
      if (named.add(a.account())) {
        accounts.add(account(a.account(), FUNDS_MILLI, FUNDS_MILLI));
      }
    }
    if (recovery.isPresent() && named.add(recovery.get())) {
      accounts.add(account(recovery.get(), 0, 0));
    }
    return new Genesis(network.chainId(), testnet.genesisTime(), accounts);
  }

  private static GenesisAccount account(AccountName name, long hive, long hbd) {
    String account = name.value();
    return GenesisAccount.singleKeys(name, DevnetKeys.passwordKey(account, KeyRole.OWNER).publicKey(),
        DevnetKeys.passwordKey(account, KeyRole.ACTIVE).publicKey(), DevnetKeys.passwordKey(account, KeyRole.POSTING).publicKey(),
        DevnetKeys.passwordKey(account, KeyRole.MEMO).publicKey(), Asset.of(hive, AssetSymbol.HIVE), Asset.of(hbd, AssetSymbol.HBD));
  }
}
