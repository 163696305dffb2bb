package io.hivesafe.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.ChainId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Genesis files: both account forms, and an error naming the field and account for each mistake. */
class GenesisFileTest {
  private static final String INIT = Genesis.INIT_KEY.publicKey().toString();
  private static final String ALICE_ACTIVE = PrivateKey.fromPassword("alice", KeyRole.ACTIVE, "password").publicKey().toString();
  private static final String VALID = """
      {
        "chain_id": "18dcf0a285365fc58b71f18b3d3fec954aa0c141c44e4e5cb4cf777b9eab274e",
        "genesis_time": "2026-02-01T12:00:00",
        "accounts": [
          { "name": "initminer", "keys": { "owner": "%1$s", "active": "%1$s", "posting": "%1$s", "memo": "%1$s" },
            "hive": "1000000.000", "hbd": "5.250" },
          { "name": "alice", "keys": { "owner": "%2$s", "active": "%2$s", "posting": "%2$s" }, "memo_key": "%2$s", "hive": "10.000" },
          { "name": "treasury",
            "owner":   { "weight_threshold": 1, "account_auths": [], "key_auths": [["%1$s", 1]] },
            "active":  { "weight_threshold": 2, "account_auths": [["alice", 1], ["initminer", 1]], "key_auths": [] },
            "posting": { "weight_threshold": 1, "account_auths": [], "key_auths": [["%1$s", 1]] },
            "memo_key": "%1$s" }
        ]
      }
      """.formatted(INIT, ALICE_ACTIVE);

  @Test
  void readsBothAccountFormsIntoAWorkingChain(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("genesis.json");
    Files.writeString(file, VALID);
    Genesis genesis = GenesisFile.read(file);
    assertEquals(ChainId.TESTNET, genesis.chainId());
    assertEquals(Instant.parse("2026-02-01T12:00:00Z"), genesis.genesisTime());
    assertEquals(List.of("initminer", "alice", "treasury"), genesis.accounts().stream().map(a -> a.name().value()).toList());
    assertEquals(Asset.of(5_250, AssetSymbol.HBD), genesis.accounts().get(0).hbd());
    assertEquals(Asset.of(0, AssetSymbol.HBD), genesis.accounts().get(1).hbd(), "balances default to zero");
    assertEquals(2, genesis.accounts().get(2).active().weightThreshold());
    DevnetChain chain = new DevnetChain(DevnetConfig.of(genesis));
    assertEquals(Instant.parse("2026-02-01T12:00:03Z"), chain.headTime());
    assertTrue(chain.broadcast(TestTransactions.transfer(chain, "alice", "treasury", 1_000, "")).isAccepted());
  }

  /** What {@code write} gives back reads to the same genesis: both account forms, balances, an explicit recovery account. */
  @Test
  void aWrittenGenesisReadsBackEqual() {
    Genesis genesis = GenesisFile.parse(VALID);
    Genesis withRecovery = new Genesis(genesis.chainId(), genesis.genesisTime(), List.of(genesis.accounts().get(0),
        genesis.accounts().get(1).withRecoveryAccount(AccountName.of("initminer")), genesis.accounts().get(2)));
    for (Genesis g : List.of(genesis, Genesis.testnet(), withRecovery)) {
      byte[] written = GenesisFile.write(g);
      assertEquals(g, GenesisFile.parse(new String(written, java.nio.charset.StandardCharsets.UTF_8)));
    }
    String text = new String(GenesisFile.write(genesis), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(text.contains("\"hbd\" : \"5.250\""), text);
    assertTrue(text.contains("\"hive\" : \"0.000\""), text);
    assertTrue(new String(GenesisFile.write(withRecovery), java.nio.charset.StandardCharsets.UTF_8)
        .contains("\"recovery_account\" : \"initminer\""));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing chain id            | \"chain_id\": \"18dcf0a285365fc58b71f18b3d3fec954aa0c141c44e4e5cb4cf777b9eab274e\", | | chain_id",
      "chain id not hex            | 18dcf0a285365fc58b71f18b3d3fec954aa0c141c44e4e5cb4cf777b9eab274e | 18dcf0a2zz | chain_id",
      "bad genesis time            | 2026-02-01T12:00:00 | 2026-02-01 12:00 | genesis_time",
      "bad account name            | \"name\": \"alice\" | \"name\": \"Alice\" | accounts[1].name",
      "keys and owner              | \"name\": \"alice\", | \"name\": \"alice\", \"owner\": {}, | account alice",
      "bad active key              | \"active\": \"" + "STM7" + "| \"active\": \"STMx | keys.active",
      "amount without decimals     | \"hive\": \"10.000\" | \"hive\": \"10\" | 'hive'",
      "amount with symbol          | \"hive\": \"10.000\" | \"hive\": \"10.000 HIVE\" | 'hive'",
      "unknown field               | \"hive\": \"10.000\" | \"hive\": \"10.000\", \"balance\": \"1.000\" | unknown field 'balance'",
      "unsatisfiable authority     | \"weight_threshold\": 2 | \"weight_threshold\": 3 | account treasury",
      "repeated account            | \"name\": \"treasury\" | \"name\": \"alice\" | twice",
  })
  void eachMistakeIsNamed(String mistake, String from, String to, String named) {
    String broken = VALID.replaceFirst(Pattern.quote(from.strip()), Matcher.quoteReplacement(to == null ? "" : to.strip()));
    assertNotEquals(VALID, broken, "the case changes the file: " + mistake);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GenesisFile.parse(broken), mistake);
    assertTrue(e.getMessage().contains(named.strip()), mistake + ": " + e.getMessage());
  }

  @Test
  void aMissingFileAndMalformedJsonAreNamed(@TempDir Path dir) {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> GenesisFile.read(dir.resolve("none.json")));
    assertTrue(missing.getMessage().contains("none.json"), missing.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> GenesisFile.parse("{\"chain_id\":")).getMessage().contains("JSON"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> GenesisFile.parse("{\"chain_id\":\"" + ChainId.TESTNET.toHex()
        + "\",\"genesis_time\":\"2026-01-01T00:00:00\",\"accounts\":[]}")).getMessage().contains("accounts"));
    IllegalArgumentException noMemo = assertThrows(IllegalArgumentException.class,
        () -> GenesisFile.parse(VALID.replace(", \"memo_key\": \"" + ALICE_ACTIVE + "\"", "")));
    assertTrue(noMemo.getMessage().contains("account alice") && noMemo.getMessage().contains("memo_key"), noMemo.getMessage());
    assertEquals(AccountName.of("alice"), GenesisFile.parse(VALID).accounts().get(1).name());
  }
}
