package io.hivesafe.hive.authority;

import static io.hivesafe.hive.authority.SignatureRules.HF28;
import static io.hivesafe.hive.authority.SignatureRules.PRE_HF28;
import static io.hivesafe.hive.authority.TestChain.accounts;
import static io.hivesafe.hive.authority.TestChain.key;
import static io.hivesafe.hive.authority.TestChain.keys;
import static io.hivesafe.hive.authority.TestChain.name;
import static io.hivesafe.hive.authority.TestChain.signature;
import static io.hivesafe.hive.authority.TestChain.signed;
import static io.hivesafe.hive.authority.TestChain.transfer;
import static io.hivesafe.hive.authority.TestChain.unsigned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.OtherOperation;
import io.hivesafe.hive.protocol.Transaction;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One named test per rule of hived's signature and authority checks: a violation and a valid case. */
class AuthorityVerifierTest {
  private static final BigInteger N =
      new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

  private static final PrivateKey ALICE_OWNER = key("alice", KeyRole.OWNER);
  private static final PrivateKey ALICE_ACTIVE = key("alice", KeyRole.ACTIVE);
  private static final PrivateKey ALICE_POSTING = key("alice", KeyRole.POSTING);
  private static final PrivateKey ALICE_MEMO = key("alice", KeyRole.MEMO);

  private final TestChain chain = new TestChain().withPasswordAccount("alice").withPasswordAccount("bob");

  private static void assertAccepted(AuthorityCheck check) {
    assertTrue(check.isAccepted(), check.toString());
  }

  private static void assertRejected(AuthorityReason reason, String message, AuthorityCheck check) {
    assertEquals(Optional.of(reason), check.reason(), check.toString());
    assertEquals(message, check.message());
  }

  private static void assertBothRules(TestChain chain, Transaction tx, AuthorityReason reason, String message) {
    assertRejected(reason, message, chain.verify(PRE_HF28, tx));
    assertRejected(reason, message, chain.verify(HF28, tx));
  }

  @Test
  void singleKeyActiveTransferAcceptedAndWrongKeyRejected() {
    Transaction tx = unsigned(transfer("alice", "bob"));
    assertAccepted(chain.verify(PRE_HF28, signed(tx, ALICE_ACTIVE)));
    assertAccepted(chain.verify(HF28, signed(tx, ALICE_ACTIVE)));
    assertBothRules(chain, signed(tx, ALICE_MEMO),
        AuthorityReason.MISSING_ACTIVE_AUTHORITY, "Missing Active Authority alice");
    assertBothRules(chain, tx, AuthorityReason.MISSING_ACTIVE_AUTHORITY, "Missing Active Authority alice");
  }

  @Test
  void postingKeyOnTransferRejected() {
    Transaction tx = unsigned(transfer("alice", "bob"));
    assertBothRules(chain, signed(tx, ALICE_POSTING),
        AuthorityReason.MISSING_ACTIVE_AUTHORITY, "Missing Active Authority alice");
    assertAccepted(chain.verify(HF28, signed(tx, ALICE_ACTIVE)));
  }

  @Test
  void accountUpdateWithOwnerNeedsTheOwnerKey() {
    Authority newOwner = keys(1, PrivateKey.fromSeed("alice-new-owner"));
    Transaction tx = unsigned(new AccountUpdateOperation(
        name("alice"), Optional.of(newOwner), Optional.empty(), Optional.empty(), Optional.empty(), ""));
    assertAccepted(chain.verify(PRE_HF28, signed(tx, ALICE_OWNER)));
    assertAccepted(chain.verify(HF28, signed(tx, ALICE_OWNER)));
    assertBothRules(chain, signed(tx, ALICE_ACTIVE),
        AuthorityReason.MISSING_OWNER_AUTHORITY, "Missing Owner Authority alice");

    Transaction withoutOwner = unsigned(new AccountUpdateOperation(
        name("alice"), Optional.empty(), Optional.of(newOwner), Optional.empty(), Optional.empty(), ""));
    assertAccepted(chain.verify(HF28, signed(withoutOwner, ALICE_ACTIVE)));
  }

  @Test
  void ownerAuthorityAccountMembersStandForTheirActiveAuthority() {
    TestChain vault = new TestChain().withPasswordAccount("bob")
        .with("vault", accounts(1, "bob"), keys(1, PrivateKey.fromSeed("vault-active")),
            keys(1, PrivateKey.fromSeed("vault-posting")));
    Transaction tx = unsigned(new AccountUpdateOperation(name("vault"),
        Optional.of(keys(1, PrivateKey.fromSeed("vault-next"))), Optional.empty(), Optional.empty(),
        Optional.empty(), ""));
    assertAccepted(vault.verify(HF28, signed(tx, key("bob", KeyRole.ACTIVE))));
    assertAccepted(vault.verify(PRE_HF28, signed(tx, key("bob", KeyRole.ACTIVE))));
    assertBothRules(vault, signed(tx, key("bob", KeyRole.POSTING)),
        AuthorityReason.MISSING_OWNER_AUTHORITY, "Missing Owner Authority vault");
  }

