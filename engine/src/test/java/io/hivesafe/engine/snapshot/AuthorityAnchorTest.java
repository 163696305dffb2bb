package io.hivesafe.engine.snapshot;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.SignerAuthority;
import io.hivesafe.ops.SignerAuthority.Member;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snapshot's record of the multisig authority must be the chain's: thresholds, members and weights, in any order. */
class AuthorityAnchorTest {
  private static final String K1 = PrivateKey.fromSeed("anchor:1").publicKey().toString();
  private static final String K2 = PrivateKey.fromSeed("anchor:2").publicKey().toString();
  private static final String K3 = PrivateKey.fromSeed("anchor:3").publicKey().toString();

  private static SignerAuthority auth(long threshold, Member... keys) {
    return new SignerAuthority(threshold, List.of(keys), List.of());
  }

  private static MultisigAuthority recorded(SignerAuthority owner, SignerAuthority active) {
    return new MultisigAuthority(owner, active, "", 10);
  }

  private static final SignerAuthority CHAIN = auth(2, new Member(K1, 1), new Member(K2, 1), new Member(K3, 1));

  @Test
  void theSameMembersInAnotherOrderAreTheSameAuthority() {
    AuthorityAnchor anchor = new AuthorityAnchor("ms", CHAIN, CHAIN);
    SignerAuthority shuffled = auth(2, new Member(K3, 1), new Member(K1, 1), new Member(K2, 1));
    assertDoesNotThrow(() -> anchor.check(recorded(shuffled, shuffled), 150));
  }

  @Test
  void aDifferentThresholdWeightOrMemberInOwnerOrActiveIsRefused() {
    AuthorityAnchor anchor = new AuthorityAnchor("ms", CHAIN, CHAIN);
    List<SignerAuthority> others = List.of(
        auth(3, new Member(K1, 1), new Member(K2, 1), new Member(K3, 1)),
        auth(2, new Member(K1, 2), new Member(K2, 1), new Member(K3, 1)),
        auth(2, new Member(K1, 1), new Member(K2, 1)),
        new SignerAuthority(2, List.of(new Member(K1, 1), new Member(K2, 1), new Member(K3, 1)), List.of(new Member("bob", 1))));
    for (SignerAuthority other : others) {
      Refused asOwner = assertThrows(Refused.class, () -> anchor.check(recorded(other, CHAIN), 150), other.toString());
      assertEquals(BootstrapException.Failure.AUTHORITY, asOwner.failure);
      assertTrue(asOwner.getMessage().contains("the snapshot (block 150) records owner " + AuthorityAnchor.describe(other)
          + ", active " + AuthorityAnchor.describe(CHAIN) + "; the chain has owner and active " + AuthorityAnchor.describe(CHAIN)),
          asOwner.getMessage());
      Refused asActive = assertThrows(Refused.class, () -> anchor.check(recorded(CHAIN, other), 150), other.toString());
      assertEquals(BootstrapException.Failure.AUTHORITY, asActive.failure);
    }
  }

  @Test
  void aDuplicatedMemberIsNeitherTheSingleMemberNorItsWeightsSummed() {
    SignerAuthority duplicated = auth(2, new Member(K1, 1), new Member(K1, 1), new Member(K2, 1));
    for (SignerAuthority chain : List.of(auth(2, new Member(K1, 1), new Member(K2, 1)),
        auth(2, new Member(K1, 2), new Member(K2, 1)))) {
      Refused e = assertThrows(Refused.class, () -> new AuthorityAnchor("ms", chain, chain).check(recorded(duplicated, duplicated),
          150), chain.toString());
      assertEquals(BootstrapException.Failure.AUTHORITY, e.failure);
    }
  }

  @Test
  void anActiveAuthorityThatNeedsNoSignatureAnchorsNothing() {
    SignerAuthority none = auth(0, new Member(K1, 1));
    Refused e = assertThrows(Refused.class, () -> new AuthorityAnchor("ms", CHAIN, none).check(recorded(CHAIN, none), 150));
    assertEquals(BootstrapException.Failure.AUTHORITY, e.failure);
    assertTrue(e.getMessage().contains("threshold 0: it needs no signature"), e.getMessage());
  }
}
