package io.hivesafe.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.devnet.Devnet;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.protocol.WireFormat;
import io.hivesafe.hive.rpc.AccountHistoryEntry;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.testkit.cluster.DevnetCluster;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficUser;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading the multisig account's history after a block from the devnet's account_history_api: whatever
 * the page size, the same entries, oldest first, exactly those of the blocks after the block — including
 * a virtual operation of a block and the entries of blocks not yet irreversible.
 */
class RpcAccountChainTest {
  @Test
  void everyPageSizeReadsTheSameEntriesAfterTheBlock() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 1);
    try (Devnet devnet = Devnet.start(net.devnetConfig(), Duration.ZERO, 0);
        HiveRpcClient api = new HiveRpcClient(RpcConfig.withEndpoints(List.of(devnet.url(0))))) {
      TrafficUser user = net.users().get(0);
      for (int block = 2; block <= 12; block++) {
        for (int i = 0; i < block % 3; i++) {
          var p = devnet.chain().properties();
          Transaction tx = Transaction.builder().referenceBlock(p.headBlockId()).expiration(p.time().plusSeconds(60))
              .operations(List.of(new TransferOperation(user.name(), TrafficNetwork.MULTISIG, Asset.of(1_000 + i, AssetSymbol.HIVE),
                  "n" + block))).build();
          CompactSignature sig = DevnetCluster.CRYPTO.sign(user.activeKey(), tx.digest(net.network().chainId(), WireFormat.HF26));
          assertTrue(devnet.chain().broadcast(tx.withSignatures(List.of(sig))).isAccepted());
        }
        if (block == 7) {
          devnet.chain().virtualTransfer(TrafficNetwork.MULTISIG, user.name(), Asset.of(5, AssetSymbol.HIVE));
        }
        devnet.chain().produceBlock();
      }
      List<AccountHistoryEntry> all = new RpcAccountChain(api, TrafficNetwork.MULTISIG, 1000).historyAfter(0);
      assertEquals(devnet.chain().accountHistorySize(TrafficNetwork.MULTISIG, true), all.size(), "the whole history, block 1 on");
      for (long after : new long[] {0, 1, 4, 7, 11, 12}) {
        List<AccountHistoryEntry> want = all.stream().filter(e -> e.block() > after).toList();
        for (int page : new int[] {1, 2, 3, 250}) {
          List<AccountHistoryEntry> got = new RpcAccountChain(api, TrafficNetwork.MULTISIG, page).historyAfter(after);
          assertEquals(want, got, "after block " + after + ", pages of " + page);
        }
      }
      List<AccountHistoryEntry> after6 = new RpcAccountChain(api, TrafficNetwork.MULTISIG, 2).historyAfter(6);
      assertTrue(after6.stream().anyMatch(e -> e.virtualOp() && e.block() == 7 && e.trxInBlock() == -1),
          "the virtual transfer, after the block's transactions: " + after6);
      long irreversible = devnet.chain().properties().lastIrreversibleBlockNum();
      assertTrue(after6.stream().anyMatch(e -> e.block() > irreversible), "reversible blocks included: " + irreversible);
    }
  }
}
