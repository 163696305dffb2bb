package io.hivesafe.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.hive.json.TransactionJson;
import io.hivesafe.hive.protocol.EncodedTransaction;
import io.hivesafe.hive.protocol.Invalid;
import io.hivesafe.hive.protocol.OperationValidation;
import io.hivesafe.hive.protocol.Transaction;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hivesafe tx serialize|sign|verify|validate}: a transaction in legacy or HF26 JSON on stdin. */
final class TxCommands {
  private TxCommands() {}

  @Command(name = "tx", description = "Serialize, sign, verify and validate Hive transactions (JSON on stdin, JSON on stdout).",
      mixinStandardHelpOptions = true)
  static final class Tx {}

  abstract static class TxSubcommand implements Callable<Integer> {
    final Console console;

    @Mixin NetworkOptions network = new NetworkOptions();

    @Option(names = "--lines", description = "read one transaction per line and answer one JSON line each")
    boolean lines;

    TxSubcommand(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      network.wireFormat();
      network.chainId();
      prepare();
      return JsonStdio.run(console, lines, input -> answer(TransactionJson.read(input, network.symbolNames())));
    }

    void prepare() {}

    abstract JsonNode answer(Transaction tx);
  }

  @Command(name = "serialize", description = "Print the transaction's bytes (hex, no signatures), signature digest and id.",
      mixinStandardHelpOptions = true)
  static final class Serialize extends TxSubcommand {
    Serialize(Console console) {
      super(console);
    }

    @Override
    JsonNode answer(Transaction tx) {
      EncodedTransaction encoded = tx.encode(network.wireFormat());
      ObjectNode out = JsonStdio.MAPPER.createObjectNode();
      out.put("hex", encoded.toHex());
      out.put("digest", HexFormat.of().formatHex(encoded.digest(network.chainId())));
      out.put("txid", encoded.id().toHex());
      return out;
    }
  }

  @Command(name = "sign", description = "Append a signature by each given key; print the signed transaction.",
      mixinStandardHelpOptions = true)
  static final class Sign extends TxSubcommand {
    private final SignatureScheme signatures;
    private List<PrivateKey> keys;
    private JsonForm outputForm;

    @Mixin KeySource keySource = new KeySource();

    @Option(names = "--json-form", paramLabel = "legacy|hf26", description = "form of the printed transaction (default legacy)")
    String jsonForm = "legacy";

    Sign(Console console, SignatureScheme signatures) {
      super(console);
      this.signatures = signatures;
    }

    @Override
    void prepare() {
      outputForm = JsonFormOption.parse(jsonForm);
      keys = keySource.load(console.env());
    }

    @Override
    JsonNode answer(Transaction tx) {
      byte[] digest = tx.digest(network.chainId(), network.wireFormat());
      List<CompactSignature> added = new ArrayList<>();
      for (PrivateKey key : keys) {
        added.add(signatures.sign(key, digest));
      }
      return TransactionJson.write(tx.withSignatures(added), outputForm, network.symbolNames());
    }
  }

  @Command(name = "verify", description = "Recover the key of each signature and say whether hived accepts its form.",
      mixinStandardHelpOptions = true)
  static final class Verify extends TxSubcommand {
    private final SignatureScheme signatures;

    Verify(Console console, SignatureScheme signatures) {
      super(console);
      this.signatures = signatures;
    }

    @Override
    JsonNode answer(Transaction tx) {
      EncodedTransaction encoded = tx.encode(network.wireFormat());
      byte[] digest = encoded.digest(network.chainId());
      ObjectNode out = JsonStdio.MAPPER.createObjectNode();
      out.put("digest", HexFormat.of().formatHex(digest));
      out.put("txid", encoded.id().toHex());
      ArrayNode list = out.putArray("signatures");
      for (CompactSignature signature : tx.signatures()) {
        ObjectNode entry = list.addObject();
        entry.put("signature", signature.toHex());
        signatures.recover(signature, digest).ifPresentOrElse(
            key -> entry.put("public_key", key.toString()), () -> entry.putNull("public_key"));
        entry.put("canonical", signature.isAcceptableToHived());
        entry.put("fc_canonical", signature.isFcCanonical());
      }
      return out;
    }
  }

  @Command(name = "validate", description = "Say whether hived's validate() accepts the transaction, and if not which rule it breaks.",
      mixinStandardHelpOptions = true)
  static final class Validate extends TxSubcommand {
    Validate(Console console) {
      super(console);
    }

    /**
     * {@code {"valid":true}}, or {@code {"valid":false,"rule":…,"message":…}} with hived's message; what
     * hived's parser refuses (a bad name, asset, id or time) is an error line, as for every tx command.
     */
    @Override
    JsonNode answer(Transaction tx) {
      ObjectNode out = JsonStdio.MAPPER.createObjectNode();
      Optional<Invalid> invalid = OperationValidation.validate(tx, network.symbolNames());
      out.put("valid", invalid.isEmpty());
      invalid.ifPresent(i -> out.put("rule", i.rule().name()).put("message", i.message()));
      return out;
    }
  }

  /** Parses --json-form. */
  static final class JsonFormOption {
    private JsonFormOption() {}

    static JsonForm parse(String value) {
      return switch (value) {
        case "legacy" -> JsonForm.LEGACY;
        case "hf26" -> JsonForm.HF26;
        default -> throw new CliFailure("--json-form must be legacy or hf26, got '" + value + "'");
      };
    }
  }
}
