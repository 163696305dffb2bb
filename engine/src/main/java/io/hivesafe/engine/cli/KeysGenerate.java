package io.hivesafe.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NodeAddOp;
import io.hivesafe.ops.SidechainOps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hivesafe keys generate}: a new multisig key pair for a node, its WIF written to a new file
 * readable by its owner only (0600), and the {@code node_add} operation that registers it — the proof
 * of possession is a signature by the new key over the network's node_add message for this account
 * (docs/protocol.md). Prints the public key and the custom_json to post; never the private key.
 *
 * <p>To join a network it reads the chain id and prefix from the network's genesis; to found one, before
 * any genesis exists, it takes them as {@code --chain-id} and {@code --prefix} (the proof depends on
 * nothing else) and writes the founder's card ({@code --card}) that {@code genesis assemble} reads. A card
 * also carries the account's signature with its active key ({@code --active-wif-file} or
 * {@code --active-wif-env}, required with {@code --card}) over the new key, the network's name and its
 * multisig account ({@code --network}, {@code --multisig-account}, required with {@code --card}): what binds
 * the key to the account, for that network only. The card is written first, to a draft beside it, then the
 * key, then the draft is renamed: a failure at any step leaves neither file behind.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Make a multisig key pair (written to --out, mode 0600) and print the node_add custom_json that registers it;"
        + " with --chain-id and --prefix instead of --genesis, a founder's key and card (--card) for genesis assemble.")
final class KeysGenerate implements Callable<Integer> {
  private final Console console;

  @Option(names = "--genesis", paramLabel = "FILE", description = "the network's genesis (its chain id and prefix), to join it")
  Path genesisFile;

  @Option(names = "--chain-id", paramLabel = "HEX", description = "instead of --genesis, to found a network: the Hive chain id it will run on")
  String chainIdHex;

  @Option(names = "--prefix", paramLabel = "P", description = "with --chain-id: the network's custom_json prefix")
  String prefix;

  @Option(names = "--card", paramLabel = "FILE",
      description = "also write the founder's card (account, public key, proof, account signature, chain id, prefix, network,"
          + " multisig account) to this new file, for genesis assemble; needs --network, --multisig-account and the account's active key")
  Path card;

  @Option(names = "--network", paramLabel = "NAME",
      description = "with --card: the name of the network the founders agreed on; the card is valid in its genesis only")
  String network;

  @Option(names = "--multisig-account", paramLabel = "NAME",
      description = "with --card: the multisig account the founders agreed on; the card is valid in its genesis only")
  String multisigAccount;

  @Mixin ActiveKeyOption activeKey = new ActiveKeyOption();

  @Option(names = "--account", required = true, paramLabel = "NAME", description = "the node's Hive account")
  String account;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the WIF (must not exist)")
  Path out;

