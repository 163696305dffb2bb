package io.hivesafe.hive.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The account whose resource credits pay for a transaction, as hived picks it
 * (libraries/chain/rc/resource_user.cpp, {@code get_resource_user}): the first operation that names one
 * decides. For an operation that is the account of its first required active authority, else of its
 * first required owner authority, else of its first required posting authority (each a sorted set, as
 * hived's {@code flat_set}); three operations name their payer directly: witness_set_properties its
 * {@code owner}, witness_block_approve its {@code witness}, recover_account its {@code account_to_recover}.
 * So a transfer is paid by {@code from}, an account update by its account, a custom_json by the first of
 * its {@code required_auths}, or without them the first of its {@code required_posting_auths}.
 */
public final class ResourcePayer {
  private ResourcePayer() {}

  /** The payer of {@code tx}; empty when no operation names one (hived then refuses it for want of a resource user). */
  public static Optional<AccountName> of(Transaction tx) {
    return of(tx.operations());
  }

  /** The payer of a transaction holding {@code operations}, in their order. */
  public static Optional<AccountName> of(List<? extends Operation> operations) {
    for (Operation op : operations) {
      Optional<AccountName> payer = payer(op);
      if (payer.isPresent()) {
        return payer;
      }
    }
    return Optional.empty();
  }

  private static Optional<AccountName> payer(Operation op) {
    if (op instanceof OtherOperation other) {
      String named = switch (other.name()) {
        case "witness_set_properties" -> "owner";
        case "witness_block_approve" -> "witness";
        case "recover_account" -> "account_to_recover";
        default -> null;
      };
      if (named != null) {
        JsonNode value = other.body().get(named);
        return value != null && value.isTextual() ? Optional.of(AccountName.of(value.asText())) : Optional.empty();
      }
    }
    OperationEffects effects = OperationEffects.of(op);
    for (List<AccountName> role : List.of(effects.active(), effects.owner(), effects.posting())) {
      if (!role.isEmpty()) {
        return Optional.of(role.get(0));
      }
    }
    return Optional.empty();
  }
}
