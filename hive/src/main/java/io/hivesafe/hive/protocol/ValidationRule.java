package io.hivesafe.hive.protocol;

/**
 * One assertion of hived's {@code validate()} for the operations Hivesafe builds and checks
 * (openhive-network/hive 1.28.x): the asserted expression, hived's message template with {@code ${…}}
 * placeholders, and the file, line and function of the assertion, so a caller can answer as hived does.
 * What hived's JSON parser already refuses (a name longer than 16, an id longer than 32, an asset of the
 * wrong precision or symbol, a time outside uint32 seconds) never gets this far: the values refuse it in
 * their constructors.
 */
public enum ValidationRule {
  /** transaction.cpp transaction::validate. */
  NO_OPERATIONS("operations.size() > 0", "A transaction must have at least one operation", "transaction.cpp", 42, "validate"),
  /** validation.hpp validate_asset_is_not_vesting, from transfer_operation::validate. */
  TRANSFER_OF_VESTS("not asset.symbol.is_vesting()", "Asset cannot be of VESTS type. Actual: ${subject}", "validation.hpp", 56,
      "validate_asset_is_not_vesting"),
  /** validation.hpp validate_asset_greater_than_zero, from transfer_operation::validate. */
  AMOUNT_NOT_POSITIVE("asset.amount > 0", "Asset amount must be greater than zero. Actual: ${subject}", "validation.hpp", 40,
      "validate_asset_greater_than_zero"),
  /** validation.hpp validate_string_max_size(memo, HIVE_MAX_MEMO_SIZE - 1), from transfer_operation::validate. */
  MEMO_TOO_LARGE("str.size() <= max_size", "String is too large. Size: ${size}, Max: ${max}", "validation.hpp", 64,
      "validate_string_max_size"),
  /** hive_operations.cpp custom_json_operation::validate: required_auths + required_posting_auths > 0. */
  NO_CUSTOM_JSON_ACCOUNTS("num_auths > 0", "at least one account must be specified", "hive_operations.cpp", 425, "validate"),
  /** hive_operations.cpp custom_json_operation::validate: at most HIVE_MAX_AUTHORITY_MEMBERSHIP accounts. */
  TOO_MANY_CUSTOM_JSON_ACCOUNTS("num_auths <= HIVE_MAX_AUTHORITY_MEMBERSHIP",
      "Authority membership exceeded. Max: ${max} Current: ${n}", "hive_operations.cpp", 428, "validate"),
  /** hive_operations.cpp validate_auth_size, from account_update2_operation::validate. */
  AUTHORITY_MEMBERSHIP_EXCEEDED("size <= HIVE_MAX_AUTHORITY_MEMBERSHIP", "Authority membership exceeded. Max: ${max} Current: ${n}",
      "hive_operations.cpp", 40, "validate_auth_size"),
  /** hive_operations.cpp validate_json_with_fallback: custom_json's json, the accounts' json metadata. */
  INVALID_JSON("fc::json::is_valid(json, fc::json::format_validation_mode::relaxed )", "JSON is not valid JSON",
      "hive_operations.cpp", 27, "validate_json_with_fallback");

  private final String expression;
  private final String template;
  private final String file;
  private final int line;
  private final String method;

  ValidationRule(String expression, String template, String file, int line, String method) {
    this.expression = expression;
    this.template = template;
    this.file = file;
    this.line = line;
    this.method = method;
  }

  /** The C++ expression hived asserts. */
  public String expression() {
    return expression;
  }

  /** hived's message, with {@code ${name}} where the data goes. */
  public String template() {
    return template;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String method() {
    return method;
  }
}
