package io.hivesafe.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkGenesisFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hivesafe keys generate}: a new multisig key pair for a node, its WIF written to a new file
 * readable by its owner only (0600), and the {@code node_add} operation that registers it — the proof
 * of possession is a signature by the new key over the network's node_add message for this account
 * (docs/protocol.md). Prints the public key and the custom_json to post; never the private key.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Make a multisig key pair (written to --out, mode 0600) and print the node_add custom_json that registers it.")
final class KeysGenerate implements Callable<Integer> {
  private final Console console;

  @Option(names = "--genesis", required = true, paramLabel = "FILE", description = "the network's genesis (chain id and prefix)")
  Path genesisFile;

  @Option(names = "--account", required = true, paramLabel = "NAME", description = "the node's Hive account")
  String account;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the WIF (must not exist)")
  Path out;

  KeysGenerate(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws IOException {
    NetworkGenesis genesis;
    try {
      genesis = NetworkGenesisFile.parse(Files.readAllBytes(genesisFile));
    } catch (IOException e) {
      throw new CliFailure("cannot read --genesis " + genesisFile + ": " + e.getClass().getSimpleName(), e);
    } catch (IllegalArgumentException e) {
      throw new CliFailure("--genesis " + genesisFile + ": " + e.getMessage(), e);
    }
    AccountName name;
    try {
      name = AccountName.of(account);
    } catch (HiveFormatException e) {
      throw new CliFailure("--account is not a valid Hive account name: " + account, e);
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
    io.hivesafe.hive.crypto.CompactSignature proof = new Secp256k1Signatures().sign(key,
        BlockApplier.nodeAddProofDigest(genesis, name.value()));
    ObjectNode result = JsonStdio.MAPPER.createObjectNode();
    result.put("account", name.value());
    result.put("public_key", key.publicKey().toString());
    result.put("key_file", out.toString());
    ObjectNode op = result.putObject("node_add");
    op.put("id", genesis.opId("node_add"));
    op.putArray("required_auths").add(name.value());
    op.put("json", io.hivesafe.ops.SidechainOps.json(new io.hivesafe.ops.NodeAddOp(key.publicKey(), proof)));
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
