package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.AccountUpdate2Operation;
import io.hivesafe.hive.protocol.Authority;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §3.5, point 2 of the custody rules: the multisig account's owner and active authorities are
 * recorded exactly as on chain — weights, key and account members — a signature counts its key's weight,
 * the broadcast carries the keys hived's walk uses, an authority change re-checks the round in flight,
 * and a rotation is built only from keys of registered nodes.
 */
class AuthorityTest {
  @TempDir Path dir;
  private OpsHarness h;
  private static final AccountName MS = AccountName.of(TestNetwork.MULTISIG);

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  private NetworkGenesis start(NetworkGenesis g) {
    h = new OpsHarness(dir, g);
    h.apply();
    return g;
  }

  private static String key(int node) {
    return TestNetwork.nodeKey(node).publicKey().toString();
  }

  private static Authority weighted(long threshold, int... weights) {
    List<Authority.KeyWeight> keys = new java.util.ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      keys.add(new Authority.KeyWeight(TestNetwork.nodeKey(i).publicKey(), weights[i]));
    }
    return new Authority(threshold, List.of(new Authority.AccountWeight(AccountName.of("backup"), 1)), keys);
  }

  @Test
  void aSignatureCountsItsKeysWeightAndTheBroadcastCarriesTheKeysHivedsWalkUses() {
    // active: node0 weight 2, node1..3 weight 1, the account "backup" weight 1; threshold 3
    NetworkGenesis g = start(TestNetwork.withAuthority(TestNetwork.genesis(4, 3, 0), weighted(3, 1, 1, 1, 1), weighted(3, 2, 1, 1, 1)));
    MultisigAuthority auth = h.authority();
    assertEquals(SignerAuthority.of(g.active()), auth.active(), "weights, keys and account members as in the genesis");
    assertEquals(List.of(new SignerAuthority.Member("backup", 1)), auth.active().accounts());
    h.depositAndWithdraw("user0", 1_000, PeggedAsset.HIVE);
    h.tallyWithReports("node0", "node1", "node2", "node3");
    MultisigTx round = h.inFlight();
    h.signRound("node1");
    assertFalse(h.inFlight().ready(), "weight 1 of 3");
    h.signRound("node0");
    MultisigTx ready = h.inFlight();
    assertTrue(ready.ready(), "two signatures, but node0's weight of 2 makes 3 of 3");
    h.signRound("node2", "node3");
    // hived walks the keys in their byte order and stops at the threshold: only those signatures go out
    List<String> walk = ready.requirements().get(0).authority().walk(Set.of(key(0), key(1), key(2), key(3)));
    assertEquals(walk, sortedByBytes(h.inFlight().broadcastKeys()));
    long walked = 0;
    for (String k : h.inFlight().broadcastKeys()) {
      walked += auth.active().weightOf(k);
    }
    assertTrue(walked >= 3 && walked - minWeight(h.inFlight().broadcastKeys(), auth.active()) < 3,
        "the set reaches the threshold and no signature in it is redundant: " + h.inFlight().broadcastKeys());
    assertEquals(round.id(), h.inFlight().id());
  }

  private static List<String> sortedByBytes(List<String> stm) {
    return stm.stream().sorted(java.util.Comparator.comparing(k -> io.hivesafe.hive.crypto.PublicKey.fromString(k).toHex()))
        .toList();
  }

  private static long minWeight(List<String> keys, SignerAuthority a) {
    return keys.stream().mapToLong(a::weightOf).min().orElse(0);
  }

  @Test
  void aRotationRoundNeedsTheOwnerAndTheActiveAuthority() {
    // owner: node0..2, 2 of 3; active: node0..3, 3 of 4. node2 and node3 stop reporting: at the second
    // tally they are faulted, node0 and node1 reach consensus, and half the signers are gone.
    NetworkGenesis g = TestNetwork.genesis(4, 3, 0);
    Authority owner = NetworkGenesis.simpleAuthority(2, List.of(TestNetwork.nodeKey(0).publicKey(), TestNetwork.nodeKey(1).publicKey(),
        TestNetwork.nodeKey(2).publicKey()));
    start(TestNetwork.withAuthority(g, owner, g.active()));
    h.tallyWithReports("node0", "node1");
    assertTrue(h.nothingInFlight(), "2 of 4 runners: no consensus");
    h.tallyWithReports("node0", "node1");
    MultisigTx round = h.inFlight();
    assertEquals(MultisigTx.ROTATION, round.kind());
    assertEquals(List.of(MultisigTx.OWNER, MultisigTx.ACTIVE), round.requirements().stream().map(MultisigTx.Requirement::role).toList());
    h.signRound("node0", "node1");
    assertFalse(h.inFlight().ready(), "owner 2 of 2 is met, active 2 of 3 is not (since HF28 owner keys do not satisfy active)");
    h.signRound("node2");
    assertTrue(h.inFlight().ready());
    List<FeedEntry> landed = h.land(round);
    assertTrue(landed.stream().noneMatch(f -> f.kind().equals("alarm")), landed.toString());
    MultisigAuthority after = h.authority();
    assertEquals(after.owner(), after.active());
    java.util.TreeSet<String> kept = after.active().keySet();
    assertEquals(3, kept.size(), kept.toString());
    assertTrue(kept.contains(key(0)) && kept.contains(key(1)) && (kept.contains(key(2)) || kept.contains(key(3))),
        "the two runners, and one old key of a registered node to keep the old active threshold of 3 (and the floor of 3)");
    assertEquals(2, after.active().threshold());
  }

  @Test
  void aForeignUpdateThatRemovesSignersSendsTheReadyRoundBackToSigningAndNewKeysCount() {
    start(TestNetwork.genesis(3, 3, 0));
    h.depositAndWithdraw("user0", 1_000, PeggedAsset.HIVE);
    h.tallyWithReports("node0", "node1", "node2");
    h.signRound("node0", "node1");
    MultisigTx ready = h.inFlight();
    assertTrue(ready.ready());
    long recastAt = ready.readyBlock() + h.store.read(SidechainState::params).recastInterval();
    // Someone with the owner keys replaces node1 by a stranger's key: 2 of {node0, node2, stranger}.
    PrivateKey stranger = PrivateKey.fromSeed("stranger");
    Authority replaced = NetworkGenesis.simpleAuthority(2, List.of(TestNetwork.nodeKey(0).publicKey(), TestNetwork.nodeKey(2).publicKey(),
        stranger.publicKey()));
    h.apply(new AccountUpdate2Operation(MS, Optional.of(replaced), Optional.of(replaced), Optional.empty(), Optional.empty(), "", ""));
    MultisigTx back = h.inFlight();
    assertFalse(back.ready(), "node1's signature no longer counts: 1 of 2");
    assertEquals(Set.of(key(0)), back.signatures().keySet());
    assertEquals(0, back.recastTask());
    h.skipTo(recastAt + 1);
    assertEquals(back.attempt(), h.inFlight().attempt(), "no recast of a round that is not signed under the authority in force");
    FeedEntry stale = h.submit("node1", back.seq(), OpsHarness.sign(TestNetwork.nodeKey(1), back));
    assertEquals(ReasonCode.SIG_NOT_SIGNER, stale.reason().code());
    FeedEntry newKey = h.submit("user1", back.seq(), OpsHarness.sign(stranger, back));
    assertTrue(newKey.ok() && newKey.reason().code() == ReasonCode.SIG_COUNTED_READY, "the key in force counts: " + newKey.reason());
    assertEquals(ready.attempt() + 1, h.inFlight().attempt(), "ready again: a broadcast attempt no node has made yet");
    assertEquals(List.of(AlarmKind.AUTHORITY_CHANGE), h.alarms().stream().map(Alarm::kind).toList());
  }

  @Test
  void aRotationIsBuiltOnlyFromKeysOfRegisteredNodes() {
    start(TestNetwork.genesis(3, 3, 0));
    // The chain's authority becomes 2 of {stranger A, stranger B, node0}: registered nodes hold one old key.
    Authority foreign = NetworkGenesis.simpleAuthority(2, List.of(PrivateKey.fromSeed("A").publicKey(),
        PrivateKey.fromSeed("B").publicKey(), TestNetwork.nodeKey(0).publicKey()));
    h.apply(new AccountUpdate2Operation(MS, Optional.of(foreign), Optional.of(foreign), Optional.empty(), Optional.empty(), "", ""));
    h.tallyWithReports("node0", "node1", "node2");
    assertTrue(h.nothingInFlight(), "no rotation can keep the old threshold with registered nodes' keys");
    RotationHold hold = h.store.read(SidechainState::rotationHold).orElseThrow();
    assertEquals(ReasonCode.HOLD_OLD_THRESHOLD_NOT_KEPT, hold.code());
    List<FeedEntry> feed = h.store.read(r -> SidechainState.feed(r, hold.block(), 100));
    assertTrue(feed.stream().anyMatch(f -> f.kind().equals("rotation") && f.reason().equals(hold.reason())), feed.toString());
  }

  @Test
  void anAuthorityThatCannotBeSatisfiedIsAnAlarmAndNothingIsBuilt() {
    start(TestNetwork.genesis(3, 3, 0));
    h.depositAndWithdraw("user0", 1_000, PeggedAsset.HIVE);
    // hived accepts a threshold above the weights: the account can then never sign again
    Authority dead = NetworkGenesis.simpleAuthority(2, List.of(TestNetwork.nodeKey(0).publicKey(), TestNetwork.nodeKey(1).publicKey(),
        TestNetwork.nodeKey(2).publicKey()));
    Authority impossible = new Authority(5, List.of(), dead.keyAuths());
    h.apply(new AccountUpdate2Operation(MS, Optional.empty(), Optional.of(impossible), Optional.empty(), Optional.empty(), "", ""));
    assertEquals(List.of(AlarmKind.AUTHORITY_CHANGE, AlarmKind.AUTHORITY_UNUSABLE), h.alarms().stream().map(Alarm::kind).toList());
    h.tallyWithReports("node0", "node1", "node2");
    assertTrue(h.nothingInFlight(), "a payout is queued, but no round can be signed");
    assertEquals(ReasonCode.HOLD_AUTHORITY_UNUSABLE, h.store.read(SidechainState::rotationHold).orElseThrow().code());
  }

  @Test
  void aSigningRoundThatTheNewAuthorityAlreadyAcceptsIsReadyAtOnce() {
    start(TestNetwork.genesis(3, 3, 0));
    h.depositAndWithdraw("user0", 1_000, PeggedAsset.HIVE);
    h.tallyWithReports("node0", "node1", "node2");
    h.signRound("node0");
    assertFalse(h.inFlight().ready(), "1 of 2");
    Authority one = NetworkGenesis.simpleAuthority(1, List.of(TestNetwork.nodeKey(0).publicKey(), TestNetwork.nodeKey(1).publicKey()));
    List<FeedEntry> feed = h.apply(new AccountUpdate2Operation(MS, Optional.empty(), Optional.of(one), Optional.empty(),
        Optional.empty(), "", ""));
    MultisigTx ready = h.inFlight();
    assertTrue(ready.ready(), "node0's signature meets 1 of 2: " + feed);
    assertEquals(h.nextBlock() - 1, ready.readyBlock());
    assertTrue(ready.recastTask() > 0, "its recast is scheduled");
    assertTrue(feed.stream().anyMatch(f -> f.reason().code() == ReasonCode.ROUND_READY), feed.toString());
  }
}
