package io.hivesafe.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.ChainId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default genesis against the public vectors of hive-protocol.md. */
class GenesisTest {
  private static GenesisAccount account(Genesis g, String name) {
    return g.accounts().stream().filter(a -> a.name().equals(AccountName.of(name))).findFirst().orElseThrow();
  }

  private static String onlyKey(Authority a) {
    assertEquals(1, a.keyAuths().size());
    return a.keyAuths().get(0).key().toString();
  }

  @Test
  void testnetConventionKeysAndBalances() {
    Genesis g = Genesis.testnet();
    assertEquals(ChainId.TESTNET, g.chainId());
    assertEquals("18dcf0a285365fc58b71f18b3d3fec954aa0c141c44e4e5cb4cf777b9eab274e", g.chainId().toHex());
    assertEquals("5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2n", Genesis.INIT_KEY.toWif());
    GenesisAccount init = account(g, "initminer");
    assertEquals("STM6LLegbAgLAy28EHrffBVuANFWcFgmqRMW13wBmTExqFE9SCkg4", onlyKey(init.owner()));
    assertEquals(Asset.of(1_000_000_000L, AssetSymbol.HIVE), init.hive());
    GenesisAccount alice = account(g, "alice");
    assertEquals("STM57gC3aqyDvu2fPPdfpY2iDtLU6PDb8qD8RGmfxLf1q43PhJYYQ", onlyKey(alice.owner()));
    assertEquals("STM723LH37PwrPx361xFXmfyi2KdQ9MnY9dAheUR4XQMsAAjwVBFU", onlyKey(alice.active()));
    assertEquals("STM86eLQPsLySq5NASzEmkgCJ3LYAc3mqsswneuFCfT6xECn9aPv5", onlyKey(alice.posting()));
    assertEquals("STM5yEGUiLCCvnqhUfRGUybn1yBuqQ2pwNXe1XbJ9qvcogxzHntpC", alice.memoKey().toString());
    assertEquals(List.of("initminer", "alice", "bob", "carol"), g.accounts().stream().map(a -> a.name().toString()).toList());
  }

  @Test
  void refusesDuplicatesUnsatisfiableAuthoritiesAndNegativeBalances() {
    GenesisAccount alice = Genesis.testnet().accounts().get(1);
    assertThrows(IllegalArgumentException.class, () -> new Genesis(ChainId.TESTNET, Genesis.DEFAULT_GENESIS_TIME, List.of(alice, alice)));
    Authority impossible = new Authority(2, List.of(), alice.active().keyAuths());
    assertThrows(IllegalArgumentException.class, () -> new GenesisAccount(alice.name(), alice.owner(), impossible, alice.posting(),
        alice.memoKey(), alice.hive(), alice.hbd()));
    assertThrows(IllegalArgumentException.class, () -> new GenesisAccount(alice.name(), alice.owner(), alice.active(), alice.posting(),
        alice.memoKey(), Asset.of(-1, AssetSymbol.HIVE), alice.hbd()));
    assertThrows(IllegalArgumentException.class, () -> new GenesisAccount(alice.name(), alice.owner(), alice.active(), alice.posting(),
        alice.memoKey(), alice.hbd(), alice.hive()));
  }
}
