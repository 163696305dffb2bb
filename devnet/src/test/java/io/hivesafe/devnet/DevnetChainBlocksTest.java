package io.hivesafe.devnet;

import static io.hivesafe.devnet.DevnetWallet.LEGACY;
import static io.hivesafe.devnet.DevnetWallet.customJson;
import static io.hivesafe.devnet.DevnetWallet.hive;
import static io.hivesafe.devnet.DevnetWallet.key;
import static io.hivesafe.devnet.DevnetWallet.keys;
import static io.hivesafe.devnet.DevnetWallet.name;
import static io.hivesafe.devnet.DevnetWallet.transfer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.codec.TransactionCodec;
import io.hivesafe.hive.crypto.Hashes;
import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Transaction;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Blocks as the devnet produces them, and what accepted transactions do to the state. */
class DevnetChainBlocksTest {
  private final DevnetChain chain = new DevnetChain(DevnetConfig.testnet().withIrreversibleLag(3));
  private final DevnetWallet wallet = new DevnetWallet(chain);

  @Test
  void blocksCarryTheirNumberInTheIdLinkAndAre3SecondsApart() {
    chain.produceBlocks(9);
    assertEquals(10, chain.headBlockNumber());
    for (long n = 1; n <= 10; n++) {
      ProducedBlock block = chain.block(n).orElseThrow();
      assertEquals(n, block.id().blockNumber());
      assertEquals(Genesis.DEFAULT_GENESIS_TIME.plus(Duration.ofSeconds(3 * n)), block.timestamp());
      if (n > 1) {
        assertEquals(chain.block(n - 1).orElseThrow().id(), block.previous());
      }
    }
    assertEquals(0, chain.block(1).orElseThrow().previous().blockNumber());
    assertTrue(chain.block(11).isEmpty());
    assertTrue(chain.block(0).isEmpty());
    assertEquals(List.of(8L, 9L, 10L), chain.blocks(8, 1000).stream().map(ProducedBlock::number).toList());
  }

  @Test
  void theIrreversibleBlockTrailsTheHeadByTheConfiguredLag() {
    assertEquals(0, chain.properties().lastIrreversibleBlockNum());
    chain.produceBlocks(9);
    assertEquals(10, chain.properties().headBlockNumber());
    assertEquals(7, chain.properties().lastIrreversibleBlockNum());
  }

  @Test
  void theWitnessSignatureRecoversToInitminersKeyAndTheMerkleRootIsHivedS() {
    Transaction a = wallet.signed(transfer("alice", "bob", hive(1), "a"), key("alice", KeyRole.ACTIVE));
    Transaction b = wallet.signed(transfer("bob", "carol", hive(1), "b"), key("bob", KeyRole.ACTIVE));
    Transaction c = wallet.signed(transfer("carol", "alice", hive(1), "c"), key("carol", KeyRole.ACTIVE));
    List.of(a, b, c).forEach(chain::broadcast);
    ProducedBlock block = chain.produceBlock();
    assertEquals(3, block.transactions().size());
    byte[] header = BlockHeaders.header(block.previous(), block.timestamp(), block.witness(), block.merkleRoot());
    assertEquals(Genesis.INIT_KEY.publicKey(),
        DevnetWallet.SCHEME.recover(block.witnessSignature(), Hashes.sha256(header)).orElseThrow());
    byte[] ha = Hashes.sha256(TransactionCodec.writeSigned(a, LEGACY));
    byte[] hb = Hashes.sha256(TransactionCodec.writeSigned(b, LEGACY));
    byte[] hc = Hashes.sha256(TransactionCodec.writeSigned(c, LEGACY));
    assertArrayEquals(Hashes.ripemd160(Hashes.sha256(Hashes.sha256(ha, hb), hc)), block.merkleRoot());
    assertArrayEquals(new byte[20], chain.produceBlock().merkleRoot(), "an empty block has the zero root");
  }

  @Test
  void acceptedTransactionsLandInTheNextBlockWithTheirIdsInOrder() {
    Transaction first = wallet.signed(customJson(List.of(), List.of("alice"), "hivesafe_test", "{\"n\":1}"), key("alice", KeyRole.POSTING));
    Transaction second = wallet.signed(transfer("alice", "bob", hive(5), "memo"), key("alice", KeyRole.ACTIVE));
    Admission a = chain.broadcast(first);
    Admission b = chain.broadcast(second);
    assertEquals(2, chain.pendingCount());
    ProducedBlock block = chain.produceBlock();
    assertEquals(List.of(a.id().orElseThrow(), b.id().orElseThrow()), block.transactions().stream().map(t -> t.id()).toList());
    assertEquals(first, block.transactions().get(0).transaction());
    assertTrue(block.transactions().get(0).transaction().operations().get(0) instanceof CustomJsonOperation);
    assertEquals(Optional.of(new DevnetChain.Inclusion(block.number(), 1)), chain.inclusion(b.id().orElseThrow()));
    assertEquals(0, chain.pendingCount());
  }

  @Test
  void anAccountUpdateChangesAuthoritiesMemoKeyAndOwnerHistory() throws Exception {
    PrivateKey newActive = PrivateKey.fromSeed("new-active");
    PrivateKey newOwner = PrivateKey.fromSeed("new-owner");
    PrivateKey newMemo = PrivateKey.fromSeed("new-memo");
    Authority active = keys(1, newActive);
    Authority owner = keys(1, newOwner);
    AccountUpdateOperation update = new AccountUpdateOperation(name("alice"), Optional.of(owner), Optional.of(active), Optional.empty(),
        Optional.of(newMemo.publicKey()), "{\"profile\":{}}");
    assertTrue(chain.broadcast(wallet.signed(update, key("alice", KeyRole.OWNER))).isAccepted());
    ChainAccount alice = chain.account(name("alice")).orElseThrow();
    assertEquals(owner, alice.owner());
    assertEquals(active, alice.active());
    assertEquals(Optional.of(newMemo.publicKey()), alice.memoKey());
    assertEquals(chain.headTime(), alice.lastOwnerUpdate());
    assertEquals("{\"profile\":{}}", alice.jsonMetadata());
    assertTrue(chain.broadcast(wallet.signed(transfer("alice", "bob", hive(1), ""), newActive)).isAccepted());
  }

  @Test
  void theSupplyIsTheSumOfBalancesAndTransfersKeepIt() {
    ChainProperties before = chain.properties();
    assertEquals(1_003_000_000L, before.currentSupply().amount());
    chain.broadcast(wallet.signed(transfer("initminer", "alice", hive(123_456), ""), Genesis.INIT_KEY));
    chain.produceBlock();
    assertEquals(before.currentSupply(), chain.properties().currentSupply());
    assertEquals(1_123_456L, chain.account(name("alice")).orElseThrow().hive().amount());
  }
}
