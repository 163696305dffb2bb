package io.hivesafe.hive.authority;

import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.protocol.WireFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Accounts with real keys on the hived testnet chain id; transactions signed for real (the devnet's tests use it too). */
public final class TestChain {
  static final SignatureScheme SCHEME = new Secp256k1Signatures();
  static final ChainId CHAIN = ChainId.TESTNET;
  static final WireFormat FORMAT = WireFormat.TESTNET;
  private static final Instant EXPIRATION = Instant.parse("2025-03-01T12:00:00Z");

  private final Map<AccountName, AccountAuthorities> accounts = new TreeMap<>();

  static AccountName name(String value) {
    return AccountName.of(value);
  }

  static PrivateKey key(String account, KeyRole role) {
    return PrivateKey.fromPassword(account, role, "password");
  }

  /** Keys made from seeds, sorted by their public key (so index 0 is A, 1 is B, …). */
  public static List<PrivateKey> sortedKeys(String seedPrefix, int count) {
    List<PrivateKey> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(PrivateKey.fromSeed(seedPrefix + "-" + i));
    }
    keys.sort((a, b) -> a.publicKey().compareTo(b.publicKey()));
    return keys;
  }

  static Authority keys(long threshold, PrivateKey... members) {
    List<Authority.KeyWeight> weights = new ArrayList<>();
    for (PrivateKey member : members) {
      weights.add(new Authority.KeyWeight(member.publicKey(), 1));
    }
    return new Authority(threshold, List.of(), weights);
  }

  public static Authority accounts(long threshold, String... members) {
    List<Authority.AccountWeight> weights = new ArrayList<>();
    for (String member : members) {
      weights.add(new Authority.AccountWeight(name(member), 1));
    }
    return new Authority(threshold, weights, List.of());
  }

  /** An account whose owner/active/posting are single keys from its password "password". */
  TestChain withPasswordAccount(String account) {
    return with(account,
        keys(1, key(account, KeyRole.OWNER)),
        keys(1, key(account, KeyRole.ACTIVE)),
        keys(1, key(account, KeyRole.POSTING)));
  }

  /** An account whose active authority is {@code active}; owner and posting from its password. */
  TestChain withActive(String account, Authority active) {
    return with(account, keys(1, key(account, KeyRole.OWNER)), active, keys(1, key(account, KeyRole.POSTING)));
  }

  TestChain with(String account, Authority owner, Authority active, Authority posting) {
    accounts.put(name(account), new AccountAuthorities(owner, active, posting));
    return this;
  }

  Optional<AccountAuthorities> lookup(AccountName account) {
    return Optional.ofNullable(accounts.get(account));
  }

  static Transaction unsigned(Operation... operations) {
    return Transaction.builder()
        .refBlockNum(1091)
        .refBlockPrefix(744543291L)
        .expiration(EXPIRATION)
        .operations(Arrays.asList(operations))
        .build();
  }

  static byte[] digest(Transaction transaction) {
    return transaction.digest(CHAIN, FORMAT);
  }

  static CompactSignature signature(Transaction transaction, PrivateKey key) {
    return SCHEME.sign(key, digest(transaction));
  }

  static Transaction signed(Transaction transaction, PrivateKey... keys) {
    List<CompactSignature> signatures = new ArrayList<>();
    for (PrivateKey key : keys) {
      signatures.add(signature(transaction, key));
    }
    return transaction.withSignatures(signatures);
  }

  static TransferOperation transfer(String from, String to) {
    return new TransferOperation(name(from), name(to), Asset.of(1000, AssetSymbol.HIVE), "");
  }

  AuthorityCheck verify(SignatureRules rules, Transaction transaction) {
    return new AuthorityVerifier(rules).verify(transaction, CHAIN, FORMAT, SCHEME, this::lookup);
  }

  static List<PublicKey> publicKeys(List<PrivateKey> keys) {
    return keys.stream().map(PrivateKey::publicKey).toList();
  }
}
