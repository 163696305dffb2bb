package io.hivesafe.hive.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** hived's RC payer (resource_user.cpp get_resource_user): the first operation naming one; active, then owner, then posting. */
class ResourcePayerTest {
  private static final AccountName ALICE = AccountName.of("alice");
  private static final AccountName BOB = AccountName.of("bob");
  private static final AccountName CAROL = AccountName.of("carol");

  private static CustomJsonOperation customJson(List<AccountName> active, List<AccountName> posting) {
    return new CustomJsonOperation(active, posting, "hivesafe", "{}");
  }

  @Test
  void transferIsPaidByItsSender() {
    assertEquals(Optional.of(BOB), ResourcePayer.of(List.of(
        new TransferOperation(BOB, ALICE, Asset.of(1, AssetSymbol.HIVE), ""))));
  }

  @Test
  void customJsonIsPaidByTheFirstActiveAccountElseTheFirstPostingAccount() {
    assertEquals(Optional.of(BOB), ResourcePayer.of(List.of(customJson(List.of(CAROL, BOB), List.of(ALICE)))),
        "required_auths before required_posting_auths, the smallest name first (a sorted set)");
    assertEquals(Optional.of(BOB), ResourcePayer.of(List.of(customJson(List.of(), List.of(CAROL, BOB)))));
  }

  @Test
  void theFirstOperationDecides() {
    assertEquals(Optional.of(CAROL), ResourcePayer.of(List.of(
        new TransferOperation(CAROL, ALICE, Asset.of(1, AssetSymbol.HIVE), ""),
        new TransferOperation(ALICE, BOB, Asset.of(1, AssetSymbol.HIVE), ""))));
  }

  @Test
  void accountUpdateIsPaidByItsAccountWhateverRoleItNeeds() throws Exception {
    AccountUpdateOperation owner = new AccountUpdateOperation(CAROL, Optional.of(new Authority(1, List.of(new Authority.AccountWeight(ALICE, 1)),
        List.of())), Optional.empty(), Optional.empty(), Optional.empty(), "");
    assertEquals(Optional.of(CAROL), ResourcePayer.of(List.of(owner)));
    OtherOperation recover = new OtherOperation("recover_account", new ObjectMapper().readTree(
        "{\"account_to_recover\":\"bob\",\"new_owner_authority\":{\"weight_threshold\":1,\"account_auths\":[],\"key_auths\":[]},"
            + "\"recent_owner_authority\":{\"weight_threshold\":1,\"account_auths\":[],\"key_auths\":[]},\"extensions\":[]}"));
    assertEquals(Optional.of(BOB), ResourcePayer.of(List.of(recover)));
    assertEquals(Optional.empty(), ResourcePayer.of(List.of()));
  }
}
