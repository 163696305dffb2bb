package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.state.StateStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN §3.6: proposals by runners, approvals counted once, thresholds, activation, void, expiry. */
class GovernanceTest {
  @TempDir Path dir;
  private OpsHarness h;
  private StateStore store;

  @BeforeEach
  void open() {
    h = new OpsHarness(dir, TestNetwork.genesis(5, 2, 0));
    store = h.store;
    step(List.of());
  }

  @AfterEach
  void close() {
    h.close();
  }

  private List<FeedEntry> step(List<Operation> ops) {
    return h.apply(ops);
  }

  private FeedEntry op(String account, String name, String json) {
    return h.applyOp(account, name, json);
  }

  private Proposal proposal(long id) {
    return store.read(r -> SidechainState.proposal(r, id)).orElseThrow();
  }

  @Test
  void aTreasuryPayoutPassesAtTwoThirdsAndQueuesAtActivation() {
    FeedEntry p = op("node0", "propose", "{\"action\":\"payout\",\"to\":\"user0\",\"amount\":20000,\"asset\":\"HIVE\","
        + "\"memo\":\"grant\",\"deadline\":50,\"activation\":5}");
    assertTrue(p.ok(), String.valueOf(p.reason()));
    assertFalse(op("user0", "propose", "{\"action\":\"param\",\"name\":\"min_stake\",\"value\":1,\"deadline\":50,"
        + "\"activation\":0}").ok(), "only runners propose");
    assertFalse(op("user0", "approve", "{\"id\":1}").ok(), "only runners approve");
    assertTrue(op("node1", "approve", "{\"id\":1}").ok());
    assertEquals(Reason.of(ReasonCode.ALREADY_APPROVED, 1), op("node1", "approve", "{\"id\":1}").reason());
    assertTrue(op("node2", "approve", "{\"id\":1}").ok());
    assertEquals(Proposal.OPEN, proposal(1).status(), "3 of 5 is below 2/3");
    FeedEntry fourth = op("node3", "approve", "{\"id\":1}");
    assertEquals(Reason.of(ReasonCode.APPROVED, 1, Proposal.PASSED), fourth.reason());
    long passed = h.nextBlock() - 1;
    assertEquals(Proposal.PASSED, proposal(1).status());
    assertFalse(op("node4", "approve", "{\"id\":1}").ok(), "a passed proposal takes no more approvals");
    while (h.nextBlock() < passed + 5) {
      step(List.of());
      assertEquals(List.of(), store.read(SidechainState::payouts));
    }
    step(List.of());
    assertEquals(Proposal.EXECUTED, proposal(1).status());
    List<Payout> queue = store.read(SidechainState::payouts);
    assertEquals(1, queue.size());
    assertEquals(Payout.TREASURY, queue.get(0).kind());
    assertEquals(20_000, queue.get(0).amount());
    assertEquals(30_000, store.read(SidechainState::totals).treasuryHive());
  }

  @Test
  void aPayoutBeyondTheTreasuryWaitsOutItsWindowThenIsVoidAndAParameterChangeApplies() {
    op("node0", "propose", "{\"action\":\"payout\",\"to\":\"user0\",\"amount\":50001,\"asset\":\"HIVE\",\"deadline\":50,"
        + "\"activation\":0}");
    for (String n : List.of("node1", "node2", "node3")) {
      op(n, "approve", "{\"id\":1}");
    }
    long passed = h.nextBlock() - 1;
    step(List.of());
    assertEquals(Proposal.PASSED, proposal(1).status(), "the treasury is short: it waits within its execution window");
    assertEquals(ReasonCode.PROPOSAL_WAITS, proposal(1).note().code(), String.valueOf(proposal(1).note()));
    long windowEnd = passed + 1 + store.read(SidechainState::params).executionWindow();
    h.skipTo(windowEnd - 1);
    assertEquals(Proposal.PASSED, proposal(1).status(), "still waiting at block " + (windowEnd - 1));
    h.skipTo(windowEnd + 1);
    assertEquals(Proposal.VOID, proposal(1).status(), "void once its window closed");
    assertEquals(50_000, store.read(SidechainState::totals).treasuryHive());
    op("node0", "propose", "{\"action\":\"param\",\"name\":\"max_signers\",\"value\":4,\"deadline\":50,\"activation\":0}");
    op("node1", "approve", "{\"id\":2}");
    op("node2", "approve", "{\"id\":2}");
    step(List.of());
    assertEquals(4, store.read(SidechainState::params).maxSigners(), "3 of 5 = 60% meets the parameter threshold");
    assertFalse(op("node0", "propose", "{\"action\":\"param\",\"name\":\"max_signers\",\"value\":41,\"deadline\":5,"
        + "\"activation\":0}").ok(), "above Hive's 40-key limit");
    assertFalse(op("node0", "propose", "{\"action\":\"param\",\"name\":\"nonsense\",\"value\":1,\"deadline\":5,"
        + "\"activation\":0}").ok());
    assertFalse(op("node0", "propose", "{\"action\":\"remove_node\",\"account\":\"user1\",\"deadline\":5,"
        + "\"activation\":0}").ok(), "not a node");
  }

  @Test
  void aProposalShortOfApprovalsExpiresAtTheTallyAfterItsDeadline() {
    op("node0", "propose", "{\"action\":\"remove_node\",\"account\":\"node4\",\"deadline\":20,\"activation\":0}");
    op("node1", "approve", "{\"id\":1}");
    op("node2", "approve", "{\"id\":1}");
    assertEquals(Proposal.OPEN, proposal(1).status(), "3 of 5 = 60% is short of the 80% a removal needs");
    while (h.nextBlock() <= 100) {
      step(List.of());
    }
    assertEquals(Proposal.EXPIRED, proposal(1).status());
    assertFalse(op("node4", "approve", "{\"id\":1}").ok());
  }
}
