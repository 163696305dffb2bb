package io.hivesafe.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.hive.json.TransactionJson;
import io.hivesafe.hive.protocol.SymbolNames;
import io.hivesafe.hive.protocol.Transaction;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * As on hived, the state the API reads includes transactions accepted by broadcast but in no block yet
 * (hived applies them to its pending state at once), while account history has only operations of
 * produced blocks (the account_history plugin skips a transaction being validated alone) — and, unless
 * include_reversible is true, only of irreversible blocks.
 */
class PendingStateTest {
  private Devnet devnet;
  private URI url;

  @BeforeEach
  void stepped() throws Exception {
    devnet = Devnet.start(DevnetConfig.testnet(), Duration.ZERO, 0);
    url = devnet.url(0);
  }

  @AfterEach
  void close() {
    devnet.close();
  }

  private JsonNode result(String method, String params) throws Exception {
    JsonNode response = RawRpc.call(url, method, params);
    assertTrue(response.has("result"), response.toString());
    return response.get("result");
  }

  private long databaseBalance(String account) throws Exception {
    return result("database_api.find_accounts", "{\"accounts\":[\"" + account + "\"]}").at("/accounts/0/balance/amount").asLong();
  }

  private String condenserBalance(String account) throws Exception {
    return result("condenser_api.get_accounts", "[[\"" + account + "\"]]").at("/0/balance").asText();
  }

  private int entriesWith(String account, String trxId, boolean includeReversible) throws Exception {
    int found = 0;
    for (JsonNode pair : result("account_history_api.get_account_history",
        "{\"account\":\"" + account + "\",\"include_reversible\":" + includeReversible + "}").get("history")) {
      if (pair.get(1).get("trx_id").asText().equals(trxId)) {
        found++;
      }
    }
    return found;
  }

  @Test
  void balancesIncludeAPendingTransferAndHistoryGetsItOnlyInItsBlock() throws Exception {
    long alice = databaseBalance("alice");
    long bob = databaseBalance("bob");
    Transaction tx = TestTransactions.transfer(devnet.chain(), "alice", "bob", 7_000, "pending");
    result("condenser_api.broadcast_transaction", "[" + TransactionJson.write(tx, JsonForm.LEGACY, SymbolNames.TESTNET) + "]");
    String id = TestTransactions.legacyId(tx).toHex();
    assertEquals(1, devnet.chain().pendingCount(), "accepted, in no block yet");

    assertEquals(alice - 7_000, databaseBalance("alice"), "find_accounts includes the pending transfer");
    assertEquals(bob + 7_000, databaseBalance("bob"));
    assertEquals(String.format("%d.%03d TESTS", (alice - 7_000) / 1000, (alice - 7_000) % 1000), condenserBalance("alice"));
    assertEquals(0, entriesWith("alice", id, true), "history has no pending transaction");
    assertEquals(0, entriesWith("bob", id, true));

    ProducedBlock block = devnet.step(1).get(0);
    assertEquals(id, block.transactions().get(0).id().toHex());
    assertEquals(alice - 7_000, databaseBalance("alice"), "the block changes no balance twice");
    assertEquals(1, entriesWith("alice", id, true), "in its block: reversible history has it");
    assertEquals(1, entriesWith("bob", id, true));
    assertEquals(0, entriesWith("alice", id, false), "not yet irreversible (lag 2)");

    devnet.step(2);
    assertEquals(block.number(), devnet.chain().lastIrreversibleBlockNumber());
    assertEquals(1, entriesWith("alice", id, false));
    assertEquals(1, result("condenser_api.get_account_history", "[\"bob\",-1,1]").size());
  }

  @Test
  void aDroppedBroadcastNeverReachesBalancesOrHistory() throws Exception {
    long alice = databaseBalance("alice");
    devnet.chain().loseBroadcasts(tx -> true);
    Transaction tx = TestTransactions.transfer(devnet.chain(), "alice", "bob", 1_000, "lost");
    result("condenser_api.broadcast_transaction", "[" + TransactionJson.write(tx, JsonForm.LEGACY, SymbolNames.TESTNET) + "]");
    assertEquals(alice, databaseBalance("alice"));
    devnet.step(3);
    assertEquals(0, entriesWith("alice", TestTransactions.legacyId(tx).toHex(), true));
  }
}
