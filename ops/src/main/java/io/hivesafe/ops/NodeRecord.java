package io.hivesafe.ops;

/**
 * A registered node. {@code key} is its multisig public key (STM form), verified by a proof of
 * possession in block {@code keyBlock} (the start block for a genesis node). {@code age} grows by one
 * per tally in consensus, halves on a wrong hash, loses a quarter on a missed report and starts again
 * at 0 when the key changes; {@code missed} counts reports missed in a row ({@code max_missed} of them
 * fault the node). {@code unbondBlock} is the first block at which its governance stake may unlock
 * again after its key left the multisig authority (0: never held back).
 */
public record NodeRecord(String account, String key, long registeredBlock, long keyBlock, long age, long missed,
    long lastReportBlock, long unbondBlock) {

  /** Whether {@code maxMissed} reports in a row were missed. */
  public boolean faulted(long maxMissed) {
    return missed >= maxMissed;
  }

  /** A new key, proven in {@code block}: the age starts again (an aged identity cannot be handed over). */
  public NodeRecord withKey(String newKey, long block) {
    return new NodeRecord(account, newKey, registeredBlock, block, 0, missed, lastReportBlock, unbondBlock);
  }

  public NodeRecord afterTally(long newAge, long newMissed) {
    return new NodeRecord(account, key, registeredBlock, keyBlock, newAge, newMissed, lastReportBlock, unbondBlock);
  }

  public NodeRecord reported(long block) {
    return new NodeRecord(account, key, registeredBlock, keyBlock, age, missed, block, unbondBlock);
  }

  public NodeRecord unbondingUntil(long block) {
    return new NodeRecord(account, key, registeredBlock, keyBlock, age, missed, lastReportBlock, Math.max(unbondBlock, block));
  }
}
