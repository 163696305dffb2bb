package io.hivesafe.hive.authority;

import static io.hivesafe.hive.authority.TestChain.name;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.AccountUpdate2Operation;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** hived's get_required_*_authorities for the four modelled operations (hive_operations.hpp). */
class RequiredAuthoritiesTest {
  private static final Authority SOME = TestChain.keys(1, PrivateKey.fromSeed("some"));
  private static final List<AccountName> ALICE = List.of(name("alice"));

  private static RequiredAuthorities of(Operation... ops) {
    return RequiredAuthorities.compute(List.of(ops));
  }

  private static void assertRoles(
      List<AccountName> owner, List<AccountName> active, List<AccountName> posting, RequiredAuthorities required) {
    assertEquals(new RequiredAuthorities(owner, active, posting, Optional.empty()), required);
  }

  @Test
  void transferNeedsFromActive() {
    assertRoles(List.of(), ALICE, List.of(), of(TestChain.transfer("alice", "bob")));
  }

  @Test
  void accountUpdateNeedsOwnerWhenItSetsOwnerElseActive() {
    assertRoles(ALICE, List.of(), List.of(), of(new AccountUpdateOperation(
        name("alice"), Optional.of(SOME), Optional.of(SOME), Optional.empty(), Optional.empty(), "")));
    assertRoles(List.of(), ALICE, List.of(), of(new AccountUpdateOperation(
        name("alice"), Optional.empty(), Optional.empty(), Optional.of(SOME), Optional.empty(), "")));
    assertRoles(List.of(), ALICE, List.of(), of(new AccountUpdateOperation(
        name("alice"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "")));
  }

  @Test
  void accountUpdate2NeedsPostingOnlyForPostingJsonMetadataAlone() {
    assertRoles(ALICE, List.of(), List.of(), of(update2(Optional.of(SOME), Optional.empty(), "", "x")));
    // Changing the posting authority needs active, not posting.
    assertRoles(List.of(), ALICE, List.of(), of(update2(Optional.empty(), Optional.of(SOME), "", "")));
    assertRoles(List.of(), ALICE, List.of(), of(update2(Optional.empty(), Optional.empty(), "{}", "")));
    assertRoles(List.of(), List.of(), ALICE, of(update2(Optional.empty(), Optional.empty(), "", "{}")));
    assertRoles(List.of(), List.of(), ALICE, of(update2(Optional.empty(), Optional.empty(), "", "")));
  }

  @Test
  void customJsonNeedsActiveForRequiredAuthsAndPostingForRequiredPostingAuths() {
    RequiredAuthorities required = of(
        new CustomJsonOperation(List.of(name("carol"), name("alice")), List.of(name("bob")), "x", "{}"),
        new CustomJsonOperation(List.of(name("alice")), List.of(name("bob"), name("dave")), "y", "{}"));
    assertRoles(List.of(), List.of(name("alice"), name("carol")), List.of(name("bob"), name("dave")), required);
  }

  private static AccountUpdate2Operation update2(
      Optional<Authority> owner, Optional<Authority> posting, String json, String postingJson) {
    return new AccountUpdate2Operation(
        name("alice"), owner, Optional.empty(), posting, Optional.empty(), json, postingJson);
  }
}
