package io.hivesafe.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountName;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hivesafe keys public|derive}. A private key is printed only on an explicit --show-private. */
final class KeysCommands {
  private KeysCommands() {}

  @Command(name = "keys", description = "Public keys from WIF keys or from an account's master password.",
      mixinStandardHelpOptions = true)
  static final class Keys {}

  @Command(name = "public", description = "Print the public key of a WIF private key.", mixinStandardHelpOptions = true)
  static final class Public implements Callable<Integer> {
    private final Console console;

    @Mixin KeySource keySource = new KeySource();

    Public(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() throws Exception {
      ObjectNode out = JsonStdio.MAPPER.createObjectNode();
      var keys = keySource.load(console.env());
      if (keys.size() == 1) {
        out.put("public_key", keys.get(0).publicKey().toString());
      } else {
        var list = out.putArray("public_keys");
        keys.forEach(k -> list.add(k.publicKey().toString()));
      }
      console.out().println(JsonStdio.MAPPER.writeValueAsString(out));
      return 0;
    }
  }

  @Command(name = "derive", description = "Derive an account's role key from its master password (as Hive wallets do).",
      mixinStandardHelpOptions = true)
  static final class Derive implements Callable<Integer> {
    private final Console console;

    @Option(names = "--account", required = true, paramLabel = "NAME", description = "the Hive account")
    String account;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "owner, active, posting or memo")
    String role;

    @Option(names = "--password-env", required = true, paramLabel = "VAR", description = "environment variable holding the master password")
    String passwordEnv;

    @Option(names = "--show-private", description = "also print the private key (WIF); treat the output as a secret")
    boolean showPrivate;

    Derive(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() throws Exception {
      String password = console.env().get(passwordEnv);
      if (password == null || password.isEmpty()) {
        throw new CliFailure("environment variable " + passwordEnv + " is not set");
      }
      AccountName name;
      KeyRole keyRole;
      try {
        name = AccountName.of(account);
        keyRole = KeyRole.parse(role);
      } catch (HiveFormatException e) {
        throw new CliFailure(e.getMessage());
      }
      PrivateKey key = PrivateKey.fromPassword(name.value(), keyRole, password);
      ObjectNode out = JsonStdio.MAPPER.createObjectNode();
      out.put("account", name.value());
      out.put("role", keyRole.label());
      out.put("public_key", key.publicKey().toString());
      if (showPrivate) {
        out.put("private_key", key.toWif());
      }
      console.out().println(JsonStdio.MAPPER.writeValueAsString(out));
      return 0;
    }
  }
}
