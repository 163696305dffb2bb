package io.hivesafe.engine.source;

import io.hivesafe.engine.CapturedEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.devnet.Admission;
import io.hivesafe.devnet.Devnet;
import io.hivesafe.devnet.DevnetConfig;
import io.hivesafe.devnet.FailureKind;
import io.hivesafe.devnet.FaultPlan;
import io.hivesafe.devnet.Genesis;
import io.hivesafe.devnet.JsonRpcServer;
import io.hivesafe.devnet.ProducedBlock;
import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.protocol.WireFormat;
import io.hivesafe.hive.rpc.RpcConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The RPC block source against the devnet over HTTP, under faults: three endpoints, at every moment one
 * failing 30% of its requests (HTTP 503, JSON-RPC -32603, connection closed; with latency), one healthy
 * and one stopped. The roles move from endpoint to endpoint every 100 blocks, so that the endpoint the
 * client has settled on meets each fault in turn (a client that stays with an endpoint that answers
 * would otherwise leave the flaky one after its first failure and never see it again). The chain grows in steps while the source runs, with
 * transfers in its blocks; every block must come out once, in order, equal to the devnet's.
 */
class RpcBlockSourceDevnetTest {
  private static final int BLOCKS = 2_500;
  private static final int STEP = 100;
  private static final int PHASE = 100;
  private static final long SEED = 20_260_101L;
  private static final SignatureScheme SCHEME = new Secp256k1Signatures();
  private static final String[] ACCOUNTS = {"alice", "bob", "carol"};

  @Test
  void everyBlockOnceInOrderUnderFaults_seed20260101() throws Exception {
    CapturedEvents captured = new CapturedEvents();
    try (Devnet devnet = Devnet.start(DevnetConfig.testnet(), Duration.ZERO, 0)) {
      List<JsonRpcServer> endpoints = List.of(devnet.endpoint(0), devnet.addEndpoint(FaultPlan.NONE), devnet.addEndpoint(FaultPlan.NONE));
      List<URI> urls = endpoints.stream().map(JsonRpcServer::url).toList();
      RpcConfig rpc = new RpcConfig(urls, Duration.ofSeconds(5), 3, Duration.ofMillis(1), Duration.ofMillis(20));
      BlockSourceConfig config = BlockSourceConfig.defaults()
          .withBatchSize(200)
          .withQueueCapacity(300)
          .withPollInterval(Duration.ofMillis(20))
          .withBackoff(Duration.ofMillis(1), Duration.ofMillis(50));

      List<Block> taken = new ArrayList<>();
      int transfers = 0;
      try (RpcBlockSource source = RpcBlockSource.overRpc(config, rpc, 1, Optional.empty(), captured.events).start()) {
        for (int stepped = 0; stepped < BLOCKS; stepped += STEP) {
          if (stepped % PHASE == 0) {
            assignRoles(endpoints, stepped / PHASE);
          }
          for (int i = 0; i < 2; i++) {
            Admission admission = devnet.chain().broadcast(transfer(devnet, transfers++));
            assertTrue(admission.isAccepted(), admission.toString());
          }
          devnet.step(STEP);
          long lib = devnet.chain().lastIrreversibleBlockNumber();
          taken.addAll(Consume.through(source, lib));
        }
        assertEquals(Optional.empty(), source.poll(Duration.ofMillis(100)), "nothing above the last irreversible block");
      }

      long lib = devnet.chain().lastIrreversibleBlockNumber();
      assertEquals(BLOCKS + 1 - DevnetConfig.DEFAULT_IRREVERSIBLE_LAG, lib);
      assertEquals(lib, taken.size(), "one block per number");
      int transactions = 0;
      for (int i = 0; i < taken.size(); i++) {
        Block block = taken.get(i);
        ProducedBlock produced = devnet.chain().block(i + 1).orElseThrow();
        assertEquals(i + 1, block.number());
        assertEquals(produced.id(), block.id(), "block " + (i + 1));
        assertEquals(ids(produced.transactions()), ids(block.transactions()), "transactions of block " + (i + 1));
        transactions += block.transactions().size();
      }
      assertEquals(transfers, transactions, "every transfer is in a block handed on");
    }
  }

  /**
   * Phase k: endpoint k%3 fails 30% of requests, (k+1)%3 is healthy, (k+2)%3 is stopped. The client
   * stays with an endpoint that answers and moves to the next one when it fails, so the one it settled on
   * in phase k (the healthy one) turns flaky in phase k+1, and the next it moves to is healthy.
   */
  private static void assignRoles(List<JsonRpcServer> endpoints, int phase) throws Exception {
    JsonRpcServer flaky = endpoints.get(phase % 3);
    JsonRpcServer healthy = endpoints.get((phase + 1) % 3);
    JsonRpcServer down = endpoints.get((phase + 2) % 3);
    flaky.start();
    flaky.setFaults(FaultPlan.NONE.withErrors(300, FailureKind.values())
        .withLatency(Duration.ofMillis(2), Duration.ofMillis(8))
        .withSeed(SEED + phase));
    down.stop();
    healthy.start();
    healthy.setFaults(FaultPlan.NONE);
  }

  /** 0.001 HIVE between the genesis accounts, referencing the head block. */
  private static Transaction transfer(Devnet devnet, int n) {
    String from = ACCOUNTS[n % 3];
    String to = ACCOUNTS[(n + 1) % 3];
    ProducedBlock head = devnet.chain().head();
    Transaction tx = Transaction.builder()
        .referenceBlock(head.id())
        .expiration(head.timestamp().plusSeconds(600))
        .operation(new TransferOperation(AccountName.of(from), AccountName.of(to), Asset.of(1, AssetSymbol.HIVE), "n" + n))
        .build();
    PrivateKey key = PrivateKey.fromPassword(from, KeyRole.ACTIVE, Genesis.TEST_PASSWORD);
    return tx.withSignatures(List.of(SCHEME.sign(key, tx.digest(ChainId.TESTNET, WireFormat.TESTNET))));
  }

  private static List<String> ids(List<BlockTransaction> transactions) {
    return transactions.stream().map(t -> t.id().toString()).toList();
  }
}
