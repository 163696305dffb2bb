package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.ChainId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The written form of a genesis reads back to the same genesis. */
class NetworkGenesisRoundTripTest {
  @Test
  void writeThenParseGivesTheSameGenesis() {
    List<NetworkGenesis.GenesisNode> nodes = List.of(
        new NetworkGenesis.GenesisNode(AccountName.of("node0"), OpsHarness.key("node0").publicKey(), 3),
        new NetworkGenesis.GenesisNode(AccountName.of("node1"), OpsHarness.key("node1").publicKey(), 0));
    NetworkGenesis g = new NetworkGenesis("round-trip", ChainId.MAINNET, "rt_", AccountName.of("rt-ms"), 90_000_000L, "SAFE", 3,
        200, 120, NetworkParams.defaults().with("min_stake", 5).with("unlock_delay", 77),
        List.of(new NetworkGenesis.Allocation(AccountName.of("alice"), 10, 20), new NetworkGenesis.Allocation(AccountName.of("node0"), 0, 5)),
        1_000, 2_000, nodes, NetworkGenesis.simpleAuthority(1, NetworkGenesis.keysOf(nodes)),
        NetworkGenesis.simpleAuthority(2, NetworkGenesis.keysOf(nodes)), java.util.Optional.of(AccountName.of("rt-recovery")),
        new CustodyLimits(5_000, 6_000, new CustodyLimits.Rate(7, 2), new CustodyLimits.Rate(1, 300), 4, 1_000));
    byte[] json = NetworkGenesisFile.write(g);
    assertEquals(g, NetworkGenesisFile.parse(json));
    assertArrayEquals(json, NetworkGenesisFile.write(NetworkGenesisFile.parse(json)));
    assertTrue(new String(json, StandardCharsets.UTF_8).startsWith("{\n  \"network\" : \"round-trip\",\n  \"chain_id\" : \""));
  }
}
