package io.hivesafe.hive.authority;

import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.crypto.SignatureScheme;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The public keys a transaction's signatures recover to, computed as hived does before any authority is
 * looked at (libraries/chain/full_transaction.cpp, the signature_keys loop): signatures in transaction
 * order, each must have the low-S form (BIP-62, the only mode since HF20) and recover to a key, and no
 * two may recover to the same key. The first signature that fails decides the rejection.
 */
public final class SignerKeys {
  private final SortedSet<PublicKey> keys;
  private final Optional<AuthorityRejection> rejection;

  private SignerKeys(SortedSet<PublicKey> keys, Optional<AuthorityRejection> rejection) {
    this.keys = keys;
    this.rejection = rejection;
  }

  public static SignerKeys recover(List<CompactSignature> signatures, byte[] digest, SignatureScheme scheme) {
    SortedSet<PublicKey> keys = new TreeSet<>();
    for (int i = 0; i < signatures.size(); i++) {
      CompactSignature signature = signatures.get(i);
      if (!signature.isAcceptableToHived()) {
        return rejected(AuthorityReason.NON_CANONICAL_SIGNATURE, "signature " + i);
      }
      Optional<PublicKey> key = scheme.recover(signature, digest);
      if (key.isEmpty()) {
        return rejected(AuthorityReason.UNRECOVERABLE_SIGNATURE, "signature " + i);
      }
      if (!keys.add(key.get())) {
        return rejected(AuthorityReason.DUPLICATE_SIGNATURE, key.get().toString());
      }
    }
    return new SignerKeys(Collections.unmodifiableSortedSet(keys), Optional.empty());
  }

  private static SignerKeys rejected(AuthorityReason reason, String detail) {
    return new SignerKeys(
        Collections.emptySortedSet(), Optional.of(new AuthorityRejection(reason, detail)));
  }

  /** Accepted when every signature recovered to a distinct key. */
  public AuthorityCheck check() {
    return new AuthorityCheck(rejection);
  }

  /** The recovered keys, sorted as hived's flat_set orders them; only when {@link #check()} accepted. */
  public SortedSet<PublicKey> keys() {
    if (rejection.isPresent()) {
      throw new IllegalStateException("signatures were rejected: " + rejection.get().message());
    }
    return keys;
  }
}
