package io.hivesafe.ops;

import java.util.List;

/**
 * The multisig account's active authority as last seen on chain (genesis, then every account_update
 * of the account in the stream): its keys in STM form, sorted, each of weight 1 for the network's
 * purposes, the threshold, and the block it was seen in.
 */
public record MultisigAuthority(long threshold, List<String> keys, long seenBlock) {
  public MultisigAuthority {
    keys = List.copyOf(keys);
  }
}
