package io.hivesafe.ops;

import io.hivesafe.state.ValueCodec;
import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;

/**
 * Network-wide counters. {@code tokenSupply} never changes after genesis (the conservation check:
 * the sum of every account's token + gov + unlocking equals it). {@code depositedHive}/{@code Hbd} count
 * every deposit; the network's own pegged funds are {@code treasuryHive}/{@code Hbd}.
 */
public record Totals(long tokenSupply, long depositedHive, long depositedHbd, long treasuryHive, long treasuryHbd,
    long nextPayout, long nextProposal) {
  public Totals {
    ValueChecks.nonNegative("the totals", tokenSupply, depositedHive, depositedHbd, treasuryHive, treasuryHbd, nextPayout,
        nextProposal);
  }

  /** The canonical encoding (docs/state.md, "State schema"): the fields in declaration order. */
  public static final ValueCodec<Totals> CODEC = ValueCodec.of(
      (w, v) -> w.int64(v.tokenSupply()).int64(v.depositedHive()).int64(v.depositedHbd()).int64(v.treasuryHive()).int64(v.treasuryHbd()).int64(v.nextPayout()).int64(v.nextProposal()),
      r -> new Totals(r.int64(), r.int64(), r.int64(), r.int64(), r.int64(), r.int64(), r.int64()));


  public long treasury(PeggedAsset asset) {
    return asset == PeggedAsset.HIVE ? treasuryHive : treasuryHbd;
  }

  public Totals withTreasury(PeggedAsset asset, long v) {
    return asset == PeggedAsset.HIVE
        ? new Totals(tokenSupply, depositedHive, depositedHbd, v, treasuryHbd, nextPayout, nextProposal)
        : new Totals(tokenSupply, depositedHive, depositedHbd, treasuryHive, v, nextPayout, nextProposal);
  }

  public Totals deposited(PeggedAsset asset, long amount) {
    return asset == PeggedAsset.HIVE
        ? new Totals(tokenSupply, Math.addExact(depositedHive, amount), depositedHbd, treasuryHive, treasuryHbd, nextPayout, nextProposal)
        : new Totals(tokenSupply, depositedHive, Math.addExact(depositedHbd, amount), treasuryHive, treasuryHbd, nextPayout, nextProposal);
  }

  public Totals withNextPayout(long v) {
    return new Totals(tokenSupply, depositedHive, depositedHbd, treasuryHive, treasuryHbd, v, nextProposal);
  }

  public Totals withNextProposal(long v) {
    return new Totals(tokenSupply, depositedHive, depositedHbd, treasuryHive, treasuryHbd, nextPayout, v);
  }
}
