package io.hivesafe.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivesafe.hive.protocol.AccountName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Recovery accounts: hived's defaults, the genesis field, the test hook, and both API forms. */
class RecoveryAccountTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INIT = Genesis.INIT_KEY.publicKey().toString();

  private static AccountName name(String value) {
    return AccountName.of(value);
  }

  private static String genesis(String treasuryExtra) {
    return """
        { "chain_id": "18dcf0a285365fc58b71f18b3d3fec954aa0c141c44e4e5cb4cf777b9eab274e", "genesis_time": "2026-01-01T00:00:00",
          "accounts": [
            { "name": "initminer", "keys": { "owner": "%1$s", "active": "%1$s", "posting": "%1$s", "memo": "%1$s" } },
            { "name": "alice", "keys": { "owner": "%1$s", "active": "%1$s", "posting": "%1$s", "memo": "%1$s" } },
            { "name": "treasury", "keys": { "owner": "%1$s", "active": "%1$s", "posting": "%1$s", "memo": "%1$s" }%2$s } ] }
        """.formatted(INIT, treasuryExtra);
  }

  private static JsonNode call(DevnetApi api, String apiName, String method, String params) throws Exception {
    return api.call(apiName, method, JSON.readTree(params), BroadcastFate.KEEP);
  }

  @Test
  void testnetAccountsAreRecoveredByInitminerWhichHasNone() {
    DevnetChain chain = new DevnetChain(DevnetConfig.testnet());
    assertEquals(Optional.empty(), chain.account(name("initminer")).orElseThrow().recoveryAccount(), "a hived genesis account has none");
    for (String user : List.of("alice", "bob", "carol")) {
      assertEquals(Optional.of(name("initminer")), chain.account(name(user)).orElseThrow().recoveryAccount(), user);
    }
  }

  @Test
  void theGenesisFileNamesARecoveryAccountThatMustBeAGenesisAccount() {
    Genesis named = GenesisFile.parse(genesis(", \"recovery_account\": \"alice\""));
    DevnetChain chain = new DevnetChain(DevnetConfig.of(named));
    assertEquals(Optional.of(name("alice")), chain.account(name("treasury")).orElseThrow().recoveryAccount());
    assertEquals(Optional.of(name("initminer")), chain.account(name("alice")).orElseThrow().recoveryAccount(), "the default");
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> GenesisFile.parse(genesis(", \"recovery_account\": \"zed\"")));
    assertTrue(unknown.getMessage().contains("account treasury") && unknown.getMessage().contains("zed"), unknown.getMessage());
    IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
        () -> GenesisFile.parse(genesis(", \"recovery_account\": \"Zed\"")));
    assertTrue(invalid.getMessage().contains("recovery_account"), invalid.getMessage());
  }

  @Test
  void withoutInitminerInTheGenesisNoAccountHasARecoveryAccountByDefault() {
    Genesis genesis = GenesisFile.parse(genesis("").replace("\"name\": \"initminer\"", "\"name\": \"minerless\""));
    DevnetChain chain = new DevnetChain(DevnetConfig.of(genesis));
    assertEquals(Optional.empty(), chain.account(name("alice")).orElseThrow().recoveryAccount());
  }

  @Test
  void theHookChangesItAtOnceAndBothApiFormsReportIt() throws Exception {
    DevnetChain chain = new DevnetChain(DevnetConfig.testnet());
    DevnetApi api = new DevnetApi(chain);
    JsonNode database = call(api, "database_api", "find_accounts", "{\"accounts\":[\"initminer\",\"alice\"]}").get("accounts");
    assertEquals("", database.get(0).get("recovery_account").asText());
    assertEquals("initminer", database.get(1).get("recovery_account").asText());
    chain.setRecoveryAccount(name("alice"), name("bob"));
    assertEquals("bob", call(api, "database_api", "find_accounts", "{\"accounts\":[\"alice\"]}").at("/accounts/0/recovery_account").asText());
    assertEquals("bob", call(api, "condenser_api", "get_accounts", "[[\"alice\"]]").at("/0/recovery_account").asText());
    assertThrows(IllegalArgumentException.class, () -> chain.setRecoveryAccount(name("alice"), name("zed")));
    assertThrows(IllegalArgumentException.class, () -> chain.setRecoveryAccount(name("zed"), name("alice")));
    assertEquals(Optional.of(name("bob")), chain.account(name("alice")).orElseThrow().recoveryAccount(), "a refused change changes nothing");
  }
}
