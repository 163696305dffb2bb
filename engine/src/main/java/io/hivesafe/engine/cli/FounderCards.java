package io.hivesafe.engine.cli;

import io.hivesafe.engine.service.ChainIdCheck;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.rpc.AccountInfo;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcException;
import io.hivesafe.ops.NetworkGenesis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The founders' cards of one network, read and checked, in the order given — what {@code genesis assemble}
 * builds the genesis from and {@code genesis verify} rebuilds it from. Offline ({@link #read}): each card
 * is for the network's chain id, prefix, name and multisig account (what its account signature agreed to:
 * a card is not replayed into another genesis on the same chain), its proof is its key's signature over its account's node_add
 * message, no account or key appears twice, no card names the multisig account. On chain
 * ({@link #onChainProblems}), against APIs that serve the network's chain id: each account exists and the
 * card's account signature recovers to a key of the account's active authority whose weight alone reaches
 * its threshold — the account, not just whoever made the key, chose the key. Without that, one founder
 * could make a second card naming another account and hold a majority of the genesis authority.
 */
final class FounderCards {
  private final Map<Path, FounderCard> cards;

  private FounderCards(Map<Path, FounderCard> cards) {
    this.cards = cards;
  }

  /**
   * Reads and checks every card offline; the first problem is a {@link CliFailure}. {@code source} names
   * where the chain id, prefix, network and multisig account come from in an error: {@code "--"} for the
   * options, else a file.
   */
  static FounderCards read(List<Path> files, ChainId chain, String prefix, String network, AccountName multisig,
      SignatureScheme signatures, String source) {
    String chainIdFrom = source.equals("--") ? "--chain-id" : source + "'s chain id";
    String prefixFrom = source.equals("--") ? "--prefix" : source + "'s prefix";
    String networkFrom = source.equals("--") ? "--network" : source + "'s network";
    String multisigFrom = source.equals("--") ? "--multisig-account" : source + "'s multisig account";
    TreeMap<AccountName, Path> accounts = new TreeMap<>();
    TreeMap<PublicKey, Path> keys = new TreeMap<>();
    Map<Path, FounderCard> cards = new LinkedHashMap<>();
    for (Path file : files) {
      FounderCard card = FounderCard.read(file);
      if (!card.chainId().equals(chain)) {
        throw new CliFailure("founder card " + file + " was made for chain id " + card.chainId().toHex() + ", not " + chainIdFrom + " "
            + chain.toHex() + ": its proof does not hold on this chain");
      }
      if (!card.prefix().equals(prefix)) {
        throw new CliFailure("founder card " + file + " was made for prefix '" + card.prefix() + "', not " + prefixFrom + " '" + prefix
            + "': its proof does not hold for this network");
      }
      if (card.account().equals(multisig)) {
        throw new CliFailure("founder card " + file + " names the multisig account " + multisig + ": a node runs from its own account");
      }
      if (!card.network().equals(network)) {
        throw new CliFailure("founder card " + file + " was made for network '" + card.network() + "', not " + networkFrom + " '" + network
            + "': " + card.account() + " agreed to found that network only");
      }
      if (!card.multisigAccount().equals(multisig)) {
        throw new CliFailure("founder card " + file + " was made for multisig account " + card.multisigAccount() + ", not " + multisigFrom
            + " " + multisig + ": " + card.account() + " agreed to hold that account only");
      }
      if (!card.proves(signatures)) {
        throw new CliFailure("founder card " + file + ": the proof is not " + card.key() + "'s canonical signature over "
            + card.account() + "'s node_add message: make the card again with hivesafe keys generate");
      }
      Path other = accounts.putIfAbsent(card.account(), file);
      if (other != null) {
        throw new CliFailure("founder cards " + other + " and " + file + " both name account " + card.account());
      }
      other = keys.putIfAbsent(card.key(), file);
      if (other != null) {
        throw new CliFailure("founder cards " + other + " and " + file + " hold the same key " + card.key());
      }
      cards.put(file, card);
    }
    return new FounderCards(cards);
  }

  /** The founders as genesis nodes (age 0), in the order given. */
  List<NetworkGenesis.GenesisNode> nodes() {
    return cards.values().stream().map(c -> new NetworkGenesis.GenesisNode(c.account(), c.key(), 0)).toList();
  }

  /** The multisig authority the founders start with: their keys, weight 1 each, threshold ⌊n/2⌋+1. */
  Authority authority() {
    List<PublicKey> keys = NetworkGenesis.keysOf(nodes());
    return NetworkGenesis.simpleAuthority(keys.size() / 2 + 1, keys);
  }

  /**
   * One line per problem on chain: an {@code --api} that does not serve {@code chain} (or does not say),
   * then per card an account that does not exist or whose active authority did not sign the card.
   */
  List<String> onChainProblems(ApiOption api, ChainId chain, SignatureScheme signatures) {
    if (!api.given()) {
      throw new CliFailure("--api URL is required: each founder card's account and account signature are checked on the chain");
    }
    List<String> problems = new ArrayList<>();
    for (ChainIdCheck.Answer answer : ChainIdCheck.ask(api.config(), chain)) {
      if (answer instanceof ChainIdCheck.Other other) {
        problems.add("--api " + io.hivesafe.hive.rpc.EndpointText.of(other.endpoint()) + " serves chain id " + other.served().toHex() + ", not " + chain.toHex()
            + ": the founders' accounts must be read on the network's chain");
      } else if (answer instanceof ChainIdCheck.NoAnswer silent) {
        problems.add("--api " + silent.line() + ": its chain id is unknown, so its accounts cannot be trusted");
      }
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    Map<AccountName, AccountInfo> found = new TreeMap<>();
    // guarded: the accounts are read only from endpoints on the network's chain, as checked just above,
    // even if one is swapped behind its address meanwhile
    try (HiveRpcClient client = new HiveRpcClient(api.config(), io.hivesafe.hive.rpc.RpcListener.NONE,
        ChainIdCheck.guard(chain, wrong -> { }))) {
      for (AccountInfo info : client.findAccounts(cards.values().stream().map(FounderCard::account).toList())) {
        found.put(info.name(), info);
      }
    } catch (RpcException e) {
      throw new CliFailure("the API did not answer find_accounts on the network's chain: " + JsonStdio.oneLine(e.getMessage()), e);
    }
    for (Map.Entry<Path, FounderCard> entry : cards.entrySet()) {
      problem(entry.getKey(), entry.getValue(), Optional.ofNullable(found.get(entry.getValue().account())), signatures)
          .ifPresent(problems::add);
    }
    return problems;
  }

  private static Optional<String> problem(Path file, FounderCard card, Optional<AccountInfo> account, SignatureScheme signatures) {
    String where = "founder card " + file + ": ";
    if (account.isEmpty()) {
      return Optional.of(where + "account " + card.account() + " does not exist on the API's chain");
    }
    Authority active = account.get().active();
    Optional<PublicKey> signer = card.accountSigner(signatures);
    if (signer.isEmpty()) {
      return Optional.of(where + "the account signature is not a canonical signature over " + card.account() + "'s founder message for "
          + card.key() + ": make the card again with hivesafe keys generate and " + card.account() + "'s active key");
    }
    Optional<Authority.KeyWeight> member = active.keyAuths().stream().filter(k -> k.key().equals(signer.get())).findFirst();
    if (member.isEmpty()) {
      return Optional.of(where + "the account signature is by " + signer.get() + ", not by a key of " + card.account()
          + "'s active authority: only the account's active key binds a multisig key to it");
    }
    if (member.get().weight() < active.weightThreshold()) {
      return Optional.of(where + card.account() + "'s active authority needs weight " + active.weightThreshold() + " and "
          + signer.get() + " has " + member.get().weight() + ": a founder's account signs its card with one key that alone"
          + " reaches the active threshold (a single-key active authority)");
    }
    return Optional.empty();
  }
}
