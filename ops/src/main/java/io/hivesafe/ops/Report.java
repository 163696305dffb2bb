package io.hivesafe.ops;

/**
 * A node's report for block {@code block}: its state digest after that block (hex) and its proposed
 * multisig header. {@code landed} is the block the report was applied in.
 */
public record Report(String account, long block, String hash, long refBlockNum, long refBlockPrefix, String expiration,
    String version, long landed) {}