  @Test
  void twoOfThreeSatisfiedByTwoKeysNotByOne() {
    List<PrivateKey> abc = TestChain.sortedKeys("two-of-three", 3);
    TestChain multisig = new TestChain().withActive("vault", keys(2, abc.get(0), abc.get(1), abc.get(2)));
    Transaction tx = unsigned(transfer("vault", "bob"));
    assertAccepted(multisig.verify(PRE_HF28, signed(tx, abc.get(0), abc.get(1))));
    assertAccepted(multisig.verify(HF28, signed(tx, abc.get(0), abc.get(1))));
    for (PrivateKey one : abc) {
      assertBothRules(multisig, signed(tx, one),
          AuthorityReason.MISSING_ACTIVE_AUTHORITY, "Missing Active Authority vault");
    }
  }

  @Test
  void twoOfThreeSignedByAllThreeIsUnnecessaryBeforeHf28AndAcceptedFromHf28() {
    List<PrivateKey> abc = TestChain.sortedKeys("two-of-three", 3);
    TestChain multisig = new TestChain().withActive("vault", keys(2, abc.get(0), abc.get(1), abc.get(2)));
    Transaction all = signed(unsigned(transfer("vault", "bob")), abc.get(2), abc.get(0), abc.get(1));
    assertRejected(AuthorityReason.UNNECESSARY_SIGNATURE, "Unnecessary signature(s) detected",
        multisig.verify(PRE_HF28, all));
    assertAccepted(multisig.verify(HF28, all));
  }

  @Test
  void minimalSetMatchingTheWalkAcceptedUnderBothRules() {
    List<PrivateKey> abc = TestChain.sortedKeys("two-of-three", 3);
    TestChain multisig = new TestChain().withActive("vault", keys(2, abc.get(0), abc.get(1), abc.get(2)));
    Transaction tx = unsigned(transfer("vault", "bob"));
    int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
    for (int[] pair : pairs) {
      Transaction pairSigned = signed(tx, abc.get(pair[1]), abc.get(pair[0]));
      assertAccepted(multisig.verify(PRE_HF28, pairSigned));
      assertAccepted(multisig.verify(HF28, pairSigned));
    }
    // Weighted: A (weight 2) alone reaches the threshold, so the walk stops before B: {A, B} is not
    // minimal for the walk, though no signer is "wrong".
    Authority weighted = new Authority(2, List.of(), List.of(
        new Authority.KeyWeight(abc.get(0).publicKey(), 2),
        new Authority.KeyWeight(abc.get(1).publicKey(), 1),
        new Authority.KeyWeight(abc.get(2).publicKey(), 1)));
    TestChain heavy = new TestChain().withActive("vault", weighted);
    Transaction ab = signed(tx, abc.get(0), abc.get(1));
    assertRejected(AuthorityReason.UNNECESSARY_SIGNATURE, "Unnecessary signature(s) detected",
        heavy.verify(PRE_HF28, ab));
    assertAccepted(heavy.verify(HF28, ab));
    assertAccepted(heavy.verify(PRE_HF28, signed(tx, abc.get(1), abc.get(2))));
  }

  @Test
  void accountAuthsSatisfiedAtDepthOneAndTwoNotThree() {
    PrivateKey daveKey = PrivateKey.fromSeed("dave-active");
    TestChain nested = new TestChain()
        .withActive("dave", keys(1, daveKey))
        .withActive("carol", accounts(1, "dave"))
        .withActive("bob", accounts(1, "carol"))
        .withActive("alice", accounts(1, "bob"));
    for (SignatureRules rules : SignatureRules.values()) {
      assertAccepted(nested.verify(rules, signed(unsigned(transfer("carol", "bob")), daveKey)));
      assertAccepted(nested.verify(rules, signed(unsigned(transfer("bob", "carol")), daveKey)));
      assertRejected(AuthorityReason.MISSING_ACTIVE_AUTHORITY, "Missing Active Authority alice",
          nested.verify(rules, signed(unsigned(transfer("alice", "bob")), daveKey)));
    }
  }

