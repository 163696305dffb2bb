package io.hivesafe.sim;

import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.ops.MultisigTx;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The invariant signatures-valid, checked on the oracle's round in flight for {@link InvariantChecks}. */
final class SignaturesValidCheck {
  private final SignatureScheme crypto;
  private final InvariantTally tally;

  SignaturesValidCheck(SignatureScheme crypto, InvariantTally tally) {
    this.crypto = crypto;
    this.tally = tally;
  }

  /**
   * signatures-valid: checked whenever the round or its signatures change from {@code round} (before the
   * block) to {@code roundAfter}; a signature already checked in the same round is not checked again.
   */
  void check(long n, Optional<MultisigTx> round, Optional<MultisigTx> roundAfter) {
    if (roundAfter.isEmpty() || roundAfter.equals(round)) {
      return;
    }
    MultisigTx tx = roundAfter.get();
    byte[] digest = HexFormat.of().parseHex(tx.digest());
    for (Map.Entry<String, String> s : new TreeMap<>(tx.signatures()).entrySet()) {
      if (round.isPresent() && round.get().seq() == tx.seq() && s.getValue().equals(round.get().signatures().get(s.getKey()))) {
        continue;
      }
      tally.count(Invariant.SIGNATURES_VALID);
      Optional<PublicKey> key = crypto.recover(CompactSignature.fromHex(s.getValue()), digest);
      if (key.isEmpty() || !key.get().toString().equals(s.getKey()) || !tx.signers().contains(s.getKey())) {
        tally.violation(Invariant.SIGNATURES_VALID, n, "round " + tx.seq() + " counts a signature for " + s.getKey() + " that recovers to "
            + key.map(PublicKey::toString).orElse("nothing"));
      }
    }
  }
}
