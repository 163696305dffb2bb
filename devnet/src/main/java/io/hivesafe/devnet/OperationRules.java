package io.hivesafe.devnet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivesafe.hive.authority.AuthorityLimits;
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
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.SymbolNames;
import io.hivesafe.hive.protocol.TransferOperation;
import java.io.IOException;
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
 *   <li>{@link #validate}: the operation's own {@code validate()} (libraries/protocol/hive_operations.cpp),
 *       which needs no state;
 *   <li>{@link #apply}: the evaluator (libraries/chain/hive_evaluator_*.cpp), against the chain's state.
 * </ul>
 */
final class OperationRules {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SymbolNames symbols;

  OperationRules(SymbolNames symbols) {
    this.symbols = symbols;
  }

  Optional<HivedError> validate(Operation op) {
    if (op instanceof TransferOperation t) {
      return validateTransfer(t);
    } else if (op instanceof CustomJsonOperation c) {
      return validateCustomJson(c);
    } else if (op instanceof AccountUpdateOperation u) {
      return validJsonIfPresent(u.jsonMetadata());
    } else if (op instanceof AccountUpdate2Operation u) {
      return validateAccountUpdate2(u);
    }
    return Optional.of(HivedError.authority(new AuthorityRejection(AuthorityReason.UNSUPPORTED_OPERATION, op.name())));
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

  private Optional<HivedError> validateTransfer(TransferOperation t) {
    Asset amount = t.amount();
    if (amount.symbol() == AssetSymbol.VESTS) {
      return fail("not asset.symbol.is_vesting()", "Asset cannot be of VESTS type. Actual: ${subject}",
          Map.of("subject", amount.toLegacyString(symbols), "context", "Transfer of vesting is not allowed."),
          "validation.hpp", 56, "validate_asset_is_not_vesting");
    }
    if (amount.amount() <= 0) {
      return fail("asset.amount > 0", "Asset amount must be greater than zero. Actual: ${subject}",
          Map.of("subject", amount.toLegacyString(symbols), "context", "Cannot transfer a negative amount (aka: stealing)"),
          "validation.hpp", 40, "validate_asset_greater_than_zero");
    }
    int memoBytes = t.memo().getBytes(StandardCharsets.UTF_8).length;
    if (memoBytes > HiveLimits.MAX_MEMO_BYTES) {
      return fail("str.size() <= max_size", "String is too large. Size: ${size}, Max: ${max}",
          Map.of("size", Integer.toString(memoBytes), "max", Integer.toString(HiveLimits.MAX_MEMO_BYTES), "context", "Transfer memo is too large"),
          "validation.hpp", 64, "validate_string_max_size");
    }
    return Optional.empty();
  }

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

  private Optional<HivedError> validateCustomJson(CustomJsonOperation c) {
    int auths = c.requiredAuths().size() + c.requiredPostingAuths().size();
    if (auths == 0) {
      return fail("num_auths > 0", "at least one account must be specified", Map.of("subject", "0"),
          "hive_operations.cpp", 425, "validate");
    }
    if (auths > HiveLimits.MAX_AUTHORITY_MEMBERSHIP) {
      return fail("num_auths <= HIVE_MAX_AUTHORITY_MEMBERSHIP", "Authority membership exceeded. Max: ${max} Current: ${n}",
          Map.of("max", Integer.toString(HiveLimits.MAX_AUTHORITY_MEMBERSHIP), "n", Integer.toString(auths)),
          "hive_operations.cpp", 428, "validate");
    }
    int idBytes = c.id().getBytes(StandardCharsets.UTF_8).length;
    if (idBytes > HiveLimits.CUSTOM_OP_ID_MAX_LENGTH) {
      return fail("id.size() <= HIVE_CUSTOM_OP_ID_MAX_LENGTH", "Operation ID length exceeded. Max: ${max} Current: ${n}",
          Map.of("max", Integer.toString(HiveLimits.CUSTOM_OP_ID_MAX_LENGTH), "n", Integer.toString(idBytes), "subject", c.id()),
          "hive_operations.cpp", 431, "validate");
    }
    return validJson(c.json());
  }

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

  private Optional<HivedError> validateAccountUpdate2(AccountUpdate2Operation u) {
    Optional<HivedError> size = authoritySizes(u.owner(), u.active(), u.posting());
    if (size.isPresent()) {
      return size;
    }
    Optional<HivedError> json = validJsonIfPresent(u.jsonMetadata());
    return json.isPresent() ? json : validJsonIfPresent(u.postingJsonMetadata());
  }

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
      if (authority.isPresent()) {
        Optional<AuthorityRejection> size = AuthorityLimits.validate(authority.get());
        if (size.isPresent()) {
          return Optional.of(HivedError.authority(size.get()));
        }
      }
    }
    return Optional.empty();
  }

  // ---- JSON (hive_operations.cpp validate_json_with_fallback) ----

  private static Optional<HivedError> validJsonIfPresent(String json) {
    return json.isEmpty() ? Optional.empty() : validJson(json);
  }

  /**
   * One complete JSON value and nothing after it. hived's fallback parser is "relaxed" and lets some
   * non-standard forms through; the devnet is strict (RFC 8259), so it may refuse what hived would pass,
   * never the reverse for standard JSON.
   */
  static Optional<HivedError> validJson(String json) {
    if (isValidJson(json)) {
      return Optional.empty();
    }
    return fail("fc::json::is_valid(json, fc::json::format_validation_mode::relaxed )", "JSON is not valid JSON",
        Map.of("subject", json.length() > 64 ? json.substring(0, 64) + "…" : json), "hive_operations.cpp", 27,
        "validate_json_with_fallback");
  }

  static boolean isValidJson(String json) {
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<HivedError> fail(String expression, String text, Map<String, String> data, String file, int line, String method) {
    return Optional.of(HivedError.assertion(expression, text, data, file, line, method));
  }
}
