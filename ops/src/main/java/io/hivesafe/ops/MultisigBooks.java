package io.hivesafe.ops;

/**
 * The multisig lifecycle's counters: the next round's number, what confirmed transactions paid out,
 * the block of the last confirmed key rotation, and how many rounds were confirmed and expired.
 */
public record MultisigBooks(long nextSeq, long paidHive, long paidHbd, long lastRotationBlock, long confirmed, long expired) {
  public static final MultisigBooks START = new MultisigBooks(1, 0, 0, 0, 0, 0);

  MultisigBooks built() {
    return new MultisigBooks(nextSeq + 1, paidHive, paidHbd, lastRotationBlock, confirmed, expired);
  }

  MultisigBooks afterConfirmation(long hive, long hbd, long rotationBlock) {
    return new MultisigBooks(nextSeq, Math.addExact(paidHive, hive), Math.addExact(paidHbd, hbd), rotationBlock,
        confirmed + 1, expired);
  }

  MultisigBooks afterExpiry() {
    return new MultisigBooks(nextSeq, paidHive, paidHbd, lastRotationBlock, confirmed, expired + 1);
  }
}
