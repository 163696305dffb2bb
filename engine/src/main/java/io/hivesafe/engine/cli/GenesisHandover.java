package io.hivesafe.engine.cli;

import io.hivesafe.hive.json.TransactionJson;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.SymbolNames;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.rpc.AccountInfo;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcException;
import io.hivesafe.ops.NetworkGenesis;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hivesafe genesis handover --genesis G [--api URL]}: the unsigned transaction that hands the
 * multisig account to the network — one {@code account_update} setting its owner and its active
 * authority to the genesis's (the founders' keys, weight 1 each, threshold ⌊n/2⌋+1, unless the genesis
 * says otherwise), leaving posting and memo key as they are (the null memo key means "unchanged"), the
 * same shape as the network's own rotations. The account's current owner signs it with the owner key
 * (an update of the owner authority needs the owner authority), before the genesis's start block: the
 * core records the genesis authority at the start block, and an update after it is an alarm.
 *
 * <p>With {@code --api} the header references the head block and expires {@code --expires-in} seconds
 * after it, and the account is read first: a missing account, or one whose owner and active already are
 * the genesis's, is an error line. Without it the header is empty (block 0, expiration 1970-01-01T00:00:00)
 * for a wallet, or {@code hivesafe tx prepare}, to fill in.
 */
@Command(name = "handover", mixinStandardHelpOptions = true,
    description = "Print the unsigned account_update that gives the multisig account's owner and active authority to the genesis's keys"
        + " (for its current owner to sign with the owner key).")
final class GenesisHandover implements Callable<Integer> {
  private final Console console;

  @Option(names = "--genesis", required = true, paramLabel = "FILE", description = "the network's genesis (genesis assemble wrote it)")
  Path genesisFile;

  @Mixin ApiOption api = new ApiOption();

  @Option(names = "--expires-in", paramLabel = "SECONDS", defaultValue = "600",
      description = "with --api: expiration after the head block's time (default 600, at most 3600)")
  long expiresIn;

  @Option(names = "--json-form", paramLabel = "legacy|hf26", description = "form of the printed transaction (default legacy)")
  String jsonForm = "legacy";

  GenesisHandover(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws IOException {
    var form = TxCommands.JsonFormOption.parse(jsonForm);
    NetworkGenesis genesis = GenesisOptions.read(genesisFile, "--genesis");
    Transaction tx = Transaction.builder()
        .expiration(Instant.EPOCH)
        .operation(new AccountUpdateOperation(genesis.multisigAccount(), Optional.of(genesis.owner()), Optional.of(genesis.active()),
            Optional.empty(), Optional.empty(), ""))
        .build();
    if (api.given()) {
      try (HiveRpcClient client = api.client()) {
        checkAccount(client, genesis);
        tx = ApiOption.referenced(tx, client, expiresIn);
      }
    }
    console.out().println(JsonStdio.MAPPER.writeValueAsString(TransactionJson.write(tx, form, SymbolNames.MAINNET)));
    console.err().println("sign it with the owner key of " + genesis.multisigAccount() + " (an owner change needs the owner authority),"
        + " e.g. hivesafe tx sign --chain-id " + genesis.chainId().toHex() + " --wif-file OWNER.wif, and broadcast it before block "
        + genesis.startBlock() + (api.given() ? "" : " (without --api the header is empty: fill it with hivesafe tx prepare --api URL)"));
    return 0;
  }

  /** The account exists on this API's chain and is not handed over yet. */
  private static void checkAccount(HiveRpcClient client, NetworkGenesis genesis) {
    List<AccountInfo> found;
    try {
      found = client.findAccounts(List.of(genesis.multisigAccount()));
    } catch (RpcException e) {
      throw new CliFailure("the API did not answer find_accounts: " + JsonStdio.oneLine(e.getMessage()), e);
    }
    if (found.isEmpty()) {
      throw new CliFailure("the multisig account " + genesis.multisigAccount() + " does not exist on the API's chain: create it first");
    }
    AccountInfo account = found.get(0);
    if (sameMembers(account.owner(), genesis.owner()) && sameMembers(account.active(), genesis.active())) {
      throw new CliFailure("the multisig account " + genesis.multisigAccount() + "'s owner and active already are the genesis's:"
          + " nothing to hand over");
    }
  }

  /** Authorities compare as threshold and members with their weights, in any order (as hived stores them sorted). */
  static boolean sameMembers(Authority a, Authority b) {
    return a.weightThreshold() == b.weightThreshold()
        && new java.util.HashSet<>(a.keyAuths()).equals(new java.util.HashSet<>(b.keyAuths()))
        && new java.util.HashSet<>(a.accountAuths()).equals(new java.util.HashSet<>(b.accountAuths()));
  }
}
