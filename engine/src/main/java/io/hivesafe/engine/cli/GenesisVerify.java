package io.hivesafe.engine.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.crypto.Hashes;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkGenesisFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hivesafe genesis verify --genesis G --founder CARD… --api URL…}: what every founder runs on the
 * assembled genesis before signing or running anything. It rebuilds from the cards what
 * {@code genesis assemble} would — the genesis nodes (each card's account and key, age 0) and the owner and
 * active authority (their keys, weight 1, threshold ⌊n/2⌋+1) — and compares them with G: the cards'
 * accounts and keys are G's nodes, no more and no fewer, and G's authorities equal the rebuilt one. It
 * checks every card again as assemble does, offline and on chain ({@link FounderCards}) — each card names
 * G's chain id, prefix, network and multisig account. When all holds it prints the genesis file's SHA-256
 * for the founders to compare out of band (the same file for all) and, under {@code not_checked}, G's values
 * of everything it did not check (start block, token, intervals, parameters, allocations, treasury,
 * custody, recovery account), says so in one line on stderr and exits 0; otherwise one line per difference
 * on stderr and exit 2. What it did not check is the founders' to read and agree between them.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check an assembled genesis against the founders' cards (nodes, owner and active authority) and each card on --api;"
        + " print the genesis file's SHA-256 to compare with the other founders, and the fields it did not check (not_checked).")
final class GenesisVerify implements Callable<Integer> {
  private final Console console;

  @Option(names = "--genesis", required = true, paramLabel = "FILE", description = "the assembled genesis to check")
  Path genesisFile;

  @Option(names = "--founder", required = true, paramLabel = "CARD", description = "a founder's card (repeat for each founder)")
  List<Path> founders;

  @Mixin ApiOption api = new ApiOption();

  GenesisVerify(Console console) {
    this.console = console;
  }

  /** What stderr says on success: verify's OK covers the founders and the authority, nothing else. */
  static final String READ_NOT_CHECKED = "verify checked the founders and the authority only: read not_checked (allocations, treasury,"
      + " custody, params, start block) and agree them with the other founders before signing the handover";

  /** The genesis fields verify does not compare with anything: the founders read and agree them themselves. */
  static final List<String> NOT_CHECKED = List.of("start_block", "token", "intervals", "params", "allocations", "treasury", "custody");

  @Override
  public Integer call() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(genesisFile);
    } catch (IOException e) {
      throw new CliFailure("cannot read --genesis " + genesisFile + ": " + e.getClass().getSimpleName(), e);
    }
    NetworkGenesis genesis;
    try {
      genesis = NetworkGenesisFile.parse(bytes);
    } catch (IllegalArgumentException e) {
      throw new CliFailure("--genesis " + genesisFile + ": " + JsonStdio.oneLine(e.getMessage()), e);
    }
    Secp256k1Signatures signatures = new Secp256k1Signatures();
    FounderCards cards = FounderCards.read(founders, genesis.chainId(), genesis.prefix(), genesis.network(), genesis.multisigAccount(),
        signatures, "the genesis");
    List<String> differences = new ArrayList<>(differences(genesis, cards));
    differences.addAll(cards.onChainProblems(api, genesis.chainId(), signatures));
    if (!differences.isEmpty()) {
      differences.forEach(d -> console.err().println("error: " + d));
      return HivesafeCommand.EXIT_FAILURE;
    }
    ObjectNode out = JsonStdio.MAPPER.createObjectNode();
    out.put("genesis", genesisFile.toString());
    out.put("sha256", HexFormat.of().formatHex(Hashes.sha256(bytes)));
    ArrayNode list = out.putArray("founders");
    genesis.nodes().forEach(n -> list.add(n.account().value()));
    out.put("threshold", genesis.active().weightThreshold());
    out.set("not_checked", notChecked(genesis));
    console.out().println(JsonStdio.MAPPER.writeValueAsString(out));
    console.err().println(READ_NOT_CHECKED);
    return 0;
  }

  /**
   * The genesis's values of what verify does not check, as the genesis file writes them: the start block,
   * the token, the intervals, the parameters, every allocation (token and governance stake), the treasury,
   * the custody limits and the recovery account (null when the genesis names none). An allocation's
   * governance stake elects nodes: a large one to an account that is not a founder can take the authority.
   */
  static ObjectNode notChecked(NetworkGenesis genesis) {
    ObjectNode file = NetworkGenesisFile.toJson(genesis);
    ObjectNode values = JsonStdio.MAPPER.createObjectNode();
    for (String field : NOT_CHECKED) {
      values.set(field, file.get(field));
    }
    values.put("recovery_account", genesis.recoveryAccount().map(AccountName::value).orElse(null));
    return values;
  }

  /** One line per way G's nodes and authorities differ from what assemble builds from the cards. */
  static List<String> differences(NetworkGenesis genesis, FounderCards cards) {
    List<String> lines = new ArrayList<>();
    Map<AccountName, NetworkGenesis.GenesisNode> inGenesis = new LinkedHashMap<>();
    genesis.nodes().forEach(n -> inGenesis.put(n.account(), n));
    Map<AccountName, NetworkGenesis.GenesisNode> fromCards = new LinkedHashMap<>();
    cards.nodes().forEach(n -> fromCards.put(n.account(), n));
    for (NetworkGenesis.GenesisNode card : fromCards.values()) {
      NetworkGenesis.GenesisNode node = inGenesis.get(card.account());
      if (node == null) {
        lines.add("founder " + card.account() + " (key " + card.key() + ") has a card but is not a genesis node");
      } else if (!node.key().equals(card.key())) {
        lines.add("genesis node " + node.account() + " holds key " + node.key() + ", but its card holds " + card.key());
      } else if (node.age() != card.age()) {
        lines.add("genesis node " + node.account() + " starts at age " + node.age() + ", assemble gives a founder age " + card.age());
      }
    }
    for (NetworkGenesis.GenesisNode node : inGenesis.values()) {
      if (!fromCards.containsKey(node.account())) {
        lines.add("genesis node " + node.account() + " (key " + node.key() + ") has no founder card");
      }
    }
    Authority expected = cards.authority();
    if (!GenesisHandover.sameMembers(genesis.owner(), expected)) {
      lines.add("authority.owner is " + describe(genesis.owner()) + ", the cards give " + describe(expected));
    }
    if (!GenesisHandover.sameMembers(genesis.active(), expected)) {
      lines.add("authority.active is " + describe(genesis.active()) + ", the cards give " + describe(expected));
    }
    return lines;
  }

  /** {@code threshold 2 of [STM…:1, STM…:1]} and any account members. */
  private static String describe(Authority a) {
    String keys = a.keyAuths().stream().map(k -> k.key() + ":" + k.weight()).sorted().collect(Collectors.joining(", "));
    String accounts = a.accountAuths().stream().map(x -> x.account() + ":" + x.weight()).sorted().collect(Collectors.joining(", "));
    return "threshold " + a.weightThreshold() + " of [" + keys + "]" + (accounts.isEmpty() ? "" : " and accounts [" + accounts + "]");
  }
}
