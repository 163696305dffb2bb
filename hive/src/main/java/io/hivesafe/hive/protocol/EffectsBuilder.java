package io.hivesafe.hive.protocol;

import io.hivesafe.hive.HiveFormatException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Collects one operation's {@link OperationEffects}. Debits of the same account and asset add up (escrow
 * amount plus fee) and are listed by account, then HIVE before HBD; zero, negative and VESTS amounts are
 * no debit of a liquid balance and are left out.
 */
final class EffectsBuilder {
  private final List<AccountName> owner = new ArrayList<>(1);
  private final List<AccountName> active = new ArrayList<>(1);
  private final List<AccountName> posting = new ArrayList<>(1);
  private final List<Authority> authorities = new ArrayList<>(0);
  private Optional<AccountName> recoveryTarget = Optional.empty();
  private final Map<DebitKey, Long> debits = new TreeMap<>(DebitKey.ORDER);

  private record DebitKey(AccountName account, AssetSymbol symbol) {
    static final Comparator<DebitKey> ORDER =
        Comparator.comparing(DebitKey::account).thenComparing(DebitKey::symbol);
  }

  EffectsBuilder owner(AccountName account) {
    owner.add(account);
    return this;
  }

  EffectsBuilder active(AccountName account) {
    active.add(account);
    return this;
  }

  EffectsBuilder posting(AccountName account) {
    posting.add(account);
    return this;
  }

  EffectsBuilder authority(Authority authority) {
    authorities.add(authority);
    return this;
  }

  EffectsBuilder recoveryTarget(AccountName account) {
    recoveryTarget = Optional.of(account);
    return this;
  }

  EffectsBuilder debit(AccountName account, Asset amount) {
    if (amount.amount() <= 0 || amount.symbol() == AssetSymbol.VESTS) {
      return this;
    }
    DebitKey key = new DebitKey(account, amount.symbol());
    Long before = debits.get(key);
    long sum;
    try {
      sum = before == null ? amount.amount() : Math.addExact(before, amount.amount());
    } catch (ArithmeticException e) {
      throw new HiveFormatException("the " + amount.symbol() + " taken from " + account + " overflows int64", e);
    }
    debits.put(key, sum);
    return this;
  }

  OperationEffects build() {
    List<OperationEffects.Debit> list = new ArrayList<>(debits.size());
    debits.forEach((key, units) -> list.add(new OperationEffects.Debit(key.account(), new Asset(units, key.symbol()))));
    return new OperationEffects(owner, active, posting, authorities, recoveryTarget, list);
  }
}
