package io.hivesafe.devnet;

import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.BlockId;
import java.time.Instant;

/**
 * The devnet's dynamic global properties: head, its time, the last irreversible block, the block size
 * limit and the supply (the sum of all liquid balances, which only genesis creates).
 */
public record ChainProperties(
    long headBlockNumber, BlockId headBlockId, Instant time, long lastIrreversibleBlockNum, int maximumBlockSize,
    String currentWitness, Asset currentSupply, Asset currentHbdSupply) {

  /**
   * hived's virtual_supply: the HIVE supply plus the HBD supply converted at the median feed price. The
   * devnet has no price feed; it counts 1 HBD as 1 HIVE.
   */
  public Asset virtualSupply() {
    return currentSupply.plus(Asset.of(currentHbdSupply.amount(), AssetSymbol.HIVE));
  }
}
