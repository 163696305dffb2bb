package io.hivesafe.engine.api;

import io.hivesafe.engine.ReasonText;
import static io.hivesafe.engine.api.ApiClient.waitFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.metrics.AuthorityMetrics;
import io.hivesafe.engine.metrics.CustodyMetrics;
import io.hivesafe.engine.metrics.NodeMetrics;
import io.hivesafe.engine.metrics.OutboxMetrics;
import io.hivesafe.engine.metrics.RpcMetrics;
import io.hivesafe.engine.node.AuthorityCheck;
import io.hivesafe.engine.node.AuthorityReport;
import io.hivesafe.engine.node.CustodyCheck;
import io.hivesafe.engine.node.CustodyReport;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.ops.AlarmKind;
import io.hivesafe.ops.Balances;
import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.MultisigBooks;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.NodeRecord;
import io.hivesafe.ops.Payout;
import io.hivesafe.ops.Proposal;
import io.hivesafe.ops.Roster;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.TallyRecord;
import io.hivesafe.state.SnapshotInfo;
import io.hivesafe.state.Snapshots;
import io.hivesafe.state.StateStore;
import io.hivesafe.testkit.cluster.DevnetCluster;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import io.hivesafe.testkit.traffic.TrafficUser;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API and the metrics of a real node on the devnet: three nodes follow the chain; a user
 * deposits HIVE and HBD and withdraws; a runner proposes a treasury payout; at the tally the round is
 * built (its answers are taken while it is in flight), signed, broadcast and confirmed. Every endpoint's
 * answer is then checked against the node's state (read directly) and the chain; bad requests get their
 * JSON errors; no answer carries a private key; the metrics counted what the node did.
 *
 * <p>One scenario for the whole class (it costs a hundred-odd devnet blocks); the tests read what it
 * left and what it recorded on the way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeApiTest {
  private static final long DEPOSIT_HIVE = 10_000;
  private static final long DEPOSIT_HBD = 3_000;
  private static final long WITHDRAW = 4_000;

  @TempDir static Path dir;
  private TrafficNetwork net;
  private DevnetCluster cluster;
  private SidechainNode node;
  private HiveRpcClient rpc;
  private CustodyCheck custody;
  private AuthorityCheck authority;
  private ApiServer server;
  private ApiClient client;
  private Path snapshots;
  private TrafficUser user;

  // what the scenario saw on the way
  private ApiClient.Response statusBeforeFirstBlock;
  private ApiClient.Response runnersBeforeFirstBlock;
  private boolean storeWasEmpty;
  private String scrapeBefore;
  private JsonNode multisigInFlight;
  private JsonNode payoutsInFlight;
  private MultisigTx roundInState;
  private List<Payout> queueInState;
  private SnapshotInfo newest;
  private Path newestFile;

  @BeforeAll
  void runTheScenario() throws Exception {
    net = TrafficNetwork.create(4, 3);
    user = net.users().get(0);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RpcMetrics rpcMetrics = new RpcMetrics(registry);
    cluster = new DevnetCluster(net, dir.resolve("nodes"), 11L, b -> b).rpcListener(rpcMetrics);
    cluster.startAll();
    node = cluster.running(cluster.node(0));
    rpc = new HiveRpcClient(RpcConfig.withEndpoints(List.of(cluster.devnet().url(0))), rpcMetrics);
    custody = new CustodyCheck(net.network(), node.store(), rpc, new NodeEvents());
    node.onCommit(custody.afterTallies());
    authority = new AuthorityCheck(net.network(), node.store(), rpc, new NodeEvents());
    node.onCommit(authority.atStartAndTallies());
    NodeView view = NodeView.of(node, net.network(), DevnetCluster.NODE_VERSION, Optional.of(custody), Optional.of(authority));
    new NodeMetrics(registry, node, view);
    OutboxMetrics.register(registry, cluster.outbox(cluster.node(0)));
    CustodyMetrics.register(registry, custody::lastReport);
    AuthorityMetrics.register(registry, authority::lastReport);
    snapshots = Files.createDirectories(dir.resolve("snapshots"));
    server = new ApiServer(new ApiConfig("127.0.0.1", 0, Optional.of(snapshots), 2), view, registry, new NodeEvents()).start();
    client = new ApiClient(server.url());

    storeWasEmpty = node.store().lastBlock().isEmpty();
    statusBeforeFirstBlock = client.get("/api/status");
    runnersBeforeFirstBlock = client.get("/api/runners");
    scrapeBefore = client.get("/metrics").text();

    cluster.stepQuiet(3);
    cluster.broadcast(user, new TransferOperation(user.name(), TrafficNetwork.MULTISIG, Asset.of(DEPOSIT_HIVE, AssetSymbol.HIVE), "in"));
    cluster.broadcast(user, new TransferOperation(user.name(), TrafficNetwork.MULTISIG, Asset.of(DEPOSIT_HBD, AssetSymbol.HBD), "in"));
    TrafficNode proposer = cluster.node(0);
    cluster.broadcast(proposer.user(), new CustomJsonOperation(List.of(proposer.name()), List.of(), "hivesafe_propose",
        "{\"action\":\"payout\",\"to\":\"" + net.users().get(2).name() + "\",\"amount\":1234,\"asset\":\"HIVE\","
            + "\"memo\":\"grant\",\"deadline\":500,\"activation\":0}"));
    cluster.stepQuiet(2);
    cluster.broadcast(user, new CustomJsonOperation(List.of(user.name()), List.of(), "hivesafe_withdraw",
        "{\"amount\":" + WITHDRAW + ",\"asset\":\"HIVE\",\"memo\":\"api test\"}"));
    while (cluster.devnet().chain().properties().lastIrreversibleBlockNum() < 100) {
      cluster.stepQuiet(1);
    }
    cluster.settle();
    // The chain stands still until the custody check the tally started has run (a moving head makes it retry).
    waitFor("the custody check after the tally", () -> custody.lastReport().isPresent());
    waitFor("the authority check after the tally", () -> authority.lastReport().map(a -> a.block() >= 100).orElse(false));
    // The round is built at the tally (block 100); nothing after it is irreversible yet.
    multisigInFlight = client.json("/api/multisig");
    payoutsInFlight = client.json("/api/payouts");
    roundInState = node.store().read(SidechainState::multisigInFlight).orElseThrow();
    queueInState = node.store().read(SidechainState::payouts);

    for (int i = 0; i < 80 && node.store().read(SidechainState::multisigBooks).paidHive() < WITHDRAW; i++) {
      cluster.stepInLockstep(1);
    }
    cluster.stepInLockstep(1);
    Snapshots.export(node.store(), snapshots.resolve("z-older.snapshot"));
    cluster.stepInLockstep(1);
    cluster.settle();
    newestFile = snapshots.resolve("a-newer.snapshot");
    newest = Snapshots.export(node.store(), newestFile);
    Files.writeString(snapshots.resolve("notes.txt"), "not a snapshot");
    Files.write(snapshots.resolve("b.snapshot.partial"), Files.readAllBytes(newestFile));
    long irreversible = cluster.devnet().chain().properties().lastIrreversibleBlockNum();
    waitFor("the block source to see irreversible block " + irreversible,
        () -> view.chainTip().map(t -> t.irreversible() == irreversible).orElse(false));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (custody != null) {
      custody.close();
    }
    if (authority != null) {
      authority.close();
    }
    if (rpc != null) {
      rpc.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private <T> T state(java.util.function.Function<io.hivesafe.state.StateReader, T> query) {
    return node.store().read(query);
  }

  @Test
  void beforeItsFirstBlockTheNodeSaysSoAndAnswers503ForState() {
    assertTrue(storeWasEmpty, "the scenario asked before the devnet produced a block");
    assertEquals(200, statusBeforeFirstBlock.status());
    JsonNode s = statusBeforeFirstBlock.json();
    assertTrue(s.get("applied_block").isNull());
    assertTrue(s.get("consensus").isNull());
    assertEquals(503, runnersBeforeFirstBlock.status());
    assertEquals("the node has not applied its first block yet", runnersBeforeFirstBlock.json().get("error").asText());
  }

  @Test
  void statusAgreesWithTheNodeAndTheChain() {
    JsonNode s = client.json("/api/status");
    StateStore store = node.store();
    TallyRecord tally = state(SidechainState::lastTally).orElseThrow();
    long irreversible = cluster.devnet().chain().properties().lastIrreversibleBlockNum();
    assertEquals("traffic", s.get("network").asText());
    assertEquals(DevnetCluster.NODE_VERSION, s.get("version").asText());
    assertEquals("node0", s.get("account").asText());
    assertEquals(TrafficNetwork.MULTISIG.value(), s.get("multisig_account").asText());
    assertEquals(store.lastBlock().getAsLong(), s.get("applied_block").asLong());
    assertEquals(irreversible, s.get("applied_block").asLong(), "settled: the node applied every irreversible block");
    assertEquals(store.digest().hex(), s.get("digest").asText());
    assertEquals(irreversible, s.get("chain").get("irreversible").asLong());
    assertEquals(cluster.devnet().chain().properties().headBlockNumber(), s.get("chain").get("head").asLong());
    assertEquals(0, s.get("lag").asLong());
    assertEquals("LIVE", s.get("mode").asText());
    assertFalse(s.get("diverged").asBoolean());
    assertTrue(s.get("failure").isNull());
    JsonNode c = s.get("consensus");
    assertEquals(100, c.get("tally_block").asLong());
    assertEquals(tally.block(), c.get("tally_block").asLong());
    assertEquals(tally.reportBlock(), c.get("report_block").asLong());
    assertTrue(c.get("consensus").asBoolean());
    assertEquals(tally.consensusHash(), c.get("hash").asText());
    assertEquals(tally.runnersAgreeing(), c.get("runners_agreeing").asLong());
    assertEquals(3, c.get("runners").asLong());
    assertEquals(tally.noConsensusInRow(), c.get("no_consensus_in_row").asLong());
    assertEquals("SAFE", s.get("token").get("symbol").asText());
  }

  @Test
  void runnersAndNodesAgreeWithTheRoster() {
    JsonNode r = client.json("/api/runners");
    Roster roster = state(SidechainState::roster);
    assertEquals(roster.electedAt(), r.get("elected_at").asLong());
    assertEquals(roster.runners(), names(r.get("runners")));
    assertEquals(roster.standby(), names(r.get("standby")));
    assertEquals(List.of("node0", "node1", "node2"), names(r.get("runners")));
    for (JsonNode n : r.get("runners")) {
      String account = n.get("account").asText();
      NodeRecord rec = state(x -> SidechainState.node(x, account)).orElseThrow();
      assertEquals(rec.age(), n.get("age").asLong(), account);
      assertTrue(rec.age() > 0, "aged by the tally in consensus");
      assertEquals(state(x -> SidechainState.balances(x, account)).gov(), n.get("stake").asLong(), account);
      assertEquals(TrafficNetwork.NODE_GOV, n.get("stake").asLong());
      assertEquals(rec.key(), n.get("key").asText());
      assertTrue(n.get("signer").asBoolean(), account + " holds a key of the multisig authority");
    }
    JsonNode all = client.json("/api/nodes");
    List<NodeRecord> nodes = state(SidechainState::nodes);
    assertEquals(nodes.size(), all.get("count").asInt());
    for (int i = 0; i < nodes.size(); i++) {
      assertEquals(nodes.get(i).account(), all.get("nodes").get(i).get("account").asText());
      assertEquals("runner", all.get("nodes").get(i).get("role").asText());
    }
  }

  private static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get("account").asText()));
    return out;
  }

  @Test
  void theRoundInFlightShowedItsSignersThresholdAndPayouts() {
    JsonNode round = multisigInFlight.get("round");
    assertEquals(roundInState.seq(), round.get("seq").asLong());
    assertEquals(MultisigTx.TRANSFER, round.get("kind").asText());
    assertEquals(roundInState.id(), round.get("id").asText());
    assertEquals(roundInState.digest(), round.get("digest").asText());
    assertEquals(100, round.get("built_block").asLong());
    JsonNode need = round.get("requirements").get(0);
    assertEquals("active", need.get("role").asText());
    assertEquals(roundInState.requirements().get(0).authority().threshold(), need.get("threshold").asLong());
    assertEquals(2, need.get("threshold").asLong(), "3 signers: threshold 2");
    assertEquals(roundInState.signatures().size(), need.get("signed_weight").asLong(), "weight 1 each");
    assertEquals(roundInState.signatures().size(), round.get("counted").asInt());
    assertEquals(roundInState.ready(), round.get("ready").asBoolean());
    assertEquals(roundInState.ready() ? "ready" : "signing", round.get("state").asText());
    assertEquals(roundInState.broadcastAttempt(), round.get("attempt").asLong(), "attempt 1 is the first broadcast, as in the feed");
    assertEquals(roundInState.signers().size(), round.get("signers").size());
    for (int i = 0; i < roundInState.signers().size(); i++) {
      JsonNode signer = round.get("signers").get(i);
      assertEquals(List.copyOf(roundInState.signers()).get(i), signer.get("key").asText());
      assertEquals(roundInState.signatures().containsKey(signer.get("key").asText()), signer.get("signed").asBoolean());
      assertTrue(signer.get("node").asText().startsWith("node"), "each signer key is a node's: " + signer);
    }
    assertEquals(roundInState.payouts().size(), round.get("payouts").size());
    assertEquals(queueInState.size(), payoutsInFlight.get("count").asInt());
    assertEquals(1, payoutsInFlight.get("in_flight").asInt());
    JsonNode p = payoutsInFlight.get("payouts").get(0);
    assertEquals(queueInState.get(0).seq(), p.get("seq").asLong());
    assertEquals(user.name().value(), p.get("to").asText());
    assertEquals(WITHDRAW, p.get("amount").asLong());
    assertEquals("api test", p.get("memo").asText());
    assertTrue(p.get("in_flight").asBoolean());
  }

  @Test
  void afterThePaidWithdrawalTheFeedBooksAndBalancesAgree() {
    JsonNode m = client.json("/api/multisig");
    MultisigBooks books = state(SidechainState::multisigBooks);
    assertTrue(m.get("round").isNull(), "the round was confirmed: " + m);
    assertEquals(WITHDRAW, m.get("books").get("paid_hive").asLong());
    assertEquals(books.paidHive(), m.get("books").get("paid_hive").asLong());
    assertEquals(1, m.get("books").get("confirmed").asLong());
    assertEquals(books.expired(), m.get("books").get("expired").asLong());
    assertEquals(books.nextSeq(), m.get("books").get("next_round").asLong());
    assertEquals(state(SidechainState::authority).active().keyNames(), keys(m.get("authority").get("active").get("keys")));
    assertEquals(state(SidechainState::authority).active().threshold(), m.get("authority").get("active").get("threshold").asLong());
    assertEquals(state(SidechainState::authority).owner().keyNames(), keys(m.get("authority").get("owner").get("keys")));

    JsonNode q = client.json("/api/payouts");
    assertEquals(0, q.get("count").asInt());
    assertEquals(state(SidechainState::payouts).size(), q.get("count").asInt());

    JsonNode a = client.json("/api/accounts/" + user.name());
    Balances b = state(r -> SidechainState.balances(r, user.name().value()));
    assertEquals(DEPOSIT_HIVE - WITHDRAW, a.get("hive").asLong());
    assertEquals(b.hive(), a.get("hive").asLong());
    assertEquals(DEPOSIT_HBD, a.get("hbd").asLong());
    assertEquals(b.token(), a.get("token").asLong());
    assertEquals(b.gov(), a.get("gov").asLong());
    assertEquals(b.unlocking(), a.get("unlocking").asLong());
    assertTrue(a.get("node").isNull());
    assertEquals(0, a.get("payouts").size());
    JsonNode runner = client.json("/api/accounts/node1");
    assertEquals("STM", runner.get("node").get("key").asText().substring(0, 3));
    JsonNode nobody = client.json("/api/accounts/nobody-here");
    assertEquals(0, nobody.get("hive").asLong(), "an account the sidechain never saw holds nothing");

    List<FeedEntry> feed = state(r -> SidechainState.feed(r, 0, Integer.MAX_VALUE));
    JsonNode recent = client.json("/api/feed?limit=200");
    List<JsonNode> entries = new ArrayList<>();
    recent.get("entries").forEach(entries::add);
    JsonNode paid = entries.stream().filter(e -> e.get("kind").asText().equals("payout")).findFirst().orElseThrow();
    assertTrue(paid.get("ok").asBoolean());
    assertTrue(paid.get("detail").asText().contains("paid " + WITHDRAW + " HIVE to " + user.name()), paid.toString());
    JsonNode withdraw = entries.stream().filter(e -> e.get("kind").asText().equals("withdraw")).findFirst().orElseThrow();
    assertEquals(user.name().value(), withdraw.get("account").asText());
    assertTrue(entries.stream().anyMatch(e -> e.get("kind").asText().equals("sig_submit") && e.get("ok").asBoolean()));
    assertEquals(ReasonText.render(feed.get(feed.size() - 1).reason()), entries.get(0).get("detail").asText(), "newest first");
    assertTrue(entries.stream().noneMatch(e -> e.get("kind").asText().equals("alarm")));
  }

  private static List<String> keys(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get("key").asText()));
    return out;
  }

  @Test
  void theFeedPagesBackThroughEveryEntryOnceInOrder() {
    List<FeedEntry> feed = state(r -> SidechainState.feed(r, 0, Integer.MAX_VALUE));
    assertTrue(feed.size() >= 15, "enough entries to page: " + feed.size());
    for (int limit : new int[] {1, 7, 200}) {
      List<JsonNode> got = new ArrayList<>();
      String next = "/api/feed?limit=" + limit;
      int pages = 0;
      while (next != null) {
        JsonNode page = client.json(next);
        page.get("entries").forEach(got::add);
        assertTrue(page.get("entries").size() <= limit);
        next = page.get("next").isNull() ? null : page.get("next").get("url").asText();
        assertTrue(++pages <= feed.size() + 1, "the pages end");
      }
      assertEquals(feed.size(), got.size(), "limit " + limit);
      long index = 0;
      for (int i = 0; i < feed.size(); i++) {
        FeedEntry want = feed.get(i);
        JsonNode e = got.get(feed.size() - 1 - i);
        index = i > 0 && feed.get(i - 1).block() == want.block() ? index + 1 : 0;
        assertEquals(want.block(), e.get("block").asLong());
        assertEquals(index, e.get("index").asLong());
        assertEquals(want.kind(), e.get("kind").asText());
        assertEquals(want.ok(), e.get("ok").asBoolean());
        assertEquals(want.account(), e.get("account").asText());
        assertEquals(want.tx(), e.get("tx").asText());
        assertEquals(want.op(), e.get("op").asLong());
        assertEquals(ReasonText.render(want.reason()), e.get("detail").asText());
      }
    }
    FeedEntry last = feed.get(feed.size() - 1);
    JsonNode older = client.json("/api/feed?limit=3&before_block=" + last.block() + "&before_index=0");
    assertTrue(older.get("entries").get(0).get("block").asLong() < last.block(), "strictly before the cursor");
  }

  @Test
  void proposalsAreTheState() {
    JsonNode p = client.json("/api/proposals");
    List<Proposal> proposals = state(SidechainState::proposals);
    assertEquals(1, proposals.size());
    assertEquals(proposals.size(), p.get("count").asInt());
    JsonNode one = p.get("proposals").get(0);
    assertEquals(proposals.get(0).id(), one.get("id").asLong());
    assertEquals("node0", one.get("proposer").asText());
    assertEquals("payout", one.get("action").asText());
    assertEquals(proposals.get(0).args().get("amount"), one.get("args").get("amount").asText());
    assertEquals(proposals.get(0).status(), one.get("status").asText());
    assertEquals(proposals.get(0).deadline(), one.get("deadline").asLong());
    assertEquals(proposals.get(0).status().equals(Proposal.OPEN) ? 1 : 0,
        client.json("/api/proposals?status=open").get("count").asInt());
    assertEquals(0, client.json("/api/proposals?status=executed").get("count").asInt());
  }

  @Test
  void theCustodyReportIsTheLastCheck() {
    CustodyReport r = custody.lastReport().orElseThrow();
    JsonNode c = client.json("/api/custody");
    assertTrue(c.get("checked").asBoolean());
    assertEquals(r.block(), c.get("block").asLong());
    assertEquals(r.head(), c.get("head").asLong());
    assertTrue(c.get("matches").asBoolean(), c.toString());
    assertEquals(r.chainHive(), c.get("chain").get("hive").asLong());
    assertEquals(r.booksHive(), c.get("books").get("hive").asLong());
    assertEquals(r.chainAtBlockHbd(), c.get("chain_at_block").get("hbd").asLong());
    assertEquals(r.booksHbd(), c.get("chain_at_block").get("hbd").asLong(), "the chain holds what the books say");
    assertEquals(r.afterHive(), c.get("after_block").get("hive").asLong());
    assertEquals(r.pendingTransactions(), c.get("pending").get("transactions").asInt());
    assertEquals(0, c.get("difference").get("hive").asLong());
    assertEquals(0, c.get("shortfall").get("hive").asLong());
    assertEquals(0, c.get("surplus").get("hbd").asLong());
  }

  @Test
  void theAuthorityReportIsTheLastCheck() {
    AuthorityReport r = authority.lastReport().orElseThrow();
    JsonNode a = client.json("/api/authority");
    assertTrue(a.get("checked").asBoolean());
    assertEquals(r.block(), a.get("block").asLong());
    assertEquals(r.head(), a.get("head").asLong());
    assertTrue(a.get("matches").asBoolean(), a.toString());
    assertTrue(a.get("owner_matches").asBoolean() && a.get("active_matches").asBoolean());
    assertEquals("not_recorded", a.get("recovery").asText(), "the traffic genesis names no recovery account");
    assertEquals("initminer", a.get("chain").get("recovery_account").asText(), "the devnet's default");
    assertEquals("", a.get("recorded").get("recovery_account").asText());
    assertEquals(state(SidechainState::authority).active().keyNames(), keys(a.get("chain").get("active").get("keys")));
    assertEquals(2, a.get("recorded").get("owner").get("threshold").asLong());
  }

  @Test
  void noAlarmInStateIsAnEmptyFirstPage() {
    JsonNode a = client.json("/api/alarms");
    assertEquals(0, a.get("count").asLong());
    assertEquals(0, a.get("alarms").size());
    assertTrue(a.get("next").isNull());
    assertEquals(0, state(SidechainState::alarmCount));
  }

  @Test
  void theNewestSnapshotIsServedWhole() throws Exception {
    JsonNode info = client.json("/api/snapshot");
    assertEquals("a-newer.snapshot", info.get("file").asText(), "the highest block wins, not the name");
    assertEquals(newest.block(), info.get("block").asLong());
    assertEquals(newest.digest().hex(), info.get("digest").asText());
    ApiClient.Response file = client.get("/api/snapshot/latest");
    assertEquals(200, file.status());
    assertEquals("application/octet-stream", file.header("Content-Type"));
    assertEquals(Long.toString(newest.block()), file.header("X-Hivesafe-Snapshot-Block"));
    assertEquals(newest.digest().hex(), file.header("X-Hivesafe-Snapshot-Digest"));
    assertArrayEquals(Files.readAllBytes(newestFile), file.bytes());
    Path imported = dir.resolve("imported");
    Path downloaded = Files.write(dir.resolve("downloaded.snapshot"), file.bytes());
    SnapshotInfo in = Snapshots.importInto(downloaded, io.hivesafe.state.StateConfig.of(imported), Optional.of(newest.digest()),
        java.util.OptionalLong.of(newest.block()));
    assertEquals(newest.digest(), in.digest(), "the download imports with its digest checked");
  }

  @Test
  void withoutSnapshotsTheSnapshotEndpointsAre404() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("no-snapshots"));
    NodeView view = NodeView.of(node, net.network(), "x", Optional.empty());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (ApiServer none = new ApiServer(new ApiConfig("127.0.0.1", 0, Optional.of(empty), 1), view, registry, new NodeEvents()).start();
        ApiServer unset = new ApiServer(new ApiConfig("127.0.0.1", 0, Optional.empty(), 1), view, registry, new NodeEvents()).start()) {
      ApiClient a = new ApiClient(none.url());
      ApiClient.Response r = a.get("/api/snapshot/latest");
      assertEquals(404, r.status());
      assertEquals("no snapshot yet: the snapshot directory holds none", r.json().get("error").asText());
      assertEquals(404, a.get("/api/snapshot").status());
      assertFalse(a.json("/api/custody").get("checked").asBoolean(), "no custody check given: not checked");
      ApiClient.Response u = new ApiClient(unset.url()).get("/api/snapshot/latest");
      assertEquals(404, u.status());
      assertTrue(u.json().get("error").asText().contains("no snapshot directory"), u.text());
    }
  }

  @Test
  void badRequestsGetAJsonErrorWithTheRightStatus() {
    expectError("GET", "/api/nope", 404, "no such path: /api/nope");
    expectError("GET", "/api/status/", 404, "no such path");
    expectError("GET", "/favicon.ico", 404, "no such path");
    expectError("GET", "/api/accounts/Alice", 400, "invalid account name 'Alice'");
    expectError("GET", "/api/accounts/ab", 400, "invalid account name 'ab'");
    expectError("GET", "/api/accounts/", 400, "invalid account name ''");
    expectError("GET", "/api/accounts/a/b", 404, "no such path");
    expectError("GET", "/api/feed?limit=0", 400, "parameter 'limit' must be within 1..200, got 0");
    expectError("GET", "/api/feed?limit=abc", 400, "parameter 'limit' must be an integer within 1..200, got 'abc'");
    expectError("GET", "/api/feed?limit=5&limit=6", 400, "parameter 'limit' is given more than once");
    expectError("GET", "/api/feed?before_index=3", 400, "parameter 'before_index' needs 'before_block'");
    expectError("GET", "/api/feed?from=3", 400, "unknown parameter 'from' (/api/feed takes before_block, before_index, limit)");
    expectError("GET", "/api/alarms?limit=201", 400, "parameter 'limit' must be within 1..200, got 201");
    expectError("GET", "/api/alarms?before_index=1", 400, "parameter 'before_index' needs 'before_block'");
    expectError("GET", "/api/authority?x=1", 400, "unknown parameter 'x': /api/authority takes none");
    expectError("GET", "/api/status?verbose=1", 400, "unknown parameter 'verbose': /api/status takes none");
    expectError("GET", "/api/proposals?status=bogus", 400, "parameter 'status' must be one of");
    ApiClient.Response post = expectError("POST", "/api/status", 405, "method POST is not allowed: the API is read-only");
    assertEquals("GET, HEAD", post.header("Allow"));
    expectError("DELETE", "/api/snapshot/latest", 405, "method DELETE is not allowed");
    ApiClient.Response head = client.send("HEAD", "/api/status");
    assertEquals(200, head.status());
    assertEquals(0, head.bytes().length);
  }

  private ApiClient.Response expectError(String method, String path, int status, String message) {
    ApiClient.Response r = client.send(method, path);
    assertEquals(status, r.status(), method + " " + path + ": " + r.text());
    assertTrue(r.header("Content-Type").startsWith("application/json"), path);
    JsonNode e = r.json();
    assertEquals(status, e.get("status").asInt());
    assertTrue(e.get("error").asText().startsWith(message), method + " " + path + ": '" + e.get("error").asText()
        + "' does not start with '" + message + "'");
    return r;
  }

  @Test
  @Order(Integer.MAX_VALUE) // last: it also reads every answer the other tests received
  void noAnswerCarriesAPrivateKey() throws Exception {
    for (String path : new String[] {"/", "/status.js", "/status.css", "/api", "/api/status", "/api/runners", "/api/nodes",
        "/api/multisig", "/api/payouts", "/api/proposals", "/api/custody", "/api/authority", "/api/alarms", "/api/snapshot",
        "/api/feed?limit=200",
        "/metrics", "/api/accounts/node0", "/api/accounts/" + user.name()}) {
      assertEquals(200, client.get(path).status(), path);
    }
    List<String> secrets = new ArrayList<>();
    List<String> accounts = new ArrayList<>();
    net.users().forEach(u -> accounts.add(u.name().value()));
    net.nodes().forEach(n -> accounts.add(n.name().value()));
    accounts.add(TrafficNetwork.MULTISIG.value());
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (String account : accounts) {
      for (String role : new String[] {"owner", "active", "posting", "memo", "multisig"}) {
        secrets.add(TrafficNetwork.key(account, role).toWif());
        // TrafficNetwork's keys are PrivateKey.fromSeed: the secret is SHA-256 of the seed.
        secrets.add(HexFormat.of().formatHex(sha.digest(("traffic:" + account + ":" + role).getBytes(StandardCharsets.UTF_8))));
      }
    }
    Pattern wif = Pattern.compile("(?<![1-9A-HJ-NP-Za-km-z])5[HJK][1-9A-HJ-NP-Za-km-z]{49}(?![1-9A-HJ-NP-Za-km-z])");
    List<String> bodies = client.bodies();
    assertTrue(bodies.size() > 60, "every answer of this class so far: " + bodies.size());
    for (String body : bodies) {
      for (String secret : secrets) {
        assertFalse(body.contains(secret), "an answer holds a private key");
        assertFalse(body.toLowerCase(java.util.Locale.ROOT).contains(secret.toLowerCase(java.util.Locale.ROOT)),
            "an answer holds a private key");
      }
      Matcher m = wif.matcher(body);
      assertFalse(m.find(), "an answer holds something shaped like a WIF: " + (m.find(0) ? m.group() : ""));
    }
  }

  @Test
  void theStatusPageAndItsFilesAreServedFromTheJar() {
    ApiClient.Response page = client.get("/");
    assertEquals(200, page.status());
    assertTrue(page.header("Content-Type").startsWith("text/html"));
    assertTrue(page.text().contains("<script src=\"/status.js\""));
    assertTrue(page.header("Content-Security-Policy").startsWith("default-src 'self'"), "no external source can load");
    assertFalse(page.text().contains("http://") || page.text().contains("https://"), "no external resource");
    ApiClient.Response js = client.get("/status.js");
    assertTrue(js.header("Content-Type").startsWith("text/javascript"));
    assertFalse(js.text().contains("innerHTML"), "API text goes in as text, never as HTML");
    assertTrue(client.get("/status.css").header("Content-Type").startsWith("text/css"));
    JsonNode index = client.json("/api");
    assertEquals(ApiServer.ENDPOINTS.size(), index.get("endpoints").size());
  }

  @Test
  void theMetricsScrapeCountsWhatTheNodeDid() {
    ApiClient.Response r = client.get("/metrics");
    assertEquals(200, r.status());
    assertTrue(r.header("Content-Type").startsWith("text/plain; version=0.0.4"), r.header("Content-Type"));
    Exposition before = new Exposition(scrapeBefore);
    Exposition after = new Exposition(r.text());
    long committed = cluster.digests().get("node0").size();
    assertTrue(committed > 100);
    assertEquals(0, before.value("hivesafe_blocks_applied_total"));
    assertEquals(committed, after.value("hivesafe_blocks_applied_total"), "every committed block counted once");
    assertEquals(committed, after.value("hivesafe_block_apply_seconds_count"));
    assertTrue(after.value("hivesafe_block_apply_seconds_sum") > 0);
    assertEquals(node.lastBlock(), after.value("hivesafe_block_applied"));
    assertEquals(cluster.devnet().chain().properties().lastIrreversibleBlockNum(), after.value("hivesafe_chain_irreversible_block"));
    assertEquals(0, after.value("hivesafe_lag_blocks"));
    assertEquals(1, after.value("hivesafe_node_live"));
    assertEquals(0, after.value("hivesafe_node_diverged"));
    assertEquals(1, after.value("hivesafe_node_info", "network", "traffic", "version", DevnetCluster.NODE_VERSION));

    assertEquals(0, before.value("hivesafe_tallies_total", "result", "consensus"));
    assertEquals(1, after.value("hivesafe_tallies_total", "result", "consensus"), "the tally at block 100");
    assertEquals(0, after.value("hivesafe_tallies_total", "result", "no_consensus"));
    assertEquals(0, after.value("hivesafe_tally_no_consensus_in_row"));

    List<FeedEntry> feed = state(x -> SidechainState.feed(x, 0, Integer.MAX_VALUE));
    long sigsOk = feed.stream().filter(f -> f.kind().equals("sig_submit") && f.ok()).count();
    long sigsBad = feed.stream().filter(f -> f.kind().equals("sig_submit") && !f.ok()).count();
    assertTrue(sigsOk >= 2, "the threshold of signatures was counted: " + sigsOk);
    assertEquals(sigsOk, after.value("hivesafe_signatures_total", "result", "accepted"));
    assertEquals(sigsBad, after.value("hivesafe_signatures_total", "result", "rejected"));
    assertTrue(after.value("hivesafe_operations_total", "result", "accepted") >= 4 + sigsOk,
        "deposits, proposal, withdrawal, reports and signatures");

    assertEquals(1, after.value("hivesafe_multisig_rounds_total", "state", "confirmed"));
    assertEquals(0, after.value("hivesafe_multisig_rounds_total", "state", "expired"));
    assertEquals(0, after.value("hivesafe_multisig_in_flight"));
    assertEquals(0, after.value("hivesafe_payouts_queued"));

    assertEquals(cluster.outbox(cluster.node(0)).sent(), after.value("hivesafe_broadcasts_total", "result", "sent"));
    assertTrue(after.value("hivesafe_broadcasts_total", "result", "sent") >= 2, "a report and a signature at least");
    assertEquals(cluster.outbox(cluster.node(0)).failed(), after.value("hivesafe_broadcasts_total", "result", "failed"));

    String endpoint = "http://127.0.0.1:" + cluster.devnet().url(0).getPort();
    assertTrue(after.sum("hivesafe_rpc_seconds_count", "endpoint", endpoint, "method", "block_api.get_block_range",
        "outcome", "result") > 0, "the block sources' range calls: " + after.find("hivesafe_rpc_seconds_count"));
    assertTrue(after.sum("hivesafe_rpc_seconds_count", "method", "network_broadcast_api.broadcast_transaction") > 0);
    assertTrue(after.sum("hivesafe_rpc_seconds_count", "method", "database_api.find_accounts") > 0, "the custody check's");
    for (Exposition.Sample e : after.find("hivesafe_rpc_errors_total")) {
      assertTrue(List.of("rpc_error", "transport_failure").contains(e.labels().get("kind")), e.toString());
    }

    for (AlarmKind kind : AlarmKind.values()) {
      assertEquals(0, before.value("hivesafe_alarms_total", "kind", kind.name()), "registered up front: " + kind);
      assertEquals(0, after.value("hivesafe_alarms_total", "kind", kind.name()), kind.name());
    }
    assertEquals(0, after.value("hivesafe_authority_mismatch"));
    assertTrue(Double.isNaN(before.value("hivesafe_authority_mismatch")), "NaN until a check has run");
    assertEquals(authority.lastReport().orElseThrow().block(), after.value("hivesafe_authority_checked_block"));
    assertEquals(0, after.value("hivesafe_custody_shortfall", "asset", "HIVE"));
    assertEquals(0, after.value("hivesafe_custody_surplus", "asset", "HBD"));
    assertEquals(0, after.value("hivesafe_custody_difference", "asset", "HIVE"));
    assertEquals(0, after.value("hivesafe_custody_difference", "asset", "HBD"));
    assertEquals(1, after.value("hivesafe_custody_matches"));
    assertTrue(Double.isNaN(before.value("hivesafe_custody_matches")), "NaN until a check has run");

    for (String name : after.names()) {
      if (name.startsWith("hivesafe_")) {
        String family = name.replaceAll("_(count|sum|max|total|bucket)$", "");
        assertTrue(after.typed.contains(family) || after.typed.contains(name), "a # TYPE line for " + name);
        assertTrue(after.described.contains(family) || after.described.contains(name), "a # HELP line for " + name);
      }
    }
    assertNotNull(after.find("hivesafe_outbox_pending"));
  }
}
