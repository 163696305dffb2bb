package io.hivesafe.ops;

/**
 * An alarm (DESIGN §3.5): kept in state under {@code alarms/<block>/<index>} (index = its feed entry's),
 * never pruned, the same on every node. {@code tx}/{@code op} locate the operation (empty/0 for a
 * block-level alarm); {@code operation} is its Hive name; {@code hive}/{@code hbd} what left the
 * account's liquid balance (milli-units, an {@link AlarmKind#OUTFLOW}); {@code round} the round named
 * (a {@link AlarmKind#STRAY_CONFIRMATION}); {@code detail} a short description for people.
 */
public record Alarm(long block, long index, String tx, long op, AlarmKind kind, String account, String operation, long hive,
    long hbd, long round, String detail) {}
