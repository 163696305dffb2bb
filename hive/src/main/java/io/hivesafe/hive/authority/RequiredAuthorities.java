package io.hivesafe.hive.authority;

import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.AccountUpdate2Operation;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.TransferOperation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The accounts whose owner, active and posting authorities a transaction needs, as hived's
 * get_required_authorities collects them (libraries/protocol/include/hive/protocol/transaction_util.hpp)
 * from each operation's get_required_*_authorities (libraries/protocol/include/hive/protocol/hive_operations.hpp).
 * Each set is sorted byte-wise without duplicates, as hived's flat_sets are; the checks walk them in
 * that order.
 *
 * <p>{@code unsupportedOperation} names the first operation the check does not model (anything that is
 * not transfer, account_update, account_update2 or custom_json): its authorities are unknown, so
 * {@link AuthorityVerifier} rejects the transaction.
 */
public record RequiredAuthorities(
    List<AccountName> owner,
    List<AccountName> active,
    List<AccountName> posting,
    Optional<String> unsupportedOperation) {

  public RequiredAuthorities {
    owner = sortedSet(owner);
    active = sortedSet(active);
    posting = sortedSet(posting);
    Objects.requireNonNull(unsupportedOperation, "unsupportedOperation");
  }

  /**
   * What the operations require:
   *
   * <ul>
   *   <li>transfer: {@code from}'s active;
   *   <li>account_update: {@code account}'s owner if it sets an owner, otherwise its active;
   *   <li>account_update2: owner if it sets an owner; otherwise active if it sets active, posting, a memo
   *       key or a non-empty json_metadata; otherwise (only posting_json_metadata) posting;
   *   <li>custom_json: required_auths' active and required_posting_auths' posting.
   * </ul>
   */
  public static RequiredAuthorities compute(List<? extends Operation> operations) {
    List<AccountName> owner = new ArrayList<>();
    List<AccountName> active = new ArrayList<>();
    List<AccountName> posting = new ArrayList<>();
    for (Operation operation : operations) {
      if (operation instanceof TransferOperation transfer) {
        active.add(transfer.from());
      } else if (operation instanceof AccountUpdateOperation update) {
        (update.owner().isPresent() ? owner : active).add(update.account());
      } else if (operation instanceof AccountUpdate2Operation update) {
        roleOf(update, owner, active, posting).add(update.account());
      } else if (operation instanceof CustomJsonOperation custom) {
        active.addAll(custom.requiredAuths());
        posting.addAll(custom.requiredPostingAuths());
      } else {
        return new RequiredAuthorities(List.of(), List.of(), List.of(), Optional.of(operation.name()));
      }
    }
    return new RequiredAuthorities(owner, active, posting, Optional.empty());
  }

  private static List<AccountName> roleOf(
      AccountUpdate2Operation update,
      List<AccountName> owner,
      List<AccountName> active,
      List<AccountName> posting) {
    if (update.owner().isPresent()) {
      return owner;
    }
    boolean needsActive = update.active().isPresent()
        || update.posting().isPresent()
        || update.memoKey().isPresent()
        || !update.jsonMetadata().isEmpty();
    return needsActive ? active : posting;
  }

  private static List<AccountName> sortedSet(Collection<AccountName> names) {
    return List.copyOf(new TreeSet<>(names));
  }
}
