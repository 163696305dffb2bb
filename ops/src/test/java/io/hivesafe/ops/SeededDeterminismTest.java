package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.state.StateReader;
import io.hivesafe.state.StateStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three stores apply the same seeded random chain — valid ops of every kind mixed with malformed and
 * hostile ones, reports carrying the real digest — one of them closed and reopened halfway: all three
 * hold the same digest after every block, tallies reach consensus, and no token or pegged unit is
 * created or destroyed.
 */
class SeededDeterminismTest {
  static final int USERS = 30;
  static final int NODES = 5;
  static final int BLOCKS = 450;
  @TempDir Path dir;

  @Test
  void threeStoresAgreeOnEveryBlockAndNothingIsCreatedOrDestroyed() {
    NetworkGenesis genesis = TestNetwork.genesis(NODES, USERS, 0);
    BlockApplier applier = new BlockApplier(genesis, TestNetwork.CRYPTO);
    StateStore[] stores = {TestNetwork.open(dir.resolve("a")), TestNetwork.open(dir.resolve("b")), TestNetwork.open(dir.resolve("c"))};
    SplittableRandom random = new SplittableRandom(20261121L);
    String reportHash = "";
    long rejected = 0;
    long accepted = 0;
    int consensusTallies = 0;
    for (long b = 1; b <= BLOCKS; b++) {
      List<Operation> ops = new ArrayList<>();
      int count = random.nextInt(10) == 0 ? 20 + random.nextInt(20) : random.nextInt(3);
      for (int i = 0; i < count; i++) {
        ops.add(randomOp(random, genesis));
      }
      if (genesis.isReportBlock(b - 1) && b > 1) {
        BlockId ref = TestBlocks.id(b - 1);
        for (int n = 0; n < NODES; n++) {
          String hash = n == 4 ? "00".repeat(32) : reportHash;
          ops.add(TestBlocks.active(TestNetwork.node(n), "hs_report", "{\"block\":" + (b - 1) + ",\"hash\":\"" + hash
              + "\",\"ms\":{\"ref_block_num\":" + ref.refBlockNum() + ",\"ref_block_prefix\":" + ref.refBlockPrefix()
              + ",\"expiration\":\"" + TestBlocks.time(b + 300).toString().substring(0, 19) + "\"},\"version\":\"t\"}"));
        }
      }
      Block block = TestBlocks.block(b, ops);
      BlockOutcome first = null;
      for (StateStore store : stores) {
        BlockOutcome out = TestNetwork.apply(store, applier, block);
        if (first == null) {
          first = out;
        } else {
          assertEquals(first, out, "block " + b);
        }
      }
      accepted += first.accepted();
      rejected += first.rejected();
      if (first.tally().isPresent() && first.tally().get().consensus()) {
        consensusTallies++;
      }
      String digest = stores[0].digest().hex();
      for (StateStore store : stores) {
        assertEquals(digest, store.digest().hex(), "digest after block " + b);
      }
      if (genesis.isReportBlock(b)) {
        reportHash = digest;
      }
      if (b == BLOCKS / 2) {
        stores[1].close();
        stores[1] = TestNetwork.open(dir.resolve("b"));
        assertEquals(b, stores[1].lastBlock().getAsLong());
      }
      if (b % 100 == 0) {
        stores[0].read(r -> {
          checkConservation(r, genesis);
          return null;
        });
      }
    }
    stores[0].read(r -> {
      StateSchemaTest.checkEveryEntry(r);
      return null;
    });
    Roster roster = stores[0].read(SidechainState::roster);
    for (StateStore store : stores) {
      store.close();
    }
    assertTrue(!roster.runners().contains("node4") && roster.runners().containsAll(List.of("node0", "node1", "node2", "node3")),
        "node4 always reports a wrong hash and loses its seat: " + roster);
    assertTrue(accepted > 500 && rejected > 500, "accepted " + accepted + ", rejected " + rejected);
    assertEquals(4, consensusTallies, "every tally (100..400) agrees on the digest the nodes reported");
  }

