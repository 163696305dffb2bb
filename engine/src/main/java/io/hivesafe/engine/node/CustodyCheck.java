package io.hivesafe.engine.node;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.rpc.AccountInfo;
import io.hivesafe.hive.rpc.DynamicGlobalProperties;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcException;
import io.hivesafe.ops.BlockOutcome;
import io.hivesafe.ops.Custody;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.PeggedAsset;
import io.hivesafe.state.StateStore;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shell's custody check (DESIGN §3.5): the multisig account's balance on chain must equal the
 * books — genesis treasury + deposits − confirmed payouts ({@link Custody#books}). The API answers at
 * its head while the node has committed an older (irreversible) block, so the check adds the transfers
 * into and out of the account in the blocks between, read from the same API; it retries when the head
 * moves while it asks. The result is logged ({@link NodeEvents}) and kept for the API and metrics; it is
 * never written into state — consensus cannot depend on what one API node says.
 *
 * <p>Anything else that moves the account's balance (a reward claim, savings, an escrow — nothing our
 * rounds do) shows as a difference: that is the point.
 */
public final class CustodyCheck implements AutoCloseable {
  /** A node further behind the head than this is catching up: it checks once it is close. */
  static final long MAX_BLOCKS_BEHIND = 300;
  private static final int ATTEMPTS = 3;
  private static final int RANGE = 100;

  private final NetworkGenesis genesis;
  private final StateStore store;
  private final HiveRpcClient api;
  private final NodeEvents events;
  private final AtomicReference<CustodyReport> last = new AtomicReference<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "hivesafe-custody-check");
    t.setDaemon(true);
    return t;
  });

  public CustodyCheck(NetworkGenesis genesis, StateStore store, HiveRpcClient api, NodeEvents events) {
    this.genesis = genesis;
    this.store = store;
    this.api = api;
    this.events = events;
  }

  /** A commit listener that runs a check in the background after each tally block (one at a time). */
  public SidechainNode.CommitListener afterTallies() {
    return (block, outcome) -> scheduleAfter(block, outcome);
  }

  private void scheduleAfter(long block, BlockOutcome outcome) {
    if (genesis.isTallyBlock(block) && running.compareAndSet(false, true)) {
      worker.execute(() -> {
        try {
          check();
        } finally {
          running.set(false);
        }
      });
    }
  }

  /** The last completed check, if any. */
  public Optional<CustodyReport> lastReport() {
    return Optional.ofNullable(last.get());
  }

  /** Runs one check now, on the caller's thread; empty (with the reason logged) if it could not be made. */
  public Optional<CustodyReport> check() {
    Snapshot s = store.read(r -> new Snapshot(store.lastBlock(), Custody.books(r, genesis)));
    if (s.block().isEmpty()) {
      return unchecked(0, "nothing committed yet");
    }
    long block = s.block().getAsLong();
    try {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        DynamicGlobalProperties before = api.getDynamicGlobalProperties();
        long head = before.headBlockNumber();
        if (head < block) {
          return unchecked(block, "the API's head " + head + " is behind this node");
        }
        if (head - block > MAX_BLOCKS_BEHIND) {
          return unchecked(block, "this node is " + (head - block) + " blocks behind the head");
        }
        List<AccountInfo> found = api.findAccounts(List.of(genesis.multisigAccount()));
        if (api.getDynamicGlobalProperties().headBlockNumber() != head) {
          continue;
        }
        if (found.isEmpty()) {
          return unchecked(block, "the API does not know the account " + genesis.multisigAccount());
        }
        Optional<long[]> pending = transfersBetween(block + 1, head);
        if (pending.isEmpty()) {
          continue;
        }
        AccountInfo account = found.get(0);
        CustodyReport report = new CustodyReport(block, head, s.books().hive(), s.books().hbd(), pending.get()[0],
            pending.get()[1], account.balance().amount(), account.hbdBalance().amount());
        last.set(report);
        if (report.matches()) {
          events.custodyMatches(report);
        } else {
          events.custodyDiffers(report);
        }
        return Optional.of(report);
      }
      return unchecked(block, "the head moved during each of " + ATTEMPTS + " attempts");
    } catch (RpcException | HiveFormatException e) {
      return unchecked(block, "the API failed: " + e.getMessage());
    }
  }

  /** Net HIVE and HBD into the multisig account in blocks {@code from..to}; empty if the API did not return them all. */
  private Optional<long[]> transfersBetween(long from, long to) throws RpcException {
    long[] net = new long[2];
    long next = from;
    while (next <= to) {
      int count = (int) Math.min(RANGE, to - next + 1);
      List<Block> blocks = api.getBlockRange(next, count);
      if (blocks.size() != count) {
        return Optional.empty();
      }
      for (Block b : blocks) {
        for (BlockTransaction tx : b.transactions()) {
          for (Operation op : tx.transaction().operations()) {
            add(net, op);
          }
        }
      }
      next += count;
    }
    return Optional.of(net);
  }

  private void add(long[] net, Operation op) {
    if (!(op instanceof TransferOperation)) {
      return;
    }
    TransferOperation t = (TransferOperation) op;
    PeggedAsset asset = PeggedAsset.of(t.amount().symbol());
    boolean in = t.to().equals(genesis.multisigAccount());
    boolean out = t.from().equals(genesis.multisigAccount());
    if (asset == null || in == out) {
      return;
    }
    net[asset.ordinal()] += in ? t.amount().amount() : -t.amount().amount();
  }

  private Optional<CustodyReport> unchecked(long block, String reason) {
    events.custodyUnchecked(block, reason);
    return Optional.empty();
  }

  private record Snapshot(OptionalLong block, Custody.Balance books) {}

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
