package io.hivesafe.ops;

import io.hivesafe.state.ValueCodec;
import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;

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
  public NodeRecord {
    ValueChecks.account("a node", account);
    ValueChecks.nonNegative("a node record", registeredBlock, keyBlock, age, missed, lastReportBlock, unbondBlock);
    if (!key.startsWith("STM")) {
      throw new IllegalArgumentException("a node's key is an STM public key, not " + key);
    }
  }

  /** The canonical encoding (docs/state.md, "State schema"): the fields in declaration order. */
  public static final ValueCodec<NodeRecord> CODEC = ValueCodec.of(
      (w, v) -> w.text(v.account()).text(v.key()).int64(v.registeredBlock()).int64(v.keyBlock()).int64(v.age()).int64(v.missed()).int64(v.lastReportBlock()).int64(v.unbondBlock()),
      r -> new NodeRecord(r.text(), r.text(), r.int64(), r.int64(), r.int64(), r.int64(), r.int64(), r.int64()));


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
