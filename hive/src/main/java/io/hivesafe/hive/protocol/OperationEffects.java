package io.hivesafe.hive.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What hived requires to apply one operation and what the operation takes out of a liquid balance at
 * once: the answer the core needs to tell whether an operation in the block stream touches the multisig
 * account. Decided per operation from hived 1.28's source; docs/hive-operation-effects.md has the table.
 *
 * @param owner accounts whose owner authority hived requires ({@code get_required_owner_authorities}),
 *     sorted byte-wise, no duplicates
 * @param active accounts whose active authority hived requires ({@code get_required_active_authorities})
 * @param posting accounts whose posting authority hived requires ({@code get_required_posting_authorities})
 * @param authorities authorities hived requires directly, not through an account ({@code
 *     get_required_authorities}): recover_account's new and recent owner authorities, custom_binary's
 *     required_auths, pow2's new owner key
 * @param recoveryTarget the account whose recovery the operation requests, performs or re-points
 *     (request_account_recovery, recover_account, change_recovery_account)
 * @param debits what the operation's evaluator itself subtracts from a liquid HIVE or HBD balance when
 *     it is applied: one entry per account and asset, positive amounts only, never VESTS or savings
 */
public record OperationEffects(
    List<AccountName> owner,
    List<AccountName> active,
    List<AccountName> posting,
    List<Authority> authorities,
    Optional<AccountName> recoveryTarget,
    List<Debit> debits) {

  /** No authority, no recovery, no debit: an operation Hivesafe does not know (a virtual op, a future op). */
  public static final OperationEffects NONE =
      new OperationEffects(List.of(), List.of(), List.of(), List.of(), Optional.empty(), List.of());

  /** An amount of liquid HIVE or HBD the operation takes out of {@code account}'s balance. */
  public record Debit(AccountName account, Asset amount) {
    public Debit {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(amount, "amount");
      if (amount.symbol() == AssetSymbol.VESTS) {
        throw new IllegalArgumentException("a debit is liquid HIVE or HBD, not VESTS");
      }
      if (amount.amount() <= 0) {
        throw new IllegalArgumentException("a debit must be positive, got " + amount);
      }
    }
  }

  public OperationEffects {
    owner = CustomJsonOperation.sortedSet(owner);
    active = CustomJsonOperation.sortedSet(active);
    posting = CustomJsonOperation.sortedSet(posting);
    authorities = List.copyOf(authorities);
    Objects.requireNonNull(recoveryTarget, "recoveryTarget");
    debits = List.copyOf(debits);
  }

  /**
   * The effects of {@code op}. Never throws for an operation that exists: an {@link OtherOperation} of a
   * known name was checked to hold every field read here when it was constructed.
   */
  public static OperationEffects of(Operation op) {
    Objects.requireNonNull(op, "op");
    EffectsBuilder effects = new EffectsBuilder();
    if (op instanceof TransferOperation t) {
      // hive_operations.hpp transfer_operation: active of from. hive_evaluator_transfer.cpp
      // transfer_evaluator::do_apply: adjust_balance(from, -amount), also when sending HIVE to the treasury.
      effects.active(t.from()).debit(t.from(), t.amount());
    } else if (op instanceof AccountUpdateOperation u) {
      // account_update_operation: owner of account if it sets an owner, otherwise active. No balance change.
      if (u.owner().isPresent()) {
        effects.owner(u.account());
      } else {
        effects.active(u.account());
      }
    } else if (op instanceof AccountUpdate2Operation u) {
      // account_update2_operation: owner if it sets owner; otherwise active if it sets active, posting,
      // memo_key or a non-empty json_metadata; otherwise (only posting_json_metadata) posting.
      if (u.owner().isPresent()) {
        effects.owner(u.account());
      } else if (u.active().isPresent() || u.posting().isPresent() || u.memoKey().isPresent()
          || !u.jsonMetadata().isEmpty()) {
        effects.active(u.account());
      } else {
        effects.posting(u.account());
      }
    } else if (op instanceof CustomJsonOperation c) {
      // custom_json_operation: required_auths → active, required_posting_auths → posting.
      c.requiredAuths().forEach(effects::active);
      c.requiredPostingAuths().forEach(effects::posting);
    } else if (op instanceof OtherOperation other) {
      return OperationRules.effects(other.name(), other.bodyUnshared());
    }
    return effects.build();
  }

  /** Whether hived requires the owner or the active authority of {@code account}. */
  public boolean needsOwnerOrActive(AccountName account) {
    return owner.contains(account) || active.contains(account);
  }

  /** The names of hived's non-virtual operations, in id order (index = operation id, 0..49). */
  public static List<String> nonVirtualOperations() {
    return OperationRules.NON_VIRTUAL;
  }

  /** Whether {@code name} is one of hived's non-virtual operations, each of which is decided here. */
  public static boolean isNonVirtual(String name) {
    return OperationRules.isNonVirtual(name);
  }
}