  static void checkConservation(StateReader r, NetworkGenesis genesis) {
    LedgerTotals totals = LedgerTotals.of(r, genesis);
    assertTrue(totals.balanced(), totals.toString());
    assertEquals(genesis.tokenSupply(), totals.tokenSupply(), "token supply");
  }

  private static final String[] HOSTILE = {
      "{\"to\":\"user1\",\"amount\":\"10\"}", "{\"to\":\"user1\",\"amount\":1.5}", "{\"to\":\"user1\",\"amount\":-3}",
      "{\"to\":\"user1\",\"amount\":18446744073709551616}", "not json", "{\"amount\":5", "[]", "null", "{}",
      "{\"to\":\"\",\"amount\":5}", "{\"to\":\"user1\",\"amount\":5,\"x\":{}}", "{\"amount\":1e3}"};

  private static Operation randomOp(SplittableRandom r, NetworkGenesis genesis) {
    String user = TestNetwork.user(r.nextInt(USERS));
    String other = r.nextInt(20) == 0 ? "nobody" + r.nextInt(5) : TestNetwork.user(r.nextInt(USERS));
    String runner = TestNetwork.node(r.nextInt(NODES));
    int kind = r.nextInt(100);
    if (kind < 30) {
      return TestBlocks.active(user, "hs_send", "{\"to\":\"" + other + "\",\"amount\":" + (1 + r.nextInt(5_000)) + "}");
    } else if (kind < 38) {
      return TestBlocks.active(user, "hs_gov_lock", "{\"amount\":" + (1 + r.nextInt(3_000)) + "}");
    } else if (kind < 44) {
      return TestBlocks.active(user, "hs_gov_unlock", "{\"amount\":" + (1 + r.nextInt(3_000)) + "}");
    } else if (kind < 54) {
      AssetSymbol symbol = r.nextBoolean() ? AssetSymbol.HIVE : AssetSymbol.HBD;
      return new TransferOperation(AccountName.of(user), AccountName.of(TestNetwork.MULTISIG),
          Asset.of(1 + r.nextInt(10_000), symbol), "");
    } else if (kind < 62) {
      return TestBlocks.active(user, "hs_withdraw", "{\"amount\":" + (1 + r.nextInt(8_000)) + ",\"asset\":\""
          + (r.nextBoolean() ? "HIVE" : "HBD") + "\"}");
    } else if (kind < 65) {
      PrivateKey key = PrivateKey.fromSeed("seeded " + user);
      String signedFor = r.nextInt(4) == 0 ? other : user;
      String proof = TestNetwork.CRYPTO.sign(key, BlockApplier.nodeAddProofDigest(genesis, signedFor)).toHex();
      return TestBlocks.active(user, "hs_node_add", OperationsTest.nodeAdd(key, proof));
    } else if (kind < 69) {
      return TestBlocks.active(r.nextBoolean() ? runner : user, "hs_propose", "{\"action\":\"payout\",\"to\":\"" + other
          + "\",\"amount\":" + (1 + r.nextInt(20_000)) + ",\"asset\":\"HIVE\",\"deadline\":" + (1 + r.nextInt(150))
          + ",\"activation\":" + r.nextInt(20) + "}");
    } else if (kind < 75) {
      return TestBlocks.active(r.nextInt(5) == 0 ? user : runner, "hs_approve", "{\"id\":" + (1 + r.nextInt(12)) + "}");
    } else if (kind < 80) {
      return TestBlocks.posting(user, "hs_send", "{\"to\":\"" + other + "\",\"amount\":1}");
    } else if (kind < 84) {
      return TestBlocks.active(user, "hs_report", "{\"block\":50,\"hash\":\"" + "ab".repeat(32) + "\"}");
    } else {
      String op = new String[] {"send", "gov_lock", "withdraw", "approve", "propose", "node_add", "mint"}[r.nextInt(7)];
      return TestBlocks.active(user, "hs_" + op, HOSTILE[r.nextInt(HOSTILE.length)]);
    }
  }

}
