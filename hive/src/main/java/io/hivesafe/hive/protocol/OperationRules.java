package io.hivesafe.hive.protocol;

import static io.hivesafe.hive.protocol.OperationFields.account;
import static io.hivesafe.hive.protocol.OperationFields.accounts;
import static io.hivesafe.hive.protocol.OperationFields.asset;
import static io.hivesafe.hive.protocol.OperationFields.authorities;
import static io.hivesafe.hive.protocol.OperationFields.authority;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.json.JsonFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * hived's 50 non-virtual operations (libraries/protocol/include/hive/protocol/operations.hpp, ids 0..49 up
 * to recurrent_transfer) and, for each one that arrives as an {@link OtherOperation}, the fields its
 * effects are read from. Each rule says which part of hived 1.28 it follows:
 *
 * <ul>
 *   <li>authorities: the op's {@code get_required_owner/active/posting_authorities} and {@code
 *       get_required_authorities} in libraries/protocol/include/hive/protocol/hive_operations.hpp (proposals:
 *       dhf_operations.hpp; pow2: libraries/protocol/hive_operations.cpp);
 *   <li>debits: the op's {@code do_apply} in libraries/chain/hive_evaluator*.cpp or dhf_evaluator.cpp, where
 *       it calls {@code adjust_balance(account, -x)} or lowers {@code balance} directly. Savings
 *       ({@code adjust_savings_balance}), VESTS and reward balances are not liquid balances.
 * </ul>
 *
 * <p>A rule reads only what it needs, so checking an operation costs a few field look-ups. Every reader
 * names the field it failed on ({@link OperationFields}); {@link #effects} adds the operation's name.
 */
final class OperationRules {
  /** Reads one operation's effects from its JSON body. */
  @FunctionalInterface
  private interface Rule {
    void read(JsonNode body, EffectsBuilder effects);
  }

  static final List<String> NON_VIRTUAL;
  private static final Map<String, Rule> RULES = new HashMap<>(64);
  private static final List<String> TYPED =
      List.of(TransferOperation.NAME, AccountUpdateOperation.NAME, CustomJsonOperation.NAME, AccountUpdate2Operation.NAME);

  static {
    List<String> names = new ArrayList<>(50);
    // 0 vote: posting of voter. hive_evaluator_social.cpp vote_evaluator: no balance change.
    define(names, 0, "vote", (b, e) -> e.posting(account(b, "voter")));
    // 1 comment: posting of author. comment_evaluator: no balance change.
    define(names, 1, "comment", (b, e) -> e.posting(account(b, "author")));
    // 2 transfer: typed (OperationEffects.of).
    define(names, 2, TransferOperation.NAME, null);
    // 3 transfer_to_vesting: active of from. hive_evaluator_transfer.cpp transfer_to_vesting_evaluator:
    // adjust_balance(from, -amount) (HIVE) before vesting it for `to`.
    define(names, 3, "transfer_to_vesting", (b, e) -> {
      AccountName from = account(b, "from");
      e.active(from).debit(from, asset(b, "amount"));
    });
    // 4 withdraw_vesting: active of account. withdraw_vesting_evaluator only schedules a VESTS power-down.
    define(names, 4, "withdraw_vesting", (b, e) -> e.active(account(b, "account")));
    // 5 limit_order_create: active of owner. limit_order_create_evaluator: adjust_balance(owner, -amount_to_sell)
    // before the order is matched.
    define(names, 5, "limit_order_create", (b, e) -> {
      AccountName owner = account(b, "owner");
      e.active(owner).debit(owner, asset(b, "amount_to_sell"));
    });
    // 6 limit_order_cancel: active of owner. limit_order_cancel_evaluator returns the order's rest (a credit).
    define(names, 6, "limit_order_cancel", (b, e) -> e.active(account(b, "owner")));
    // 7 feed_publish: active of publisher. feed_publish_evaluator: no balance change.
    define(names, 7, "feed_publish", (b, e) -> e.active(account(b, "publisher")));
    // 8 convert: active of owner. convert_evaluator: adjust_balance(owner, -amount) (HBD); HIVE follows
    // 3.5 days later as a virtual op.
    define(names, 8, "convert", (b, e) -> {
      AccountName owner = account(b, "owner");
      e.active(owner).debit(owner, asset(b, "amount"));
    });
    // 9 account_create: active of creator. hive_evaluator_account.cpp account_create_evaluator:
    // adjust_balance(creator, -fee).
    define(names, 9, "account_create", (b, e) -> {
      AccountName creator = account(b, "creator");
      e.active(creator).debit(creator, asset(b, "fee"));
    });
    // 10 account_update: typed.
    define(names, 10, AccountUpdateOperation.NAME, null);
    // 11 witness_update: active of owner. hive_evaluator.cpp witness_update_evaluator never charges the
    // op's `fee` field: no debit.
    define(names, 11, "witness_update", (b, e) -> e.active(account(b, "owner")));
    // 12 account_witness_vote: active of account. No balance change.
    define(names, 12, "account_witness_vote", (b, e) -> e.active(account(b, "account")));
    // 13 account_witness_proxy: active of account. No balance change.
    define(names, 13, "account_witness_proxy", (b, e) -> e.active(account(b, "account")));
    // 14 pow: get_required_active_authorities is empty ("the proof of work is sufficient"); pow_evaluator
    // is disabled since HF13 and paid rewards, never debits. Nothing.
    define(names, 14, "pow", (b, e) -> {});
    // 15 custom: required_auths → active. custom_evaluator: no balance change.
    define(names, 15, "custom", (b, e) -> accounts(b, "required_auths").forEach(e::active));
    // 16 witness_block_approve: hived asks for the witness's block signing key
    // (get_required_witness_signatures), no account authority; its evaluator refuses it in any block. Nothing.
    define(names, 16, "witness_block_approve", (b, e) -> {});
    // 17 delete_comment: posting of author.
    define(names, 17, "delete_comment", (b, e) -> e.posting(account(b, "author")));
    // 18 custom_json: typed.
    define(names, 18, CustomJsonOperation.NAME, null);
    // 19 comment_options: posting of author.
    define(names, 19, "comment_options", (b, e) -> e.posting(account(b, "author")));
    // 20 set_withdraw_vesting_route: active of from_account. No balance change now (routes later power-downs).
    define(names, 20, "set_withdraw_vesting_route", (b, e) -> e.active(account(b, "from_account")));
    // 21 limit_order_create2: active of owner. limit_order_create2_evaluator: adjust_balance(owner, -amount_to_sell).
    define(names, 21, "limit_order_create2", (b, e) -> {
      AccountName owner = account(b, "owner");
      e.active(owner).debit(owner, asset(b, "amount_to_sell"));
    });
    // 22 claim_account: active of creator. claim_account_evaluator: creator.balance -= fee (0 when the
    // claim uses the RC subsidy, then no debit).
    define(names, 22, "claim_account", (b, e) -> {
      AccountName creator = account(b, "creator");
      e.active(creator).debit(creator, asset(b, "fee"));
    });
    // 23 create_claimed_account: active of creator. create_claimed_account_evaluator spends a claimed
    // account ticket, no balance.
    define(names, 23, "create_claimed_account", (b, e) -> e.active(account(b, "creator")));
    // 24 request_account_recovery: active of recovery_account; targets account_to_recover.
    define(names, 24, "request_account_recovery",
        (b, e) -> e.active(account(b, "recovery_account")).recoveryTarget(account(b, "account_to_recover")));
    // 25 recover_account: no account authority; get_required_authorities pushes new_owner_authority and
    // recent_owner_authority. Targets account_to_recover.
    define(names, 25, "recover_account", (b, e) -> e.recoveryTarget(account(b, "account_to_recover"))
        .authority(authority(b, "new_owner_authority"))
        .authority(authority(b, "recent_owner_authority")));
    // 26 change_recovery_account: owner of account_to_recover; targets it.
    define(names, 26, "change_recovery_account", (b, e) -> {
      AccountName target = account(b, "account_to_recover");
      e.owner(target).recoveryTarget(target);
    });
    // 27 escrow_transfer: active of from. escrow_transfer_evaluator: adjust_balance(from, -(hive_amount +
    // fee if HIVE)) and adjust_balance(from, -(hbd_amount + fee if HBD)) into the escrow object.
    define(names, 27, "escrow_transfer", (b, e) -> {
      AccountName from = account(b, "from");
      e.active(from).debit(from, asset(b, "hive_amount")).debit(from, asset(b, "hbd_amount")).debit(from, asset(b, "fee"));
    });
    // 28 escrow_dispute: active of who. No balance change.
    define(names, 28, "escrow_dispute", (b, e) -> e.active(account(b, "who")));
    // 29 escrow_release: active of who. escrow_release_evaluator pays the receiver out of the escrow object
    // (a credit), no account debit.
    define(names, 29, "escrow_release", (b, e) -> e.active(account(b, "who")));
    // 30 pow2: hive_operations.cpp pow2_operation::get_required_active_authorities: active of
    // work.input.worker_account unless new_owner_key is set; with new_owner_key, get_required_authorities
    // pushes authority(1, new_owner_key, 1). Mining is disabled since HF17; never debits.
    define(names, 30, "pow2", Pow2Rule::read);
    // 31 escrow_approve: active of who. Rejection refunds from (a credit); approval pays the agent's fee
    // out of the escrow object. No account debit.
    define(names, 31, "escrow_approve", (b, e) -> e.active(account(b, "who")));
    // 32 transfer_to_savings: active of from. transfer_to_savings_evaluator: adjust_balance(from, -amount),
    // then adjust_savings_balance(to, amount).
    define(names, 32, "transfer_to_savings", (b, e) -> {
      AccountName from = account(b, "from");
      e.active(from).debit(from, asset(b, "amount"));
    });
    // 33 transfer_from_savings: active of from. transfer_from_savings_evaluator takes the amount from the
    // SAVINGS balance (adjust_savings_balance); the liquid balance of `to` is credited 3 days later. No debit.
    define(names, 33, "transfer_from_savings", (b, e) -> e.active(account(b, "from")));
    // 34 cancel_transfer_from_savings: active of from. Returns the amount to savings (a credit).
    define(names, 34, "cancel_transfer_from_savings", (b, e) -> e.active(account(b, "from")));
    // 35 custom_binary: required_owner_auths → owner, required_active_auths → active,
    // required_posting_auths → posting, required_auths → authorities. custom_binary_evaluator: no balance.
    define(names, 35, "custom_binary", (b, e) -> {
      accounts(b, "required_owner_auths").forEach(e::owner);
      accounts(b, "required_active_auths").forEach(e::active);
      accounts(b, "required_posting_auths").forEach(e::posting);
      authorities(b, "required_auths").forEach(e::authority);
    });
    // 36 decline_voting_rights: owner of account. No balance change.
    define(names, 36, "decline_voting_rights", (b, e) -> e.owner(account(b, "account")));
    // 37 reset_account: active of reset_account (declared; reset_account_evaluator is disabled). Not counted
    // as a recovery: it can never be applied.
    define(names, 37, "reset_account", (b, e) -> e.active(account(b, "reset_account")));
    // 38 set_reset_account: owner of account if current_reset_account is non-empty, otherwise posting of
    // account (declared; the evaluator is disabled).
    define(names, 38, "set_reset_account", (b, e) -> {
      AccountName account = account(b, "account");
      if (JsonFields.text(b, "current_reset_account").isEmpty()) {
        e.posting(account);
      } else {
        e.owner(account);
      }
    });
    // 39 claim_reward_balance: posting of account. Moves reward balances in (credits only).
    define(names, 39, "claim_reward_balance", (b, e) -> e.posting(account(b, "account")));
    // 40 delegate_vesting_shares: active of delegator. VESTS only: no debit.
    define(names, 40, "delegate_vesting_shares", (b, e) -> e.active(account(b, "delegator")));
    // 41 account_create_with_delegation: active of creator. Evaluator: creator.balance -= fee (the
    // delegation is VESTS: no debit).
    define(names, 41, "account_create_with_delegation", (b, e) -> {
      AccountName creator = account(b, "creator");
      e.active(creator).debit(creator, asset(b, "fee"));
    });
    // 42 witness_set_properties: no account authority. get_required_authorities pushes the witness's
    // current signing key from props["key"] (or the impossible `null` account): a key, not an account's
    // authority, and it may be the 33-zero null key, so it is not listed. No balance change.
    define(names, 42, "witness_set_properties", (b, e) -> {});
    // 43 account_update2: typed.
    define(names, 43, AccountUpdate2Operation.NAME, null);
    // 44 create_proposal: active of creator (dhf_operations.hpp). dhf_evaluator.cpp
    // create_proposal_evaluator: adjust_balance(creator, -fee) in HBD, fee = 10 HBD + 1 HBD per day of
    // run time beyond 60 (the HF24 rule, in force on mainnet).
    define(names, 44, "create_proposal", (b, e) -> {
      AccountName creator = account(b, "creator");
      e.active(creator).debit(creator, ProposalFee.of(JsonFields.time(b, "start_date"), JsonFields.time(b, "end_date")));
    });
    // 45 update_proposal_votes: active of voter. No balance change.
    define(names, 45, "update_proposal_votes", (b, e) -> e.active(account(b, "voter")));
    // 46 remove_proposal: active of proposal_owner. No balance change (the fee is not refunded).
    define(names, 46, "remove_proposal", (b, e) -> e.active(account(b, "proposal_owner")));
    // 47 update_proposal: active of creator. update_proposal_evaluator charges nothing.
    define(names, 47, "update_proposal", (b, e) -> e.active(account(b, "creator")));
    // 48 collateralized_convert: active of owner. collateralized_convert_evaluator: adjust_balance(owner,
    // -amount) (HIVE collateral), then credits the HBD at once.
    define(names, 48, "collateralized_convert", (b, e) -> {
      AccountName owner = account(b, "owner");
      e.active(owner).debit(owner, asset(b, "amount"));
    });
    // 49 recurrent_transfer: active of from. recurrent_transfer_evaluator only checks the balance covers
    // the first transfer and creates/updates/removes the recurrent_transfer_object; it moves nothing. The
    // first transfer of a NEW one is made by database::process_recurrent_transfers (database_dhf.cpp) at
    // the end of the same block (trigger date = head time), as a fill_recurrent_transfer virtual op, unless
    // the 1000-per-block limit defers it. An update of an existing one moves nothing. No debit.
    define(names, 49, "recurrent_transfer", (b, e) -> e.active(account(b, "from")));
    NON_VIRTUAL = List.copyOf(names);
  }

  private OperationRules() {}

  private static void define(List<String> names, int id, String name, Rule rule) {
    if (names.size() != id || names.contains(name)) {
      throw new IllegalStateException("operation table out of order at " + id + " " + name);
    }
    names.add(name);
    if (rule != null) {
      RULES.put(name, rule);
    }
  }

  static boolean isNonVirtual(String name) {
    return RULES.containsKey(name) || TYPED.contains(name);
  }

  /**
   * Checks that an {@link OtherOperation} can be classified: a known operation must hold the fields its
   * effects are read from; a typed operation must not arrive as an OtherOperation; any other name passes.
   */
  static void check(String name, JsonNode body) {
    if (TYPED.contains(name)) {
      throw new HiveFormatException(name + " is a typed operation and cannot be an OtherOperation");
    }
    effects(name, body);
  }

  /** The effects of the OtherOperation {@code name}; {@link OperationEffects#NONE} for a name not decided here. */
  static OperationEffects effects(String name, JsonNode body) {
    Rule rule = RULES.get(name);
    if (rule == null) {
      return OperationEffects.NONE;
    }
    EffectsBuilder effects = new EffectsBuilder();
    try {
      rule.read(body, effects);
      return effects.build();
    } catch (HiveFormatException e) {
      throw new HiveFormatException(name + ": " + e.getMessage(), e);
    }
  }
}