  /**
   * HIVE_MAX_SIG_CHECK_ACCOUNTS: one check looks up at most 125 accounts. "top" names m01..m40; each mNN
   * has an unsigned key and names 40 leaves, each with its own key. A walk gives up after 40 members
   * passed, so it looks up 39 leaves of each mNN: top (1), m01 (2) and its leaves (3..41), m02 (42), m03
   * (82), m04 (122) and its leaves l04x01..l04x03 (123..125). A signature by l04x03's key satisfies top;
   * one by l04x04's key would need lookup 126, so the check fails.
   */
  @Test
  void aCheckLooksUpAtMost125AccountsAsHivedDoes() {
    PrivateKey unsignedKey = PrivateKey.fromSeed("never-signs");
    PrivateKey signer = PrivateKey.fromSeed("the-signer");
    for (int signingLeaf : new int[] {3, 4}) {
      TestChain wide = new TestChain();
      List<String> middles = new java.util.ArrayList<>();
      for (int m = 1; m <= 40; m++) {
        String middle = String.format("m%02d", m);
        middles.add(middle);
        List<Authority.AccountWeight> leaves = new java.util.ArrayList<>();
        for (int l = 1; l <= 40; l++) {
          String leaf = String.format("l%02dx%02d", m, l);
          leaves.add(new Authority.AccountWeight(name(leaf), 1));
          wide.withActive(leaf, keys(1, m == 4 && l == signingLeaf ? signer : unsignedKey));
        }
        wide.withActive(middle, new Authority(1, leaves, List.of(new Authority.KeyWeight(unsignedKey.publicKey(), 1))));
      }
      wide.withActive("top", accounts(1, middles.toArray(String[]::new)));
      AuthorityCheck check = wide.verify(HF28, signed(unsigned(transfer("top", "m01")), signer));
      if (signingLeaf == 3) {
        assertAccepted(check);
      } else {
        assertRejected(AuthorityReason.MISSING_ACTIVE_AUTHORITY, "Missing Active Authority top", check);
      }
    }
  }

  @Test
  void duplicateSignatureDetected() {
    Transaction tx = unsigned(transfer("alice", "bob"));
    CompactSignature sig = signature(tx, ALICE_ACTIVE);
    assertBothRules(chain, tx.withSignatures(List.of(sig, sig)),
        AuthorityReason.DUPLICATE_SIGNATURE, "Duplicate signature detected");
    // A different encoding of the same signature (header 27+i instead of 31+i) recovers the same key.
    byte[] other = sig.toBytes();
    other[0] = (byte) (27 + sig.recoveryId());
    Transaction twoForms = tx.withSignatures(List.of(sig, CompactSignature.fromBytes(other)));
    assertBothRules(chain, twoForms, AuthorityReason.DUPLICATE_SIGNATURE, "Duplicate signature detected");
    assertAccepted(chain.verify(HF28, signed(tx, ALICE_ACTIVE, ALICE_OWNER)));
  }

  @Test
  void highSSignatureRejected() {
    Transaction tx = unsigned(transfer("alice", "bob"));
    CompactSignature low = signature(tx, ALICE_ACTIVE);
    byte[] high = low.toBytes();
    high[0] = (byte) (31 + (low.recoveryId() ^ 1));
    byte[] s = N.subtract(low.s()).toByteArray();
    byte[] s32 = new byte[32];
    System.arraycopy(s, Math.max(0, s.length - 32), s32, 32 - Math.min(32, s.length), Math.min(32, s.length));
    System.arraycopy(s32, 0, high, 33, 32);
    CompactSignature flipped = CompactSignature.fromBytes(high);
    assertEquals(Optional.of(ALICE_ACTIVE.publicKey()), TestChain.SCHEME.recover(flipped, TestChain.digest(tx)));
    assertBothRules(chain, tx.withSignatures(List.of(flipped)),
        AuthorityReason.NON_CANONICAL_SIGNATURE, "signature is not canonical");
    assertAccepted(chain.verify(PRE_HF28, tx.withSignatures(List.of(low))));
  }

  @Test
  void postingMixedWithActiveRejectedBeforeHf28AndAcceptedFromHf28() {
    Transaction tx = signed(unsigned(transfer("alice", "bob"), postingJson("alice")), ALICE_ACTIVE, ALICE_POSTING);
    assertRejected(AuthorityReason.MIXED_WITH_POSTING,
        "Transactions with operations required posting authority cannot be combined "
            + "with transactions requiring active or owner authority.",
        chain.verify(PRE_HF28, tx));
    assertAccepted(chain.verify(HF28, tx));
    assertAccepted(chain.verify(PRE_HF28, signed(unsigned(postingJson("alice")), ALICE_POSTING)));
  }

  @Test
  void ownerKeySatisfiesActiveBeforeHf28Only() {
    Transaction tx = signed(unsigned(transfer("alice", "bob")), ALICE_OWNER);
    assertAccepted(chain.verify(PRE_HF28, tx));
    assertRejected(AuthorityReason.MISSING_ACTIVE_AUTHORITY, "Missing Active Authority alice",
        chain.verify(HF28, tx));
  }

