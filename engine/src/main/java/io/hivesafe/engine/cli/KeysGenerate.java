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
import java.nio.file.StandardOpenOption;
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
 * {@code --active-wif-env}, required with {@code --card}) over the new key: what binds the key to the account.
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
      description = "also write the founder's card (account, public key, proof, account signature, chain id, prefix) to this new file,"
          + " for genesis assemble; needs the account's active key")
  Path card;

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
    AccountName name;
    try {
      name = AccountName.of(account);
    } catch (HiveFormatException e) {
      throw new CliFailure("--account is not a valid Hive account name: " + account, e);
    }
    PrivateKey active = null;
    if (card != null) {
      if (!activeKey.given()) {
        throw new CliFailure("--card needs the active key of " + name + " (--active-wif-file FILE or --active-wif-env VAR):"
            + " its signature binds the new key to the account");
      }
      active = activeKey.load(console.env());
    }
    PrivateKey key = newKey();
    try {
      Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      throw new CliFailure("--out " + out + " exists: a key file is never overwritten", e);
    } catch (IOException e) {
      throw new CliFailure("cannot create --out " + out + ": " + e.getClass().getSimpleName(), e);
    }
    Files.writeString(out, key.toWif() + "\n", StandardCharsets.US_ASCII);
    Secp256k1Signatures signatures = new Secp256k1Signatures();
    CompactSignature proof = signatures.sign(key, BlockApplier.nodeAddProofDigest(chainId, networkPrefix, name.value()));
    ObjectNode result = JsonStdio.MAPPER.createObjectNode();
    result.put("account", name.value());
    result.put("public_key", key.publicKey().toString());
    result.put("key_file", out.toString());
    if (card != null) {
      CompactSignature accountSignature = signatures.sign(active,
          BlockApplier.founderAccountDigest(chainId, networkPrefix, name.value(), key.publicKey()));
      byte[] cardJson = JsonStdio.MAPPER.writerWithDefaultPrettyPrinter()
          .writeValueAsBytes(new FounderCard(name, key.publicKey(), proof, accountSignature, chainId, networkPrefix).toJson());
      try {
        Files.write(card, cardJson, StandardOpenOption.CREATE_NEW);
      } catch (FileAlreadyExistsException e) {
        throw new CliFailure("--card " + card + " exists: a card is never overwritten", e);
      }
      result.put("card_file", card.toString());
    }
    ObjectNode op = result.putObject("node_add");
    op.put("id", networkPrefix + "node_add");
    op.putArray("required_auths").add(name.value());
    op.put("json", SidechainOps.json(new NodeAddOp(key.publicKey(), proof)));
    console.out().println(JsonStdio.MAPPER.writeValueAsString(result));
    return 0;
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
