package io.hivesafe.engine.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.ops.Custody;
import io.hivesafe.ops.CustodyLimits;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkGenesisFile;
import io.hivesafe.ops.NetworkParams;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hivesafe genesis assemble}: the network genesis of a new network from its founders' cards.
 * Every card must be for this chain id, prefix, network name and multisig account, its proof must be its
 * key's signature over its account's node_add message, no account or key may appear twice, and on an
 * {@code --api} of this chain its account must exist and its account signature be by the account's active
 * key ({@link FounderCards}): the founders become the genesis
 * nodes (the first runners), each with {@code --founder-stake} governance stake, and the multisig
 * account's owner and active authority at the start are their keys, weight 1 each, threshold ⌊n/2⌋+1.
 * The treasury must be within the safety limit at the start. Any problem is one line and writes nothing;
 * the genesis is written by {@link NetworkGenesisFile#write}, the project's one genesis writer.
 */
@Command(name = "assemble", mixinStandardHelpOptions = true,
    description = "Write a new network's genesis from its founders' cards (hivesafe keys generate --card), checking every proof,"
        + " and every card's account and account signature on --api.")
final class GenesisAssemble implements Callable<Integer> {
  private final Console console;

  @Option(names = "--network", required = true, paramLabel = "NAME", description = "the network's name (1-32 of [a-z0-9-])")
  String network;

  @Option(names = "--chain-id", required = true, paramLabel = "HEX", description = "the Hive chain id every card was made for")
  String chainId;

  @Option(names = "--prefix", required = true, paramLabel = "P", description = "the custom_json prefix every card was made for")
  String prefix;

  @Option(names = "--multisig-account", required = true, paramLabel = "NAME", description = "the shared Hive account")
  String multisigAccount;

  @Option(names = "--start-block", required = true, paramLabel = "N",
      description = "the first Hive block the network applies: after the handover and the treasury's funding are in blocks")
  long startBlock;

  @Option(names = "--founder", required = true, paramLabel = "CARD", description = "a founder's card (repeat for each founder)")
  List<Path> founders;

  @Mixin ApiOption api = new ApiOption();

  @Option(names = "--founder-stake", required = true, paramLabel = "UNITS",
      description = "governance stake each founder starts with (at least params.min_stake, 1000); it backs the safety limit")
  long founderStake;

  @Option(names = "--token", required = true, paramLabel = "SYMBOL", description = "the token's symbol (3-10 capitals, display only)")
  String token;

  @Option(names = "--token-precision", paramLabel = "N", defaultValue = "3", description = "the token's decimals for display (default 3)")
  int tokenPrecision;

  @Option(names = "--tally", paramLabel = "BLOCKS", defaultValue = "100", description = "blocks between tallies (default 100)")
  long tally;

  @Option(names = "--report-offset", paramLabel = "BLOCKS", defaultValue = "50", description = "reports after B % tally == this (default 50)")
  long reportOffset;

  @Option(names = "--treasury-hive", paramLabel = "MILLI", defaultValue = "0",
      description = "milli-HIVE the multisig account holds at the start, the network's own (default 0)")
  long treasuryHive;

  @Option(names = "--treasury-hbd", paramLabel = "MILLI", defaultValue = "0", description = "likewise milli-HBD (default 0)")
  long treasuryHbd;

  @Option(names = "--daily-cap-hive", required = true, paramLabel = "MILLI", description = "custody.daily_cap.hive: milli-HIVE payouts may total in 24 hours")
  long dailyCapHive;

  @Option(names = "--daily-cap-hbd", required = true, paramLabel = "MILLI", description = "custody.daily_cap.hbd, likewise")
  long dailyCapHbd;

  @Option(names = "--value-hbd", required = true, paramLabel = "NUM/DEN", description = "custody.value.hbd: milli-HIVE one milli-HBD is worth")
  String valueHbd;

  @Option(names = "--value-token", required = true, paramLabel = "NUM/DEN", description = "custody.value.token: milli-HIVE one token unit is worth")
  String valueToken;

  @Option(names = "--recovery-account", paramLabel = "NAME",
      description = "the multisig account's recovery account on chain, to record it (the node then checks it; docs/multisig.md)")
  String recoveryAccount;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the genesis (must not exist)")
  Path out;

  GenesisAssemble(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws IOException {
    ChainId chain = GenesisOptions.chainId(chainId);
    String networkPrefix = GenesisOptions.prefix(prefix);
    if (Files.exists(out)) {
      throw new CliFailure("--out " + out + " exists: a genesis is never overwritten");
    }
    String networkName = GenesisOptions.network(network);
    AccountName multisig = GenesisOptions.multisigAccount(multisigAccount);
    Secp256k1Signatures signatures = new Secp256k1Signatures();
    FounderCards cards = FounderCards.read(founders, chain, networkPrefix, networkName, multisig, signatures, "--");
    List<String> onChain = cards.onChainProblems(api, chain, signatures);
    if (!onChain.isEmpty()) {
      throw new CliFailure(onChain.get(0));
    }
    List<NetworkGenesis.GenesisNode> nodes = cards.nodes();
    NetworkParams params = NetworkParams.defaults();
    if (founderStake < params.minStake()) {
      throw new CliFailure("--founder-stake " + founderStake + " is below params.min_stake " + params.minStake()
          + ": the founders would not be eligible at the first tally");
    }
    List<NetworkGenesis.Allocation> allocations = new ArrayList<>();
    for (NetworkGenesis.GenesisNode n : nodes) {
      allocations.add(new NetworkGenesis.Allocation(n.account(), 0, founderStake));
    }
    Authority authority = cards.authority();
    NetworkGenesis genesis;
    try {
      CustodyLimits custody = new CustodyLimits(dailyCapHive, dailyCapHbd, CustodyLimits.Rate.parse(valueHbd),
          CustodyLimits.Rate.parse(valueToken));
      genesis = new NetworkGenesis(network, chain, networkPrefix, multisig, startBlock, token, tokenPrecision,
          tally, reportOffset, params, allocations, treasuryHive, treasuryHbd, nodes, authority, authority,
          Optional.ofNullable(recoveryAccount).map(AccountName::of), custody);
    } catch (IllegalArgumentException e) {
      throw new CliFailure("the genesis would be invalid: " + JsonStdio.oneLine(e.getMessage()), e);
    }
    if (!Custody.genesisWithinLimit(genesis)) {
      long stake = Custody.genesisWeakestMajorityStake(genesis);
      throw new CliFailure("the treasury is worth " + genesis.custody().custodyValue(treasuryHive, treasuryHbd)
          + " milli-HIVE, over the safety limit of " + genesis.custody().stakeValue(stake) + " (the stake of the weakest "
          + authority.weightThreshold() + " founders, " + stake + " units at --value-token " + valueToken
          + "): raise --founder-stake or lower the treasury");
    }
    try {
      Files.write(out, NetworkGenesisFile.write(genesis), StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException e) {
      throw new CliFailure("--out " + out + " exists: a genesis is never overwritten", e);
    } catch (IOException e) {
      throw new CliFailure("cannot write --out " + out + ": " + e.getClass().getSimpleName(), e);
    }
    console.out().println(JsonStdio.MAPPER.writeValueAsString(summary(genesis)));
    return 0;
  }

  private static ObjectNode summary(NetworkGenesis g) {
    ObjectNode out = JsonStdio.MAPPER.createObjectNode();
    out.put("network", g.network());
    out.put("chain_id", g.chainId().toHex());
    out.put("multisig_account", g.multisigAccount().value());
    out.put("start_block", g.startBlock());
    ArrayNode founders = out.putArray("founders");
    g.nodes().forEach(n -> founders.add(n.account().value()));
    ObjectNode authority = out.putObject("authority");
    authority.put("threshold", g.active().weightThreshold());
    ArrayNode keys = authority.putArray("keys");
    g.active().keyAuths().forEach(k -> keys.add(k.key().toString()));
    ObjectNode treasury = out.putObject("treasury");
    treasury.put("hive", g.treasuryHive());
    treasury.put("hbd", g.treasuryHbd());
    return out;
  }
}
