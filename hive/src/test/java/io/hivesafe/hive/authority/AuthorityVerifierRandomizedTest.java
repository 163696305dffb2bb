package io.hivesafe.hive.authority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.Transaction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Random key-only authorities and random signer sets, checked end to end (real signatures, real
 * recovery) against a brute-force reference: under HF28 a key-only authority is satisfied iff the
 * weights of the signing member keys add up to the threshold.
 */
class AuthorityVerifierRandomizedTest {
  private static final int ROUNDS = 400;
  private static final List<PrivateKey> POOL = TestChain.sortedKeys("random-pool", 8);

  /** The reference: sum of the weights of present keys ≥ threshold. */
  private static boolean reference(Authority authority, Set<PublicKey> signers) {
    long sum = 0;
    for (Authority.KeyWeight member : authority.keyAuths()) {
      if (signers.contains(member.key())) {
        sum += member.weight();
      }
    }
    return sum >= authority.weightThreshold();
  }

  @Test
  void hf28AgreesWithBruteForceOnRandomKeyAuthoritiesSeed7331() {
    Random random = new Random(7331L);
    int accepted = 0;
    int preHf28Accepted = 0;
    for (int round = 0; round < ROUNDS; round++) {
      List<PrivateKey> shuffled = new ArrayList<>(POOL);
      Collections.shuffle(shuffled, random);
      int members = 1 + random.nextInt(5);
      List<Authority.KeyWeight> weights = new ArrayList<>();
      long total = 0;
      for (int i = 0; i < members; i++) {
        int weight = random.nextInt(4); // 0..3: zero weights are legal on chain
        weights.add(new Authority.KeyWeight(shuffled.get(i).publicKey(), weight));
        total += weight;
      }
      long threshold = random.nextInt((int) total + 2); // 0 .. total+1 (impossible)
      Authority active = new Authority(threshold, List.of(), weights);

      List<PrivateKey> signers = new ArrayList<>();
      Set<PublicKey> signerKeys = new TreeSet<>();
      for (PrivateKey candidate : shuffled) { // members and outsiders alike
        if (random.nextInt(3) == 0) {
          signers.add(candidate);
          signerKeys.add(candidate.publicKey());
        }
      }
      TestChain chain = new TestChain().withActive("vault", active);
      Transaction tx = TestChain.signed(
          TestChain.unsigned(TestChain.transfer("vault", "bob")), signers.toArray(PrivateKey[]::new));

      AuthorityCheck hf28 = chain.verify(SignatureRules.HF28, tx);
      boolean expected = reference(active, signerKeys);
      String context = "round " + round + ": " + active + " signed by " + signerKeys + " -> " + hf28;
      assertEquals(expected, hf28.isAccepted(), context);
      if (!expected) {
        assertEquals(AuthorityReason.MISSING_ACTIVE_AUTHORITY, hf28.reason().orElseThrow(), context);
      }
      AuthorityCheck pre = chain.verify(SignatureRules.PRE_HF28, tx);
      if (pre.isAccepted()) {
        assertTrue(hf28.isAccepted(), "pre-HF28 is never more lenient for active-only keys: " + context);
        preHf28Accepted++;
      }
      accepted += hf28.isAccepted() ? 1 : 0;
    }
    // The generator reaches both outcomes often enough to mean something.
    assertTrue(accepted > ROUNDS / 5 && accepted < ROUNDS * 4 / 5, "accepted " + accepted);
    assertTrue(preHf28Accepted > 0 && preHf28Accepted < accepted, "pre-HF28 accepted " + preHf28Accepted);
  }
}
