package io.hivesafe.hive.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * hived answered the call with a JSON-RPC {@code error} object. Not retried on another endpoint: the
 * request reached a working node and was refused. Codes (libraries/plugins/json_rpc): -32000 server
 * error (most failures, including broadcast rejections), -32003 an assertion inside the API call,
 * -32602 invalid params, -32601 method not found, -32700 parse error.
 */
public final class RpcErrorException extends RpcException {
  /** hived's text when a transaction with the same id is already known (database.cpp). */
  public static final String DUPLICATE_TRANSACTION = "Duplicate transaction check failed";
  /**
   * hived's description of a refusal for want of resource credits: {@code not_enough_rc_exception}
   * (libraries/chain/include/hive/chain/database_exceptions.hpp, code 4100100), the start of its message.
   */
  public static final String NOT_ENOUGH_RC = "payer has not enough RC mana for transaction";
  /** That exception's fc name, in the error's {@code data.name}. */
  public static final String NOT_ENOUGH_RC_NAME = "not_enough_rc_exception";
  /** Its fc code, in the error's {@code data.code}. */
  public static final long NOT_ENOUGH_RC_CODE = 4_100_100L;
  /** The figures of rc_utility.cpp's text "Account: A has X RC, needs Y RC. Please wait to transact or power up HIVE." */
  private static final Pattern RC_FIGURES = Pattern.compile("Account: [a-z0-9.-]+ has (-?[0-9]{1,19}) RC, needs ([0-9]{1,19}) RC");

  private final int code;
  private final String message;
  private final JsonNode data;

  /**
   * @param data the {@code data} member as sent: usually an object {code,name,message,stack}, sometimes
   *     a plain string, often absent ({@code null})
   */
  public RpcErrorException(String method, int code, String message, JsonNode data) {
    super(method, method + " failed with JSON-RPC error " + code + ": " + message, null);
    this.code = code;
    this.message = Objects.requireNonNull(message, "message");
    this.data = data == null || data.isMissingNode() || data.isNull() ? null : data.deepCopy();
  }

  /** The JSON-RPC error code, e.g. -32003. */
  public int code() {
    return code;
  }

  /** hived's message exactly as sent ({@link #getMessage()} adds the method and code). */
  public String message() {
    return message;
  }

  /** The error's {@code data} member, if it had one (an object or, for some errors, a plain string). */
  public Optional<JsonNode> data() {
    return Optional.ofNullable(data).map(JsonNode::deepCopy);
  }

  /**
   * Whether hived refused a broadcast because it already knows the transaction. After a broadcast whose
   * earlier attempt may have been delivered, this means success.
   */
  public boolean isDuplicateTransaction() {
    return message.contains(DUPLICATE_TRANSACTION);
  }

  /**
   * Whether hived refused a broadcast because its payer lacks resource credits (rc_utility.cpp
   * {@code use_account_rcs}: "payer has not enough RC mana for transaction:has_mana: Account: A has X RC,
   * needs Y RC. Please wait to transact or power up HIVE."). Told by the exception's name or code in
   * {@code data} when the API sent them, else by the message's start; never by the English sentence
   * alone, which another error's text could quote.
   */
  public boolean isResourceCreditRefusal() {
    if (data != null && data.isObject()) {
      JsonNode name = data.get("name");
      JsonNode dataCode = data.get("code");
      if (name != null && name.isTextual()) {
        return name.asText().equals(NOT_ENOUGH_RC_NAME);
      }
      if (dataCode != null && dataCode.isIntegralNumber()) {
        return dataCode.asLong() == NOT_ENOUGH_RC_CODE;
      }
    }
    return message.startsWith(NOT_ENOUGH_RC + ":");
  }

  /** For a {@linkplain #isResourceCreditRefusal resource credit refusal}: the RC hived said the transaction needs, if its text names it. */
  public OptionalLong resourceCreditsNeeded() {
    return rcFigure(2);
  }

  /** For a {@linkplain #isResourceCreditRefusal resource credit refusal}: the RC hived said the payer had, if its text names it. */
  public OptionalLong resourceCreditsHeld() {
    return rcFigure(1);
  }

  private OptionalLong rcFigure(int group) {
    if (!isResourceCreditRefusal()) {
      return OptionalLong.empty();
    }
    Matcher m = RC_FIGURES.matcher(message);
    if (!m.find()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(m.group(group)));
    } catch (NumberFormatException tooLarge) {
      return OptionalLong.empty();
    }
  }
}
