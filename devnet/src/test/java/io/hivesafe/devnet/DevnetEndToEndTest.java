package io.hivesafe.devnet;

import static io.hivesafe.devnet.DevnetWallet.HF26;
import static io.hivesafe.devnet.DevnetWallet.LEGACY;
import static io.hivesafe.devnet.DevnetWallet.hive;
import static io.hivesafe.devnet.DevnetWallet.key;
import static io.hivesafe.devnet.DevnetWallet.keys;
import static io.hivesafe.devnet.DevnetWallet.name;
import static io.hivesafe.devnet.DevnetWallet.sign;
import static io.hivesafe.devnet.DevnetWallet.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.authority.TestChain;
import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransactionId;
import io.hivesafe.hive.protocol.WireFormat;
import io.hivesafe.hive.rpc.AccountInfo;
import io.hivesafe.hive.rpc.DynamicGlobalProperties;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.hive.rpc.RpcErrorException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The project's own protocol client drives the devnet over HTTP with the genesis accounts: a transfer,
 * an update of alice's active authority to 2-of-3, then funds moved with a 2-of-3 signed transaction.
 */
class DevnetEndToEndTest {
  private Devnet devnet;
  private HiveRpcClient client;

  @BeforeEach
  void start() throws Exception {
    devnet = Devnet.start(DevnetConfig.testnet(), Duration.ZERO, 0);
    client = new HiveRpcClient(RpcConfig.withEndpoints(List.of(devnet.url(0))));
  }

  @AfterEach
  void stop() {
    client.close();
    devnet.close();
  }

  private TransactionId broadcastAndStep(Transaction tx, WireFormat packing) throws Exception {
    client.broadcastTransaction(tx);
    devnet.step(1);
    TransactionId id = tx.id(packing);
    DynamicGlobalProperties head = client.getDynamicGlobalProperties();
    Block block = client.getBlock(head.headBlockNumber()).orElseThrow();
    assertTrue(block.transactions().stream().anyMatch(t -> t.id().equals(id)), "transaction " + id + " is in block " + head.headBlockNumber());
    return id;
  }

  private Transaction unsigned(Operation op) throws Exception {
    DynamicGlobalProperties head = client.getDynamicGlobalProperties();
    return Transaction.builder().referenceBlock(head.headBlockId()).expiration(head.time().plusSeconds(120)).operation(op).build();
  }

  private AccountInfo account(String name) throws Exception {
    return client.findAccounts(List.of(AccountName.of(name))).get(0);
  }

  @Test
  void transferThenTwoOfThreeAuthorityThenTwoOfThreeTransfer() throws Exception {
    assertEquals(28, client.getHardforkVersion().hardfork());
    long aliceStart = account("alice").balance().amount();
    long bobStart = account("bob").balance().amount();

    // 1. a plain transfer signed by alice's active key (HF26 packing, as the client sends HF26 JSON)
    broadcastAndStep(sign(unsigned(transfer("alice", "bob", hive(10_000), "hello")), HF26, key("alice", KeyRole.ACTIVE)), HF26);
    assertEquals(aliceStart - 10_000, account("alice").balance().amount());
    assertEquals(bobStart + 10_000, account("bob").balance().amount());

    // 2. alice's active authority becomes 2-of-3 (signed in the legacy packing: both are accepted)
    List<PrivateKey> signers = TestChain.sortedKeys("e2e-multisig", 3);
    Authority twoOfThree = keys(2, signers.get(0), signers.get(1), signers.get(2));
    Operation update = new AccountUpdateOperation(name("alice"), Optional.empty(), Optional.of(twoOfThree), Optional.empty(),
        Optional.empty(), "");
    broadcastAndStep(sign(unsigned(update), LEGACY, key("alice", KeyRole.ACTIVE)), LEGACY);
    assertEquals(twoOfThree, account("alice").active());

    // 3. one signer is not enough; the old key no longer works; two of three move the funds
    Transaction payout = unsigned(transfer("alice", "carol", hive(2_500), "2-of-3"));
    RpcErrorException one = assertThrows(RpcErrorException.class, () -> client.broadcastTransaction(sign(payout, HF26, signers.get(2))));
    assertTrue(one.message().contains("Missing Active Authority alice"), one.message());
    RpcErrorException old = assertThrows(RpcErrorException.class,
        () -> client.broadcastTransaction(sign(payout, HF26, key("alice", KeyRole.ACTIVE))));
    assertTrue(old.message().contains("Missing Active Authority alice"), old.message());
    long carolBefore = account("carol").balance().amount();
    broadcastAndStep(sign(payout, HF26, signers.get(0), signers.get(2)), HF26);
    assertEquals(carolBefore + 2_500, account("carol").balance().amount());
    assertEquals(aliceStart - 12_500, account("alice").balance().amount());

    // the same transaction again is a duplicate, with hived's text the client recognises
    RpcErrorException dup = assertThrows(RpcErrorException.class,
        () -> client.broadcastTransaction(sign(payout, HF26, signers.get(0), signers.get(1))));
    assertTrue(dup.isDuplicateTransaction(), dup.message());

    // the blocks read back link, one by one and as a range
    List<Block> range = client.getBlockRange(1, (int) client.getDynamicGlobalProperties().headBlockNumber());
    for (int i = 1; i < range.size(); i++) {
      assertEquals(range.get(i - 1).id(), range.get(i).previous());
    }
  }
}
