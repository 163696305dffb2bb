package io.hivesafe.ops;

/**
 * A node removed by governance: it may not register again before {@code bannedUntil}, and while its
 * last key is still in the multisig authority (or until {@code unbondBlock}) its stake stays locked,
 * exactly as if it were still registered.
 */
public record RemovedNode(String account, String key, long removedBlock, long bannedUntil, long unbondBlock) {
  public RemovedNode unbondingUntil(long block) {
    return new RemovedNode(account, key, removedBlock, bannedUntil, Math.max(unbondBlock, block));
  }
}
