package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The pure pieces of the custody rules, at their boundaries: an authority's weights (what a signature
 * counts, when a threshold is met, hived's walk), exact fractions, and the least stake that can sign
 * alone (the safety limit's measure).
 */
class SignerAuthorityTest {
  private static String key(int i) {
    return TestNetwork.nodeKey(i).publicKey().toString();
  }

  /** node0 weight 3, node1 weight 1, node2 weight 2, the account "backup" weight 1; threshold 4. */
  private static SignerAuthority weighted() {
    return SignerAuthority.of(new SignerAuthority(4, List.of(new SignerAuthority.Member(key(0), 3),
        new SignerAuthority.Member(key(1), 1), new SignerAuthority.Member(key(2), 2)),
        List.of(new SignerAuthority.Member("backup", 1))).toAuthority());
  }

  @Test
  void weightsThresholdsAndTheWalk() {
    SignerAuthority a = weighted();
    assertEquals(3, a.weightOf(key(0)));
    assertEquals(2, a.weightOf(key(2)));
    assertEquals(0, a.weightOf(key(5)), "not a member");
    assertEquals(7, a.totalWeight(), "3 + 1 + 2 and the account's 1");
    assertEquals(4, a.memberCount());
    assertTrue(a.hasKey(key(1)));
    assertFalse(a.hasKey(key(5)));
    assertTrue(a.satisfiable());
    assertTrue(a.metBy(Set.of(key(0), key(1))), "3 + 1 reaches 4 exactly");
    assertFalse(a.metBy(Set.of(key(0))), "3 of 4");
    assertFalse(a.metBy(Set.of(key(1), key(2))), "1 + 2 of 4");
    assertEquals(4, a.signedWeight(Set.of(key(0), key(1))));
    // hived walks the keys in their byte order and stops once the threshold is reached
    List<String> order = a.keyNames();
    List<String> walk = a.walk(Set.of(key(0), key(1), key(2)));
    long w = 0;
    for (int i = 0; i < walk.size(); i++) {
      assertEquals(order.stream().filter(walk::contains).toList().get(i), walk.get(i), "in key order");
      w += a.weightOf(walk.get(i));
      if (i < walk.size() - 1) {
        assertTrue(w < 4, "the walk stops at the threshold");
      }
    }
    assertTrue(w >= 4);
    assertEquals(a.toAuthority(), SignerAuthority.of(a.toAuthority()).toAuthority(), "converts without loss");
  }

  @Test
  void anAuthorityThatCannotBeSatisfied() {
    SignerAuthority zero = SignerAuthority.ofKeys(0, List.of(key(0)));
    assertFalse(zero.satisfiable(), "a threshold of 0 needs no signature: hived accepts it, we do not");
    assertFalse(zero.metBy(Set.of(key(0))));
    SignerAuthority high = SignerAuthority.ofKeys(3, List.of(key(0), key(1)));
    assertFalse(high.satisfiable(), "3 of weight 2");
    assertTrue(SignerAuthority.ofKeys(2, List.of(key(0), key(1))).satisfiable(), "2 of 2 exactly");
    SignerAuthority ok = SignerAuthority.ofKeys(1, List.of(key(0)));
    assertFalse(new MultisigAuthority(ok, high, "", 1).usable());
    assertFalse(new MultisigAuthority(high, ok, "", 1).usable());
    assertTrue(new MultisigAuthority(ok, ok, "", 1).usable());
    assertTrue(new MultisigAuthority(ok, high, "", 1).holds(key(1)));
    assertFalse(new MultisigAuthority(ok, ok, "", 1).holds(key(1)));
  }

  @Test
  void fractionsCompareExactly() {
    Fraction twoThirds = Fraction.parse("2/3");
    assertTrue(twoThirds.reachedBy(2, 3), "2 × 3 ≥ 2 × 3");
    assertFalse(twoThirds.reachedBy(1, 2));
    assertTrue(twoThirds.reachedBy(4, 6));
    assertFalse(twoThirds.reachedBy(3, 5), "9 < 10");
    assertFalse(twoThirds.reachedBy(0, 0), "nobody to approve");
    assertTrue(twoThirds.overHalf());
    assertFalse(Fraction.parse("1/2").overHalf(), "a half is not over a half");
    assertTrue(Fraction.parse("1").atMostOne());
    assertFalse(Fraction.parse("4/3").atMostOne());
    assertEquals(new Fraction(5, 1), Fraction.parse("5"));
    assertThrows(IllegalArgumentException.class, () -> new Fraction(0, 3));
    assertThrows(IllegalArgumentException.class, () -> new Fraction(1, 0));
    assertThrows(IllegalArgumentException.class, () -> Fraction.parse("2/-3"));
    assertTrue(new Fraction(1, 1).reachedBy(1, 1));
  }

  @Test
  void theLeastStakeThatSignsAlone() {
    Map<String, Long> stakes = new TreeMap<>(Map.of(key(0), 100L, key(1), 30L, key(2), 70L, key(3), 10L));
    // weight 1 each: the threshold smallest stakes
    assertEquals(40, Custody.coverStake(SignerAuthority.ofKeys(2, List.of(key(0), key(1), key(2), key(3))), stakes));
    assertEquals(10 + 30 + 70, Custody.weakestMajorityOf(List.of(key(0), key(1), key(2), key(3)), stakes), "3 of 4 (⌊4/2⌋+1)");
    assertEquals(30 + 70, Custody.weakestMajorityOf(List.of(key(0), key(1), key(2)), stakes), "2 of 3");
    // an account member signs for nothing staked: its weight comes free
    SignerAuthority withAccount = new SignerAuthority(2, List.of(new SignerAuthority.Member(key(0), 1),
        new SignerAuthority.Member(key(2), 1)), List.of(new SignerAuthority.Member("backup", 1)));
    assertEquals(70, Custody.coverStake(withAccount, stakes));
    SignerAuthority accountsAlone = new SignerAuthority(1, List.of(new SignerAuthority.Member(key(0), 1)),
        List.of(new SignerAuthority.Member("backup", 1)));
    assertEquals(0, Custody.coverStake(accountsAlone, stakes), "the account alone meets the threshold");
    // weights: the cheapest stake per unit of weight first, the last key counted in part (rounded down)
    SignerAuthority heavy = new SignerAuthority(5, List.of(new SignerAuthority.Member(key(0), 4),
        new SignerAuthority.Member(key(1), 3), new SignerAuthority.Member(key(3), 0)), List.of());
    // key1: 30 for 3 (10 a unit), key0: 100 for 4 (25 a unit): 30 + 2 × 25 = 80
    assertEquals(80, Custody.coverStake(heavy, stakes));
    SignerAuthority exact = new SignerAuthority(3, List.of(new SignerAuthority.Member(key(1), 3),
        new SignerAuthority.Member(key(0), 4)), List.of());
    assertEquals(30, Custody.coverStake(exact, stakes), "key1's weight is the threshold exactly");
    assertEquals(0, Custody.coverStake(SignerAuthority.ofKeys(1, List.of(key(5))), stakes), "a key nobody stakes for");
    SignerAuthority unreachable = new SignerAuthority(3, List.of(new SignerAuthority.Member(key(0), 1),
        new SignerAuthority.Member(key(1), 1), new SignerAuthority.Member(key(3), 0)), List.of());
    assertEquals(130, Custody.coverStake(unreachable, stakes), "every key of some weight, when even all of them fall short");
  }
}
