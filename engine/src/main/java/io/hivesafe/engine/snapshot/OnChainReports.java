package io.hivesafe.engine.snapshot;

import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcException;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.Report;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The reports for one report block R as the chain holds them: read from the irreversible blocks of R's
 * window (R, T], T = R + tally − report_offset, the blocks in which the core accepts reports for R. An
 * account's first report that passes the report operation's own checks ({@link Report#read}) is the one
 * that counts, as in the core, which refuses a second one.
 *
 * @param reportBlockId the chain's id of block R (to check that the snapshot followed this chain)
 * @param hashes account → the hash it reported for R
 * @param through the last block read: T, or the chain's last irreversible block if that comes first
 */
record OnChainReports(long reportBlock, BlockId reportBlockId, SortedMap<String, String> hashes, long through, long tallyBlock,
    long irreversible) {

  /** Whether every block in which a report for R can land has been read. */
  boolean complete() {
    return through >= tallyBlock;
  }

  static OnChainReports read(HiveRpcClient api, NetworkGenesis genesis, long reportBlock) throws Refused {
    return read(api, genesis, reportBlock, true);
  }

  /**
   * As {@link #read(HiveRpcClient, NetworkGenesis, long)}; with {@code withReports} false only block R is read
   * (its id), for a snapshot whose digest the operator gave: no report is read and {@code hashes} is empty.
   */
  static OnChainReports read(HiveRpcClient api, NetworkGenesis genesis, long reportBlock, boolean withReports) throws Refused {
    long tally = reportBlock + genesis.tallyInterval() - genesis.reportOffset();
    long irreversible;
    try {
      irreversible = api.getDynamicGlobalProperties().lastIrreversibleBlockNum();
    } catch (RpcException e) {
      throw new Refused(BootstrapException.Failure.API, "the Hive API did not answer: " + e.getMessage(), e);
    }
    if (irreversible < reportBlock) {
      throw new Refused(BootstrapException.Failure.TOO_EARLY, "the chain's last irreversible block " + irreversible
          + " is before the snapshot's block " + reportBlock + " (an API that lags behind, or a snapshot of another chain)");
    }
    long end = withReports ? Math.min(tally, irreversible) : reportBlock;
    BlockId reportBlockId = null;
    TreeMap<String, String> hashes = new TreeMap<>();
    long next = reportBlock;
    while (next <= end) {
      int count = (int) Math.min(HiveRpcClient.MAX_BLOCK_RANGE, end - next + 1);
      List<Block> blocks;
      try {
        blocks = api.getBlockRange(next, count);
      } catch (RpcException e) {
        throw new Refused(BootstrapException.Failure.API, "the Hive API failed to give blocks " + next + ".." + (next + count - 1)
            + ": " + e.getMessage(), e);
      }
      if (blocks.isEmpty()) {
        throw new Refused(BootstrapException.Failure.API, "the Hive API gave no block " + next + " although its last irreversible "
            + "block is " + irreversible);
      }
      for (Block block : blocks) {
        if (block.number() == reportBlock) {
          reportBlockId = block.id();
        } else {
          collect(genesis, block, hashes);
        }
      }
      next += blocks.size();
    }
    return new OnChainReports(reportBlock, reportBlockId, hashes, end, tally, irreversible);
  }

  private static void collect(NetworkGenesis genesis, Block block, Map<String, String> hashes) {
    for (BlockTransaction tx : block.transactions()) {
      for (Operation op : tx.transaction().operations()) {
        if (op instanceof CustomJsonOperation) {
          Report.read(genesis, (CustomJsonOperation) op, block.number())
              .ifPresent(r -> hashes.putIfAbsent(r.account(), r.hash()));
        }
      }
    }
  }
}
