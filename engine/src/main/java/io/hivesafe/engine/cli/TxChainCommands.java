package io.hivesafe.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.json.TransactionJson;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcErrorException;
import io.hivesafe.hive.rpc.RpcException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hivesafe tx prepare|broadcast}: the two tx commands that talk to a Hive API — give a
 * transaction its reference block and expiration, and send a signed one. JSON on stdin, JSON on stdout.
 */
final class TxChainCommands {
  private TxChainCommands() {}

  @Command(name = "prepare", mixinStandardHelpOptions = true,
      description = "Give the transaction on stdin the API's head block as reference and an expiration; print it unsigned.")
  static final class Prepare implements Callable<Integer> {
    private final Console console;

    @Mixin NetworkOptions network = new NetworkOptions();

    @Mixin ApiOption api = new ApiOption();

    @Option(names = "--expires-in", paramLabel = "SECONDS", defaultValue = "600",
        description = "expiration after the head block's time (default 600, at most 3600)")
    long expiresIn;

    @Option(names = "--json-form", paramLabel = "legacy|hf26", description = "form of the printed transaction (default legacy)")
    String jsonForm = "legacy";

    Prepare(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      var form = TxCommands.JsonFormOption.parse(jsonForm);
      if (!api.given()) {
        throw new CliFailure("--api URL is required: the reference block is the API's head block");
      }
      try (HiveRpcClient client = api.client()) {
        return JsonStdio.run(console, false, input -> {
          Transaction tx = TransactionJson.read(input, network.symbolNames());
          if (!tx.signatures().isEmpty()) {
            throw new CliFailure("the transaction is signed: a new header would void its signatures; prepare it before signing");
          }
          return TransactionJson.write(ApiOption.referenced(tx, client, expiresIn), form, network.symbolNames());
        });
      }
    }
  }

  @Command(name = "broadcast", mixinStandardHelpOptions = true,
      description = "Broadcast the signed transaction on stdin through the API; print its id, or hived's refusal as one line.")
  static final class Broadcast implements Callable<Integer> {
    private final Console console;

    @Mixin NetworkOptions network = new NetworkOptions();

    @Mixin ApiOption api = new ApiOption();

    Broadcast(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      if (!api.given()) {
        throw new CliFailure("--api URL is required: the API node the transaction goes to");
      }
      network.wireFormat();
      try (HiveRpcClient client = api.client()) {
        return JsonStdio.run(console, false, input -> broadcast(client, TransactionJson.read(input, network.symbolNames())));
      }
    }

    private JsonNode broadcast(HiveRpcClient client, Transaction tx) {
      if (tx.signatures().isEmpty()) {
        throw new CliFailure("the transaction has no signature: sign it first (hivesafe tx sign)");
      }
      ObjectNode out = JsonStdio.MAPPER.createObjectNode();
      out.put("txid", tx.id(network.wireFormat()).toHex());
      try {
        client.broadcastTransaction(tx);
        out.put("duplicate", false);
      } catch (RpcErrorException e) {
        if (!e.isDuplicateTransaction()) {
          throw new CliFailure("the API refused the transaction: " + JsonStdio.oneLine(e.message()), e);
        }
        out.put("duplicate", true);
      } catch (RpcException e) {
        throw new CliFailure("the broadcast did not reach the API (it may or may not have been sent): "
            + JsonStdio.oneLine(e.getMessage()), e);
      }
      return out;
    }
  }
}
