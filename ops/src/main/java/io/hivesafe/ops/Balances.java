package io.hivesafe.ops;

import io.hivesafe.state.ValueCodec;
import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;

/**
 * One account's books, all in smallest units: liquid token, governance stake, stake on its way back
 * to liquid (unlocking), and the pegged HIVE and HBD it deposited into the multisig account.
 */
public record Balances(long token, long gov, long unlocking, long hive, long hbd) {
  /** The canonical encoding (docs/state.md, "State schema"): the fields in declaration order. */
  public static final ValueCodec<Balances> CODEC = ValueCodec.of(
      (w, v) -> w.int64(v.token()).int64(v.gov()).int64(v.unlocking()).int64(v.hive()).int64(v.hbd()),
      r -> new Balances(r.int64(), r.int64(), r.int64(), r.int64(), r.int64()));

  public static final Balances EMPTY = new Balances(0, 0, 0, 0, 0);

  public Balances {
    if (token < 0 || gov < 0 || unlocking < 0 || hive < 0 || hbd < 0) {
      throw new IllegalStateException("a balance went negative: " + token + "/" + gov + "/" + unlocking + "/" + hive + "/" + hbd);
    }
  }

  /** Whether the account holds nothing at all (its row is then deleted). */
  public boolean holdsNothing() {
    return token == 0 && gov == 0 && unlocking == 0 && hive == 0 && hbd == 0;
  }

  public Balances withToken(long v) {
    return new Balances(v, gov, unlocking, hive, hbd);
  }

  public Balances withGov(long v) {
    return new Balances(token, v, unlocking, hive, hbd);
  }

  public Balances withUnlocking(long v) {
    return new Balances(token, gov, v, hive, hbd);
  }

  public Balances withPegged(PeggedAsset asset, long v) {
    return asset == PeggedAsset.HIVE ? new Balances(token, gov, unlocking, v, hbd) : new Balances(token, gov, unlocking, hive, v);
  }

  public long pegged(PeggedAsset asset) {
    return asset == PeggedAsset.HIVE ? hive : hbd;
  }
}
