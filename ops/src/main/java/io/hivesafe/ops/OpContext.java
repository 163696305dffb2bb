package io.hivesafe.ops;

import java.time.Instant;

/**
 * Where an operation sits: the block (number and time), the transaction id, the operation's index in
 * it, the sender (the first account of the authority it was signed with) and whether that authority
 * was active ({@code required_auths}) rather than posting.
 */
public record OpContext(long block, Instant time, String tx, int op, String sender, boolean active) {}