  @Test
  void activeKeySatisfiesPostingBeforeHf28Only() {
    Transaction tx = signed(unsigned(postingJson("alice")), ALICE_ACTIVE);
    assertAccepted(chain.verify(PRE_HF28, tx));
    assertRejected(AuthorityReason.MISSING_POSTING_AUTHORITY, "Missing Posting Authority alice",
        chain.verify(HF28, tx));
    assertAccepted(chain.verify(HF28, signed(unsigned(postingJson("alice")), ALICE_POSTING)));
  }

  @Test
  void thresholdZeroAuthorityNeedsNoSignature() {
    PrivateKey member = PrivateKey.fromSeed("open-member");
    TestChain open = new TestChain().withActive("open", keys(0, member))
        .withActive("closed", keys(1, member));
    for (SignatureRules rules : SignatureRules.values()) {
      assertAccepted(open.verify(rules, unsigned(transfer("open", "bob"))));
      assertAccepted(open.verify(rules, signed(unsigned(transfer("open", "bob")), member)));
      assertRejected(AuthorityReason.MISSING_ACTIVE_AUTHORITY, "Missing Active Authority closed",
          open.verify(rules, unsigned(transfer("closed", "bob"))));
    }
    // An unrelated key on a threshold-0 authority is still unnecessary before HF28.
    assertRejected(AuthorityReason.UNNECESSARY_SIGNATURE, "Unnecessary signature(s) detected",
        open.verify(PRE_HF28, signed(unsigned(transfer("open", "bob")), ALICE_ACTIVE)));
  }

  @Test
  void walkGivesUpAfterFortyUnsatisfyingMembers() {
    // hived's sign_state stops after HIVE_MAX_AUTHORITY_MEMBERSHIP members passed without reaching the
    // threshold: with threshold 0 and no signatures, 39 keys pass and 40 do not.
    List<PrivateKey> members = TestChain.sortedKeys("member", 40);
    TestChain wide = new TestChain()
        .withActive("forty", keys(0, members.toArray(PrivateKey[]::new)))
        .withActive("thirtynine", keys(0, members.subList(0, 39).toArray(PrivateKey[]::new)))
        .withActive("all-forty", keys(40, members.toArray(PrivateKey[]::new)));
    assertAccepted(wide.verify(HF28, unsigned(transfer("thirtynine", "bob"))));
    assertRejected(AuthorityReason.MISSING_ACTIVE_AUTHORITY, "Missing Active Authority forty",
        wide.verify(HF28, unsigned(transfer("forty", "bob"))));
    assertAccepted(wide.verify(PRE_HF28,
        signed(unsigned(transfer("all-forty", "bob")), members.toArray(PrivateKey[]::new))));
  }

  @Test
  void unknownAccountRejected() {
    assertBothRules(chain, signed(unsigned(transfer("nobody", "bob")), ALICE_ACTIVE),
        AuthorityReason.UNKNOWN_ACCOUNT, "unknown key: nobody");
    TestChain dangling = new TestChain().withActive("vault", accounts(1, "ghost"));
    assertBothRules(dangling, signed(unsigned(transfer("vault", "bob")), ALICE_ACTIVE),
        AuthorityReason.UNKNOWN_ACCOUNT, "unknown key: ghost");
  }

  @Test
  void unsupportedOperationRejectedBeforeSignatures() {
    Transaction tx = unsigned(new OtherOperation("vote", JsonNodeFactory.instance.objectNode().put("voter", "alice")
        .put("author", "bob").put("permlink", "p").put("weight", 10000)));
    assertBothRules(chain, tx, AuthorityReason.UNSUPPORTED_OPERATION,
        "Operation vote is not modelled by the authority check");
  }

  @Test
  void accountMemberSatisfiedThroughItsOwnPostingKey() {
    // custom_json posting for alice and bob, where bob's posting authority is alice: alice's posting key
    // satisfies both, and is used, under both rules.
    TestChain delegated = new TestChain().withPasswordAccount("alice")
        .with("bob", keys(1, key("bob", KeyRole.OWNER)), keys(1, key("bob", KeyRole.ACTIVE)),
            accounts(1, "alice"));
    Transaction tx = signed(unsigned(new CustomJsonOperation(
        List.of(), List.of(name("bob"), name("alice")), "test", "{}")), ALICE_POSTING);
    assertAccepted(delegated.verify(PRE_HF28, tx));
    assertAccepted(delegated.verify(HF28, tx));
    assertFalse(delegated.verify(HF28, signed(tx.unsigned(), ALICE_ACTIVE)).isAccepted());
  }

  private static CustomJsonOperation postingJson(String account) {
    return new CustomJsonOperation(List.of(), List.of(name(account)), "test", "{}");
  }
}
