package io.hivesafe.hive.protocol;

import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Seeded generator of valid transactions covering every modelled operation and edge of the encoding. */
public final class RandomTransactions {
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
  private final Random random;
  private final List<PublicKey> keys = new ArrayList<>();

  public RandomTransactions(long seed) {
    this.random = new Random(seed);
    for (int i = 0; i < 64; i++) {
      keys.add(PrivateKey.fromSeed("random-key-" + seed + "-" + i).publicKey());
    }
  }

  public Transaction next() {
    Transaction.Builder b = Transaction.builder()
        .refBlockNum(random.nextInt(0x10000))
        .refBlockPrefix(random.nextLong() & 0xffffffffL)
        .expiration(Instant.ofEpochSecond(random.nextLong() & 0xffffffffL));
    int ops = 1 + random.nextInt(4);
    for (int i = 0; i < ops; i++) {
      b.operation(operation());
    }
    return b.build();
  }

  public Operation operation() {
    return switch (random.nextInt(4)) {
      case 0 -> new TransferOperation(account(), account(), asset(), text(random.nextInt(3) == 0 ? 2047 : 40));
      case 1 -> new AccountUpdateOperation(account(), maybeAuthority(), maybeAuthority(), maybeAuthority(),
          random.nextBoolean() ? Optional.of(key()) : Optional.empty(), text(20));
      case 2 -> new AccountUpdate2Operation(account(), maybeAuthority(), maybeAuthority(), maybeAuthority(),
          random.nextBoolean() ? Optional.of(key()) : Optional.empty(), text(20), text(20));
      default -> new CustomJsonOperation(accounts(random.nextInt(3)), accounts(random.nextInt(3)),
          "id" + random.nextInt(1000), "{\"v\":\"" + text(30).replace("\\", "").replace("\"", "") + "\"}");
    };
  }

  public AccountName account() {
    int length = 3 + random.nextInt(14);
    StringBuilder s = new StringBuilder();
    s.append(LETTERS.charAt(random.nextInt(26)));
    while (s.length() < length - 1) {
      int r = random.nextInt(38);
      s.append(r < 26 ? LETTERS.charAt(r) : r < 36 ? (char) ('0' + r - 26) : '-');
    }
    s.append(LETTERS.charAt(random.nextInt(26)));
    return new AccountName(s.toString());
  }

  private List<AccountName> accounts(int n) {
    List<AccountName> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add(account());
    }
    return names;
  }

  public PublicKey key() {
    return keys.get(random.nextInt(keys.size()));
  }

  public Asset asset() {
    AssetSymbol symbol = random.nextBoolean() ? AssetSymbol.HIVE : AssetSymbol.HBD;
    long amount = switch (random.nextInt(4)) {
      case 0 -> 1;
      case 1 -> Long.MAX_VALUE;
      default -> 1 + (random.nextLong() & 0xffffffffffL);
    };
    return new Asset(amount, symbol);
  }

  private Optional<Authority> maybeAuthority() {
    return random.nextBoolean() ? Optional.of(authority()) : Optional.empty();
  }

  public Authority authority() {
    int nKeys = 1 + random.nextInt(40);
    List<Authority.KeyWeight> keyAuths = new ArrayList<>();
    for (int i = 0; i < nKeys; i++) {
      keyAuths.add(new Authority.KeyWeight(key(), 1 + random.nextInt(0xffff)));
    }
    List<Authority.AccountWeight> accountAuths = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      accountAuths.add(new Authority.AccountWeight(account(), 1 + random.nextInt(5)));
    }
    return new Authority(random.nextLong() & 0xffffffffL, accountAuths, keyAuths);
  }

  /** Random valid Unicode (including astral code points), never a lone surrogate. */
  public String text(int maxUtf8Bytes) {
    StringBuilder s = new StringBuilder();
    int bytes = 0;
    int target = random.nextInt(maxUtf8Bytes + 1);
    while (true) {
      int cp = switch (random.nextInt(4)) {
        case 0 -> 0x20 + random.nextInt(0x5f);
        case 1 -> 0xa0 + random.nextInt(0x700);
        case 2 -> 0x3040 + random.nextInt(0x6000);
        default -> 0x1f300 + random.nextInt(0x300);
      };
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > target) {
        return s.toString();
      }
      s.appendCodePoint(cp);
      bytes += size;
    }
  }
}
