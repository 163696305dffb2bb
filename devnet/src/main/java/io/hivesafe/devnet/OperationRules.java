package io.hivesafe.devnet;

import io.hivesafe.hive.authority.AuthorityReason;
import io.hivesafe.hive.authority.AuthorityRejection;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.AccountUpdate2Operation;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.HiveLimits;
import io.hivesafe.hive.protocol.Invalid;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.OperationValidation;
import io.hivesafe.hive.protocol.SymbolNames;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.protocol.ValidationRule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * hived's checks and effects for the four operations the devnet models, each with hived's assertion text
 * (openhive-network/hive 1.28.x; file named on each check):
 *
 * <ul>
 *   <li>{@link #validate}: the transaction's and each operation's own {@code validate()}
 *       (libraries/protocol/transaction.cpp, hive_operations.cpp), which needs no state: the protocol
 *       library's {@link OperationValidation}, answered with hived's assertion;
 *   <li>{@link #apply}: the evaluator (libraries/chain/hive_evaluator_*.cpp), against the chain's state.
 * </ul>
 */
final class OperationRules {

  private final SymbolNames symbols;

  OperationRules(SymbolNames symbols) {
    this.symbols = symbols;
  }

  /**
   * transaction::validate: at least one operation, then each operation in order — one the devnet does not
   * model is refused (its authorities are unknown), the others by {@link OperationValidation}.
   */
  Optional<HivedError> validate(Transaction tx) {
    if (tx.operations().isEmpty()) {
      return OperationValidation.validate(tx, symbols).map(OperationRules::hivedError);
    }
    for (Operation op : tx.operations()) {
      if (!(op instanceof TransferOperation || op instanceof CustomJsonOperation || op instanceof AccountUpdateOperation
          || op instanceof AccountUpdate2Operation)) {
        return Optional.of(HivedError.authority(new AuthorityRejection(AuthorityReason.UNSUPPORTED_OPERATION, op.name())));
      }
      Optional<Invalid> invalid = OperationValidation.validate(op, symbols);
      if (invalid.isPresent()) {
        return invalid.map(OperationRules::hivedError);
      }
    }
    return Optional.empty();
  }

  /** hived's answer to a failed validate(): its assertion, or for an authority's size its authority exception. */
  private static HivedError hivedError(Invalid invalid) {
    ValidationRule rule = invalid.rule();
    if (rule == ValidationRule.AUTHORITY_MEMBERSHIP_EXCEEDED) {
      return HivedError.authority(new AuthorityRejection(AuthorityReason.AUTHORITY_MEMBERSHIP_EXCEEDED, invalid.data().get("n")));
    }
    return HivedError.assertion(rule.expression(), rule.template(), invalid.data(), rule.file(), rule.line(), rule.method());
  }

  Optional<HivedError> apply(Operation op, ChainState state, Instant now) {
    if (op instanceof TransferOperation t) {
      return applyTransfer(t, state);
    } else if (op instanceof CustomJsonOperation c) {
      return applyCustomJson(c);
    } else if (op instanceof AccountUpdateOperation u) {
      return applyUpdate(state, now, u.account(), u.owner(), u.active(), u.posting(), u.memoKey(),
          Optional.of(u.jsonMetadata()), Optional.empty(), true);
    } else if (op instanceof AccountUpdate2Operation u) {
      return applyUpdate(state, now, u.account(), u.owner(), u.active(), u.posting(), u.memoKey(),
          Optional.of(u.jsonMetadata()), Optional.of(u.postingJsonMetadata()), false);
    }
    throw new IllegalStateException("unsupported operation " + op.name() + " passed validation");
  }

  // ---- transfer (hive_operations.cpp transfer_operation::validate; hive_evaluator_transfer.cpp; database.cpp adjust_balance) ----

  private Optional<HivedError> applyTransfer(TransferOperation t, ChainState state) {
    Optional<HivedError> from = debit(state, t.from(), t.amount());
    if (from.isPresent()) {
      return from;
    }
    Optional<ChainAccount> to = state.account(t.to());
    if (to.isEmpty()) {
      return Optional.of(missingAccount(t.to()));
    }
    state.put(to.get().withBalance(to.get().balance(t.amount().symbol()).plus(t.amount())));
    return Optional.empty();
  }

  private Optional<HivedError> debit(ChainState state, AccountName name, Asset amount) {
    Optional<ChainAccount> account = state.account(name);
    if (account.isEmpty()) {
      return Optional.of(missingAccount(name));
    }
    Asset balance = account.get().balance(amount.symbol());
    if (balance.amount() < amount.amount()) {
      boolean hive = amount.symbol() == AssetSymbol.HIVE;
      return fail(hive ? "acnt.get_hive_balance().amount.value >= 0" : "acnt.get_hbd_balance().amount.value >= 0",
          hive ? "Insufficient HIVE funds" : "Insufficient HBD funds", Map.of(), "database.cpp", hive ? 3185 : 3244, "modify_balance");
    }
    state.put(account.get().withBalance(balance.minus(amount)));
    return Optional.empty();
  }

  private static HivedError missingAccount(AccountName name) {
    return HivedError.assertion("_account != nullptr && \"By name\"", "Account ${acc} doesn't exist",
        Map.of("acc", name.value()), "database.cpp", 392, "get_account");
  }

  // ---- custom_json (hive_operations.cpp custom_json_operation::validate; hive_evaluator.cpp custom_json_evaluator) ----

  private Optional<HivedError> applyCustomJson(CustomJsonOperation c) {
    int bytes = c.json().getBytes(StandardCharsets.UTF_8).length;
    if (bytes > HiveLimits.CUSTOM_OP_DATA_MAX_LENGTH) {
      return fail("o.json.length() <= HIVE_CUSTOM_OP_DATA_MAX_LENGTH", "Operation JSON must be less than ${bytes} bytes.",
          Map.of("bytes", Integer.toString(HiveLimits.CUSTOM_OP_DATA_MAX_LENGTH), "subject", Integer.toString(bytes)),
          "hive_evaluator.cpp", 343, "do_apply");
    }
    return Optional.empty();
  }

  // ---- account_update / account_update2 (hive_operations.cpp; hive_evaluator_account.cpp) ----

  private Optional<HivedError> applyUpdate(ChainState state, Instant now, AccountName name, Optional<Authority> owner,
      Optional<Authority> active, Optional<Authority> posting, Optional<PublicKey> memo, Optional<String> json,
      Optional<String> postingJson, boolean checkSizesHere) {
    Optional<ChainAccount> found = state.account(name);
    if (found.isEmpty()) {
      return Optional.of(missingAccount(name));
    }
    ChainAccount account = found.get();
    if (checkSizesHere) {
      Optional<HivedError> size = authoritySizes(owner, active, posting);
      if (size.isPresent()) {
        return size;
      }
    }
    if (owner.isPresent()) {
      boolean allowed = Duration.between(account.lastOwnerUpdate(), now).compareTo(HiveLimits.OWNER_UPDATE_LIMIT) > 0
          || Duration.between(account.previousOwnerUpdate(), now).compareTo(HiveLimits.OWNER_UPDATE_LIMIT) > 0;
      if (!allowed) {
        return fail("util::owner_update_limit_mgr::check( _db.has_hardfork( HIVE_HARDFORK_1_26_AUTH_UPDATE ), _db.head_block_time(), "
                + "account_auth.previous_owner_update, account_auth.last_owner_update ) && \"" + (checkSizesHere ? "update" : "update2") + "\"",
            "${m}", Map.of("m", "Owner authority can only be updated twice an hour.", "subject", name.value()),
            "hive_evaluator_account.cpp", checkSizesHere ? 313 : 361, "do_apply");
      }
    }
    String[] roles = {"owner", "active", "posting"};
    List<Optional<Authority>> given = List.of(owner, active, posting);
    for (int i = 0; i < 3; i++) {
      if (given.get(i).isEmpty()) {
        continue;
      }
      for (Authority.AccountWeight member : given.get(i).get().accountAuths()) {
        if (state.account(member.account()).isEmpty()) {
          return fail("a != nullptr", "New ${ac} authority on account ${aa} references non-existing account ${aref}",
              Map.of("ac", roles[i], "aa", name.value(), "aref", member.account().value()),
              "hive_evaluator_account.cpp", 63, "verify_authority_accounts_exist_impl");
        }
      }
    }
    state.put(account.withUpdate(owner, active, posting, memo, json, postingJson, now));
    return Optional.empty();
  }

  private static Optional<HivedError> authoritySizes(Optional<Authority> owner, Optional<Authority> active, Optional<Authority> posting) {
    for (Optional<Authority> authority : List.of(owner, active, posting)) {
      Optional<Invalid> size = authority.flatMap(OperationValidation::authoritySize);
      if (size.isPresent()) {
        return size.map(OperationRules::hivedError);
      }
    }
    return Optional.empty();
  }

  private static Optional<HivedError> fail(String expression, String text, Map<String, String> data, String file, int line, String method) {
    return Optional.of(HivedError.assertion(expression, text, data, file, line, method));
  }
}
