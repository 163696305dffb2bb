package io.hivesafe.state;

/** What a snapshot holds: the block it was taken at, the state digest, the entry count, its size. */
public record SnapshotInfo(long block, StateDigest digest, long entries, long bytes) {}
