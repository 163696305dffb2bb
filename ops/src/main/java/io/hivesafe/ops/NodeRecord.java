package io.hivesafe.ops;

/**
 * A registered node. {@code key} is its multisig public key (STM form), verified by a proof of
 * possession when registered. {@code age} grows by one per tally in consensus and halves on a wrong
 * hash; {@code missed} counts reports missed in a row (two or more: faulted).
 */
public record NodeRecord(String account, String key, long registeredBlock, long age, long missed, long lastReportBlock) {
  public static final long FAULT_AFTER_MISSED = 2;

  public boolean faulted() {
    return missed >= FAULT_AFTER_MISSED;
  }

  public NodeRecord withKey(String newKey) {
    return new NodeRecord(account, newKey, registeredBlock, age, missed, lastReportBlock);
  }

  public NodeRecord afterTally(long newAge, long newMissed) {
    return new NodeRecord(account, key, registeredBlock, newAge, newMissed, lastReportBlock);
  }

  public NodeRecord reported(long block) {
    return new NodeRecord(account, key, registeredBlock, age, missed, block);
  }
}
