package io.hivesafe.ops;

/**
 * Network-wide counters. {@code tokenSupply} never changes after genesis (the conservation check:
 * the sum of every account's token + gov + unlocking equals it). {@code depositedHive}/{@code Hbd} count
 * every deposit; the network's own pegged funds are {@code treasuryHive}/{@code Hbd}.
 */
public record Totals(long tokenSupply, long depositedHive, long depositedHbd, long treasuryHive, long treasuryHbd,
    long nextPayout, long nextProposal) {

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
