package io.hivesafe.hive.protocol;

/**
 * The two binary packings hived accepts for an asset. LEGACY (int64 + precision + 7-byte name) is what
 * dhive, hive-tx and beem sign; HF26 (int64 + u32 asset number) is what wax and hived's HF26 API sign.
 * The transaction id follows the packing its signers used.
 */
public enum AssetPacking {
  LEGACY,
  HF26
}
