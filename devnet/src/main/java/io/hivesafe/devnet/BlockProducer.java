package io.hivesafe.devnet;

import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes the next block: takes the pending transactions that fit, signs the block as the witness, appends
 * it to the {@link BlockLog}, makes the waiting virtual transfers and records the block's operations in
 * account history. Not thread-safe; {@link DevnetChain} serialises access.
 */
final class BlockProducer {
  private final DevnetConfig config;
  private final SignatureScheme scheme;
  private final PrivateKey witnessKey = Genesis.INIT_KEY;
  private final ChainState state;
  private final BlockLog blocks;
  private final PendingPool pending;
  private final VirtualTransfers virtualTransfers;
  private final AccountHistory history;

  BlockProducer(DevnetConfig config, SignatureScheme scheme, ChainState state, BlockLog blocks, PendingPool pending,
      VirtualTransfers virtualTransfers, AccountHistory history) {
    this.config = config;
    this.scheme = scheme;
    this.state = state;
    this.blocks = blocks;
    this.pending = pending;
    this.virtualTransfers = virtualTransfers;
    this.history = history;
  }

  /** Produces the next block from the pending transactions (as many as fit in maximum_block_size). */
  ProducedBlock produce() {
    // A broadcast accepted after a virtual transfer was asked for may have spent its funds: refuse the
    // block (loudly, before any change) rather than make a balance negative.
    Optional<String> shortfall = virtualTransfers.shortfall();
    if (shortfall.isPresent()) {
      throw new IllegalStateException("cannot produce the next block: " + shortfall.get());
    }
    long number = blocks.size() + 1;
    BlockId previous = blocks.previousOfNext();
    Instant timestamp = config.genesis().genesisTime().plus(DevnetChain.BLOCK_INTERVAL.multipliedBy(number));
    List<PendingTransaction> chosen = pending.takeFitting(config.maximumBlockSize());
    List<byte[]> signed = new ArrayList<>();
    List<BlockTransaction> transactions = new ArrayList<>();
    for (PendingTransaction p : chosen) {
      signed.add(p.signedBytes());
      transactions.add(new BlockTransaction(p.id(), p.transaction()));
    }
    byte[] merkle = BlockHeaders.merkleRoot(signed);
    byte[] header = BlockHeaders.header(previous, timestamp, DevnetChain.WITNESS, merkle);
    BlockId id = BlockHeaders.id(number, header);
    ProducedBlock block = new ProducedBlock(new Block(id, previous, timestamp, DevnetChain.WITNESS, transactions), merkle,
        BlockHeaders.digest(header), witnessKey, scheme);
    blocks.append(block, chosen);
    recordHistory(number, timestamp, chosen);
    pending.recountCustomOps(state);
    state.forgetExpired(timestamp);
    return block;
  }

  /**
   * Records block {@code number}'s operations in account history in the order hived applies them
   * (database::_apply_block): in block 1 first the account_created virtual operation of every genesis
   * account (process_genesis_accounts), then each transaction's operations, then the virtual transfers
   * (which are also made now). Outside a transaction hived numbers virtual operations 1, 2, … per block;
   * it also pays a producer_reward before them, which the devnet, holding no vests, does not.
   */
  private void recordHistory(long number, Instant timestamp, List<PendingTransaction> chosen) {
    int counter = 0;
    if (number == 1) {
      for (GenesisAccount account : config.genesis().accounts()) {
        history.record(HistoryEntry.ofBlock(number, ++counter, timestamp, new AccountCreatedOperation(account.name())));
      }
    }
    for (int i = 0; i < chosen.size(); i++) {
      PendingTransaction p = chosen.get(i);
      List<Operation> ops = p.transaction().operations();
      for (int j = 0; j < ops.size(); j++) {
        history.record(HistoryEntry.inTransaction(p.id(), number, i, j, timestamp, new TransactionOperation(ops.get(j))));
      }
    }
    virtualTransfers.make(number, timestamp, history);
  }
}
