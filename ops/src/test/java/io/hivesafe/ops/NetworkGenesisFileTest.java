package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The genesis file: the example reads, and every broken field is named in the error. */
class NetworkGenesisFileTest {
  static String example() throws IOException {
    try (InputStream in = NetworkGenesisFileTest.class.getResourceAsStream("/genesis-example.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theExampleReadsWithDefaultsFilledIn() throws IOException {
    NetworkGenesis g = NetworkGenesisFile.parse(example().getBytes(StandardCharsets.UTF_8));
    assertEquals("hs_", g.prefix());
    assertEquals("hs-multisig", g.multisigAccount().value());
    assertEquals(3, g.nodes().size());
    assertEquals(2, g.active().weightThreshold(), "floor(3/2)+1 when no authority is given");
    assertEquals(3, g.active().keyAuths().size());
    assertEquals(g.active(), g.owner());
    assertEquals(1_030_000, g.tokenSupply());
    assertEquals(28_800, g.params().unlockDelay());
    assertEquals(NetworkParams.defaults().expirationSeconds(), g.params().expirationSeconds());
    assertEquals("hs_send", g.opId("send"));
    assertEquals(new CustodyLimits(1_000_000, 250_000, new CustodyLimits.Rate(4, 1), new CustodyLimits.Rate(1, 10)), g.custody());
  }

  @Test
  void everyBrokenFieldIsNamed() throws IOException {
    String ok = example();
    String[][] cases = {
        {"\"prefix\": \"hs_\"", "\"prefix\": \"HS!\"", "prefix must be"},
        {"\"prefix\": \"hs_\"", "\"prefix\": \"a-very-long-prefix\"", "prefix must be"},
        {"\"start_block\": 1", "\"start_block\": 0", "start_block must be"},
        {"\"start_block\": 1", "\"start_block\": \"1\"", "start_block must be a non-negative integer"},
        {"\"max_signers\": 25", "\"max_signers\": 41", "params. max_signers must be in [1, 40]"},
        {"\"max_signers\": 25", "\"max_singers\": 25", "params.max_singers is not a known field"},
        {"\"report_offset\": 50", "\"report_offset\": 100", "intervals.report_offset must be"},
        {"\"multisig_account\": \"hs-multisig\"", "\"multisig_account\": \"X\"", "multisig_account is not a valid Hive account name"},
        {"\"chain_id\": \"18dcf0a2", "\"chain_id\": \"zz", "chain_id must be 64 hex digits"},
        {"{ \"account\": \"alice\", \"token\": 1000000, \"gov\": 0 }", "{ \"account\": \"alice\", \"token\": -1, \"gov\": 0 }",
            "allocations[0].token must be a non-negative integer"},
        {"{ \"account\": \"node-b\", \"token\": 0, \"gov\": 10000 }", "{ \"account\": \"alice\", \"token\": 0, \"gov\": 10000 }",
            "allocations: alice is listed twice"},
        {"STM5jZtLoV8YbxCxr4imnbWn61zMB24wwonpnVhfXRmv7j6fk3dTH", "STM5jZtLoV8YbxCxr4imnbWn61zMB24wwonpnVhfXRmv7j6fk3dTh",
            "nodes[1].key is not a public key"},
        {"\"network\": \"example\",", "", "network is required"},
        {"\"treasury\": { \"hive\": 0, \"hbd\": 0 },", "\"treasury\": { \"hive\": 0, \"hbd\": 0, \"vests\": 1 },",
            "treasury.vests is not a known field"},
        {"\"hbd\": \"4/1\"", "\"hbd\": \"4.5\"", "custody.value.hbd a rate must be written \"num/den\""},
        {"\"token\": \"1/10\"", "\"token\": \"1/0\"", "custody.value.token a rate must be a positive fraction"},
        {"\"token\": \"1/10\"", "\"token\": 0.1", "custody.value.token must be a string"},
        {"\"daily_cap\": { \"hive\": 1000000,", "\"daily_cap\": { \"hive\": 0,", "custody. daily_cap amounts must be in [1, 2^60]"},
        {"\"daily_cap\": { \"hive\": 1000000,", "\"daily_cap\": {", "custody.daily_cap.hive is required"},
        {"\"value\": { \"hbd\"", "\"value\": { \"usd\": \"1\", \"hbd\"", "custody.value.usd is not a known field"},
    };
    for (String[] c : cases) {
      assertTrue(ok.contains(c[0]), "the example holds " + c[0]);
      String broken = ok.replace(c[0], c[1]);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> NetworkGenesisFile.parse(broken.getBytes(StandardCharsets.UTF_8)), c[1]);
      assertTrue(e.getMessage().startsWith(c[2]), c[1] + " -> " + e.getMessage());
    }
    String noCustody = ok.substring(0, ok.indexOf("  \"custody\"")) + ok.substring(ok.indexOf("  \"nodes\""));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> NetworkGenesisFile.parse(noCustody.getBytes(StandardCharsets.UTF_8)));
    assertTrue(missing.getMessage().startsWith("custody is required"), missing.getMessage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NetworkGenesisFile.parse("{\"network\":".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().startsWith("genesis is not valid JSON"), e.getMessage());
  }
}