  KeysGenerate(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws IOException {
    ChainId chainId;
    String networkPrefix;
    if (genesisFile != null) {
      if (chainIdHex != null || prefix != null) {
        throw new CliFailure("give either --genesis (to join a network) or --chain-id and --prefix (to found one), not both");
      }
      NetworkGenesis genesis = GenesisOptions.read(genesisFile, "--genesis");
      chainId = genesis.chainId();
      networkPrefix = genesis.prefix();
    } else {
      if (chainIdHex == null || prefix == null) {
        throw new CliFailure("give --genesis FILE (to join a network) or --chain-id HEX and --prefix P (to found one)");
      }
      chainId = GenesisOptions.chainId(chainIdHex);
      networkPrefix = GenesisOptions.prefix(prefix);
    }
    if (card != null && Files.exists(card)) {
      throw new CliFailure("--card " + card + " exists: a card is never overwritten");
    }
    if (card == null && activeKey.given()) {
      throw new CliFailure("--active-wif-file and --active-wif-env go with --card: the active key signs the founder's card only");
    }
    if (card == null && (network != null || multisigAccount != null)) {
      throw new CliFailure("--network and --multisig-account go with --card: they name the network the founder's card is for");
    }
    AccountName name;
    try {
      name = AccountName.of(account);
    } catch (HiveFormatException e) {
      throw new CliFailure("--account is not a valid Hive account name: " + account, e);
    }
    PrivateKey active = null;
    String networkName = null;
    AccountName multisig = null;
    if (card != null) {
      if (network == null || multisigAccount == null) {
        throw new CliFailure("--card needs --network NAME and --multisig-account NAME, as the founders agreed them:"
            + " the account signature agrees to found that network only");
      }
      networkName = GenesisOptions.network(network);
      multisig = GenesisOptions.multisigAccount(multisigAccount);
      if (multisig.equals(name)) {
        throw new CliFailure("--account " + name + " is the --multisig-account: a node runs from its own account");
      }
      if (!activeKey.given()) {
        throw new CliFailure("--card needs the active key of " + name + " (--active-wif-file FILE or --active-wif-env VAR):"
            + " its signature binds the new key to the account");
      }
      active = activeKey.load(console.env());
    }
    if (Files.exists(out)) {
      throw new CliFailure("--out " + out + " exists: a key file is never overwritten");
    }
    PrivateKey key = newKey();
    Secp256k1Signatures signatures = new Secp256k1Signatures();
    CompactSignature proof = signatures.sign(key, BlockApplier.nodeAddProofDigest(chainId, networkPrefix, name.value()));
    ObjectNode result = JsonStdio.MAPPER.createObjectNode();
    result.put("account", name.value());
    result.put("public_key", key.publicKey().toString());
    result.put("key_file", out.toString());
    Path cardDraft = null;
    if (card != null) {
      CompactSignature accountSignature = signatures.sign(active,
          BlockApplier.founderAccountDigest(chainId, networkPrefix, networkName, multisig.value(), name.value(), key.publicKey()));
      byte[] cardJson = JsonStdio.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(
          new FounderCard(name, key.publicKey(), proof, accountSignature, chainId, networkPrefix, networkName, multisig).toJson());
      cardDraft = writeDraft(card, cardJson);
    }
    writeKey(out, key, cardDraft);
    if (card != null) {
      placeCard(cardDraft, card, out);
      result.put("card_file", card.toString());
    }
    ObjectNode op = result.putObject("node_add");
    op.put("id", networkPrefix + "node_add");
    op.putArray("required_auths").add(name.value());
    op.put("json", SidechainOps.json(new NodeAddOp(key.publicKey(), proof)));
    console.out().println(JsonStdio.MAPPER.writeValueAsString(result));
    return 0;
  }

  /**
   * The card, written to a new file beside {@code card} (same directory, so the final move is a rename):
   * a card that cannot be written fails before any key exists.
   */
  private static Path writeDraft(Path card, byte[] json) {
    Path directory = card.toAbsolutePath().getParent();
    Path draft = null;
    try {
      draft = Files.createTempFile(directory, "." + card.getFileName() + ".", ".draft");
      Files.write(draft, json);
      return draft;
    } catch (IOException e) {
      throw new CliFailure("cannot write --card " + card + ": " + e.getClass().getSimpleName() + leftBehind(draft), e);
    }
  }

  /** The WIF in a new file, mode 0600; on failure neither it nor the card's draft is left behind. */
  private static void writeKey(Path out, PrivateKey key, Path cardDraft) {
    boolean created = false;
    try {
      Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      created = true;
      Files.writeString(out, key.toWif() + "\n", StandardCharsets.US_ASCII);
    } catch (FileAlreadyExistsException e) {
      throw new CliFailure("--out " + out + " exists: a key file is never overwritten" + leftBehind(cardDraft), e);
    } catch (IOException e) {
      throw new CliFailure("cannot write --out " + out + ": " + e.getClass().getSimpleName() + leftBehind(created ? out : null)
          + leftBehind(cardDraft), e);
    }
  }

  /** Moves the card's draft to its name, never over another file; on failure the new key file goes too. */
  private static void placeCard(Path draft, Path card, Path out) {
    try {
      Files.move(draft, card);
    } catch (FileAlreadyExistsException e) {
      throw new CliFailure("--card " + card + " exists: a card is never overwritten" + leftBehind(draft) + leftBehind(out), e);
    } catch (IOException e) {
      throw new CliFailure("cannot write --card " + card + ": " + e.getClass().getSimpleName() + leftBehind(draft) + leftBehind(out), e);
    }
  }

  /** Deletes a file this command made; the error's tail names it when it could not be deleted. */
  private static String leftBehind(Path file) {
    if (file == null) {
      return "";
    }
    try {
      Files.deleteIfExists(file);
      return "";
    } catch (IOException e) {
      return "; could not remove " + file + " (" + e.getClass().getSimpleName() + "): delete it";
    }
  }

  /** 32 bytes from the system's SecureRandom: a valid secret is below the curve order, drawn again otherwise. */
  private static PrivateKey newKey() {
    SecureRandom random = new SecureRandom();
    byte[] secret = new byte[32];
    while (true) {
      random.nextBytes(secret);
      try {
        return PrivateKey.fromSecret(secret);
      } catch (HiveFormatException outOfRange) {
        // zero or at least the curve order: astronomically rare; draw again
      }
    }
  }
}
