package io.hivesafe.hive.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * hived's {@code validate()} for a transaction and the four operations Hivesafe builds
 * (libraries/protocol/transaction.cpp, libraries/protocol/hive_operations.cpp, 1.28.x): the checks that
 * need no chain state, in hived's order, the first failure returned. hived runs them on every
 * transaction before it looks at signatures, so a transaction that fails here never reaches a block.
 *
 * <p>What hived checks later, against state, is not here: custom_json's json size
 * ({@link HiveLimits#CUSTOM_OP_DATA_MAX_LENGTH}, in its evaluator), account_update's authority sizes (in
 * its evaluator since HF20), balances, expiration and TaPoS. An {@link OtherOperation} is not validated:
 * Hivesafe only reads those from blocks, where hived has validated them.
 */
public final class OperationValidation {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OperationValidation() {}

  /** {@link #validate(Transaction, SymbolNames)} with mainnet's asset names in the messages. */
  public static Optional<Invalid> validate(Transaction tx) {
    return validate(tx, SymbolNames.MAINNET);
  }

  /**
   * transaction::validate: at least one operation, then each operation's validate(); amounts in the
   * messages are spelled with {@code names}.
   */
  public static Optional<Invalid> validate(Transaction tx, SymbolNames names) {
    if (tx.operations().isEmpty()) {
      return fail(ValidationRule.NO_OPERATIONS, Map.of("subject", "0"));
    }
    for (Operation op : tx.operations()) {
      Optional<Invalid> invalid = validate(op, names);
      if (invalid.isPresent()) {
        return invalid;
      }
    }
    return Optional.empty();
  }

  /** The operation's own validate() (account names are valid by construction); amounts spelled with {@code names}. */
  public static Optional<Invalid> validate(Operation op, SymbolNames names) {
    if (op instanceof TransferOperation t) {
      return transfer(t, names);
    } else if (op instanceof CustomJsonOperation c) {
      return customJson(c);
    } else if (op instanceof AccountUpdateOperation u) {
      // account_update_operation::validate: "unfortunately can't have validate_auth_size here".
      return jsonIfPresent(u.jsonMetadata());
    } else if (op instanceof AccountUpdate2Operation u) {
      return accountUpdate2(u);
    }
    return Optional.empty();
  }

  private static Optional<Invalid> transfer(TransferOperation t, SymbolNames names) {
    String amount = t.amount().toLegacyString(names);
    if (t.amount().symbol() == AssetSymbol.VESTS) {
      return fail(ValidationRule.TRANSFER_OF_VESTS, Map.of("subject", amount, "context", "Transfer of vesting is not allowed."));
    }
    if (t.amount().amount() <= 0) {
      return fail(ValidationRule.AMOUNT_NOT_POSITIVE,
          Map.of("subject", amount, "context", "Cannot transfer a negative amount (aka: stealing)"));
    }
    int memoBytes = t.memo().getBytes(StandardCharsets.UTF_8).length;
    if (memoBytes > HiveLimits.MAX_MEMO_BYTES) {
      return fail(ValidationRule.MEMO_TOO_LARGE, Map.of("size", Integer.toString(memoBytes),
          "max", Integer.toString(HiveLimits.MAX_MEMO_BYTES), "context", "Transfer memo is too large"));
    }
    return Optional.empty();
  }

  private static Optional<Invalid> customJson(CustomJsonOperation c) {
    int accounts = c.requiredAuths().size() + c.requiredPostingAuths().size();
    if (accounts == 0) {
      return fail(ValidationRule.NO_CUSTOM_JSON_ACCOUNTS, Map.of("subject", "0"));
    }
    if (accounts > HiveLimits.MAX_AUTHORITY_MEMBERSHIP) {
      return fail(ValidationRule.TOO_MANY_CUSTOM_JSON_ACCOUNTS,
          Map.of("max", Integer.toString(HiveLimits.MAX_AUTHORITY_MEMBERSHIP), "n", Integer.toString(accounts)));
    }
    return json(c.json());
  }

  private static Optional<Invalid> accountUpdate2(AccountUpdate2Operation u) {
    for (Optional<Authority> authority : List.of(u.owner(), u.active(), u.posting())) {
      Optional<Invalid> size = authority.flatMap(OperationValidation::authoritySize);
      if (size.isPresent()) {
        return size;
      }
    }
    Optional<Invalid> json = jsonIfPresent(u.jsonMetadata());
    return json.isPresent() ? json : jsonIfPresent(u.postingJsonMetadata());
  }

  /** hive_operations.cpp validate_auth_size: at most {@link HiveLimits#MAX_AUTHORITY_MEMBERSHIP} members. */
  public static Optional<Invalid> authoritySize(Authority authority) {
    int members = authority.memberCount();
    if (members > HiveLimits.MAX_AUTHORITY_MEMBERSHIP) {
      return fail(ValidationRule.AUTHORITY_MEMBERSHIP_EXCEEDED,
          Map.of("max", Integer.toString(HiveLimits.MAX_AUTHORITY_MEMBERSHIP), "n", Integer.toString(members)));
    }
    return Optional.empty();
  }

  private static Optional<Invalid> jsonIfPresent(String json) {
    return json.isEmpty() ? Optional.empty() : json(json);
  }

  private static Optional<Invalid> json(String json) {
    if (isValidJson(json)) {
      return Optional.empty();
    }
    return fail(ValidationRule.INVALID_JSON, Map.of("subject", json.length() > 64 ? json.substring(0, 64) + "…" : json));
  }

  /**
   * One complete JSON value and nothing after it. hived's fallback parser is "relaxed" and lets some
   * non-standard forms through; this check is strict (RFC 8259), so it may refuse what hived would pass,
   * never the reverse for standard JSON.
   */
  public static boolean isValidJson(String json) {
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

  private static Optional<Invalid> fail(ValidationRule rule, Map<String, String> data) {
    return Optional.of(Invalid.of(rule, data));
  }
}
