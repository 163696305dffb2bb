package io.hivesafe.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.protocol.WireFormat;
import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NodeRecord;
import io.hivesafe.ops.Roster;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.SignerAuthority;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node checks its own multisig transaction with hived's authority walk before it broadcasts it
 * ({@link OwnBroadcastCheck}, used by {@link MultisigDuties}): a round whose collected signatures satisfy
 * the recorded authority goes out; one whose signatures do not (a signature over other bytes, an
 * authority raised under it) is withheld, logged and counted.
 */
class OwnBroadcastCheckTest {
  private static final SignatureScheme CRYPTO = new Secp256k1Signatures();
  private static final TrafficNetwork NET = TrafficNetwork.create(2, 3);
  private static final NetworkGenesis GENESIS = NET.network();
  private static final Block COMMITTED =
      new Block(blockId(101), blockId(100), Instant.parse("2026-01-01T00:05:03Z"), "initminer", List.of());

  @TempDir Path dir;

  private static BlockId blockId(int number) {
    byte[] id = new byte[20];
    id[2] = (byte) (number >> 8);
    id[3] = (byte) number;
    return BlockId.fromBytes(id);
  }

  private static Transaction unsigned() {
    return Transaction.builder().refBlockNum(100).refBlockPrefix(1234).expiration(Instant.parse("2026-01-01T00:55:00Z"))
        .operation(new TransferOperation(TrafficNetwork.MULTISIG, NET.users().get(0).name(), Asset.of(1_000, AssetSymbol.HIVE), "out"))
        .operation(new CustomJsonOperation(List.of(TrafficNetwork.MULTISIG), List.of(), GENESIS.opId("ms_signed"), "{\"round\":1}"))
        .build();
  }

  private static byte[] digest(Transaction tx) {
    return tx.digest(GENESIS.chainId(), WireFormat.HF26);
  }

  private static List<String> keys() {
    return NET.nodes().stream().map(n -> n.multisigKey().publicKey().toString()).toList();
  }

  private static SignerAuthority threshold(long t) {
    return SignerAuthority.ofKeys(t, keys());
  }

  /** Round 1, ready, signed by node0 and node1 ({@code node1Signs} is the digest node1's signature is over). */
  private static MultisigTx round(SignerAuthority active, byte[] node1Signs) {
    Transaction tx = unsigned();
    TreeMap<String, String> sigs = new TreeMap<>();
    PrivateKey k0 = NET.nodes().get(0).multisigKey();
    PrivateKey k1 = NET.nodes().get(1).multisigKey();
    sigs.put(k0.publicKey().toString(), CRYPTO.sign(k0, digest(tx)).toHex());
    sigs.put(k1.publicKey().toString(), CRYPTO.sign(k1, node1Signs).toHex());
    HexFormat hex = HexFormat.of();
    return new MultisigTx(1, MultisigTx.TRANSFER, tx.id(WireFormat.HF26).toHex(), hex.formatHex(digest(tx)),
        hex.formatHex(tx.toBytes(WireFormat.HF26)), 100, "2026-01-01T00:55:00", List.of(),
        List.of(new MultisigTx.Requirement(MultisigTx.ACTIVE, active)), sigs, 101, 0, 0, false);
  }

  /** What node0 (the first runner: attempt 0 is its) sends after a commit, with the state holding {@code round}. */
  private List<MultisigDuties.Send> node0After(SignerAuthority recordedActive, MultisigTx round, LoggedEvents log,
      MultisigDuties[] duties) {
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      try (StateTransaction tx = store.begin(101)) {
        SidechainState s = new SidechainState(tx);
        s.putAuthority(new MultisigAuthority(threshold(2), recordedActive, "", 0));
        s.putRoster(new Roster(NET.nodes().stream().map(n -> n.name().value()).toList(), List.of(), 100));
        for (TrafficNode n : NET.nodes()) {
          s.putNode(new NodeRecord(n.name().value(), n.multisigKey().publicKey().toString(), 0, 0, 0, 0, 0, 0));
        }
        s.putMultisig(round);
        tx.commit();
      }
      TrafficNode node0 = NET.nodes().get(0);
      duties[0] = new MultisigDuties(GENESIS, new NodeIdentity(node0.name(), node0.user().activeKey(), node0.multisigKey()), CRYPTO,
          log.events);
      return store.read(r -> duties[0].after(r, COMMITTED, 101));
    }
  }

  @Test
  void aRoundWhoseSignaturesSatisfyTheRecordedAuthorityIsBroadcast() {
    LoggedEvents log = new LoggedEvents();
    MultisigDuties[] duties = new MultisigDuties[1];
    List<MultisigDuties.Send> sent = node0After(threshold(2), round(threshold(2), digest(unsigned())), log, duties);
    assertEquals(1, sent.size(), log.lines().toString());
    assertEquals(2, sent.get(0).tx().signatures().size());
    assertEquals(0, duties[0].withheld());
    assertEquals(List.of(), log.with("is not broadcast"));
  }

  @Test
  void aSignatureOverOtherBytesIsWithheldLoggedAndCounted() {
    LoggedEvents log = new LoggedEvents();
    MultisigDuties[] duties = new MultisigDuties[1];
    byte[] other = digest(unsigned()).clone();
    other[0] ^= 1;
    List<MultisigDuties.Send> sent = node0After(threshold(2), round(threshold(2), other), log, duties);
    assertEquals(List.of(), sent);
    assertEquals(1, duties[0].withheld());
    List<String> lines = log.with("is not broadcast");
    assertEquals(1, lines.size(), log.lines().toString());
    assertTrue(lines.get(0).startsWith("ERROR round 1 (attempt 1, id "), lines.get(0));
    assertTrue(lines.get(0).contains("Missing Active Authority hivesafe-ms"), lines.get(0));
  }

  @Test
  void anAuthorityRaisedUnderAReadyRoundIsNotBroadcastWithTheOldSignatures() {
    LoggedEvents log = new LoggedEvents();
    MultisigDuties[] duties = new MultisigDuties[1];
    List<MultisigDuties.Send> sent = node0After(threshold(3), round(threshold(2), digest(unsigned())), log, duties);
    assertEquals(List.of(), sent);
    assertEquals(1, duties[0].withheld());
  }

  @Test
  void aRedundantSignatureFailsThePreHf28RulesSoTheCheckRefusesIt() {
    Transaction tx = unsigned();
    List<CompactSignature> all = NET.nodes().stream().map(n -> CRYPTO.sign(n.multisigKey(), digest(tx))).toList();
    MultisigAuthority recorded = new MultisigAuthority(threshold(2), threshold(2), "", 0);
    assertEquals(Optional.of("PRE_HF28 rules: Unnecessary signature(s) detected"),
        OwnBroadcastCheck.refusal(tx.withSignatures(all), TrafficNetwork.MULTISIG, recorded, GENESIS.chainId(), CRYPTO));
    assertEquals(Optional.empty(),
        OwnBroadcastCheck.refusal(tx.withSignatures(all.subList(0, 2)), TrafficNetwork.MULTISIG, recorded, GENESIS.chainId(), CRYPTO),
        "any two of the three keys: the walk uses both under either rule set");
  }
}
