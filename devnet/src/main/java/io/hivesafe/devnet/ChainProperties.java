package io.hivesafe.devnet;

import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.BlockId;
import java.time.Instant;

/**
 * The devnet's dynamic global properties: head, its time, the last irreversible block, the block size
 * limit and the supply (the sum of all liquid balances, which only genesis creates).
 */
public record ChainProperties(
    long headBlockNumber, BlockId headBlockId, Instant time, long lastIrreversibleBlockNum, int maximumBlockSize,
    String currentWitness, Asset currentSupply, Asset currentHbdSupply) {}
