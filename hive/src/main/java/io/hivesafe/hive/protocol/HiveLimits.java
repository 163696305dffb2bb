package io.hivesafe.hive.protocol;

import java.time.Duration;

/**
 * hived's protocol limits, each defined once here and used by the protocol library, the devnet and the
 * node. Each constant names its hived definition (openhive-network/hive 1.28.x,
 * libraries/protocol/include/hive/protocol/config.hpp unless said otherwise) and where hived checks it.
 * docs/protocol.md has the table of where Hivesafe uses each one.
 */
public final class HiveLimits {
  /**
   * HIVE_MAX_MEMO_SIZE − 1 = 2,047: the longest transfer memo, in bytes of UTF-8
   * (transfer_operation::validate, hive_operations.cpp: {@code validate_string_max_size(memo,
   * HIVE_MAX_MEMO_SIZE - 1)}).
   */
  public static final int MAX_MEMO_BYTES = 2_048 - 1;

  /**
   * HIVE_CUSTOM_OP_ID_MAX_LENGTH = 32: the longest custom_json id, in bytes (custom_id_type is a
   * fixed_string of 32 bytes, so hived's JSON parser already refuses a longer one; custom_json_operation::validate
   * asserts it again).
   */
  public static final int CUSTOM_OP_ID_MAX_LENGTH = 32;

  /**
   * HIVE_CUSTOM_OP_DATA_MAX_LENGTH = 8,192: the longest custom_json json, in bytes (checked by
   * custom_json_evaluator::do_apply, hive_evaluator.cpp, not by validate()).
   */
  public static final int CUSTOM_OP_DATA_MAX_LENGTH = 8_192;

  /**
   * HIVE_CUSTOM_OP_BLOCK_LIMIT = 5 (mainnet; a testnet build reads it from its configuration): custom
   * operations one account may have in one block (database.cpp limit_custom_op_count).
   */
  public static final int CUSTOM_OP_BLOCK_LIMIT = 5;

  /**
   * HIVE_MAX_AUTHORITY_MEMBERSHIP = 40: members (keys + accounts) of one authority
   * (hive_operations.cpp validate_auth_size), and accounts named by one custom_json
   * (custom_json_operation::validate); the authority walk also gives up after passing this many members.
   */
  public static final int MAX_AUTHORITY_MEMBERSHIP = 40;

  /** HIVE_MAX_SIG_CHECK_DEPTH = 2: account_auths are followed this many levels below the top authority. */
  public static final int MAX_SIG_CHECK_DEPTH = 2;

  /** HIVE_MAX_SIG_CHECK_ACCOUNTS = 125: member accounts one authority check may look up. */
  public static final int MAX_SIG_CHECK_ACCOUNTS = 125;

  /**
   * HIVE_MAX_TIME_UNTIL_EXPIRATION = 3,600 s: before HF28 the farthest an expiration may lie ahead of
   * head time; from HF28 the longest a transaction may wait for a block (database.cpp, _push_transaction's
   * expiration checks).
   */
  public static final long MAX_TIME_UNTIL_EXPIRATION_SECONDS = 60 * 60;

  /**
   * HIVE_MAX_TIME_UNTIL_SIGNATURE_EXPIRATION = 86,400 s: from HF28 the farthest an expiration may lie
   * ahead of head time.
   */
  public static final long MAX_TIME_UNTIL_SIGNATURE_EXPIRATION_SECONDS = 24 * 60 * 60;

  /** HIVE_MIN_ACCOUNT_NAME_LENGTH = 3 (is_valid_account_name, libraries/protocol/authority.cpp). */
  public static final int MIN_ACCOUNT_NAME_LENGTH = 3;

  /**
   * HIVE_MAX_ACCOUNT_NAME_LENGTH = 16: account_name_type is a fixed_string of 16 bytes, so hived's JSON
   * parser refuses a longer name.
   */
  public static final int MAX_ACCOUNT_NAME_LENGTH = 16;

  /**
   * HIVE_OWNER_UPDATE_LIMIT = 60 minutes (mainnet; since HF26 the last two owner updates count, so an
   * owner authority can change twice an hour: hive_evaluator_account.cpp).
   */
  public static final Duration OWNER_UPDATE_LIMIT = Duration.ofMinutes(60);

  /**
   * What hived keeps free of a block for its header: a transaction may be at most maximum_block_size −
   * 256 bytes, signatures included (database.cpp push_transaction, {@code trx_size_limit}).
   */
  public static final int BLOCK_SIZE_RESERVE = 256;

  /**
   * HIVE_MIN_BLOCK_SIZE_LIMIT = HIVE_MAX_TRANSACTION_SIZE = 65,536: the smallest maximum_block_size
   * witnesses may vote for, and the value mainnet runs with.
   */
  public static final int MIN_BLOCK_SIZE_LIMIT = 64 * 1024;

  /** HIVE_MAX_BLOCK_SIZE = 2 MiB: the largest maximum_block_size witnesses may vote for. */
  public static final int MAX_BLOCK_SIZE = 2 * 1024 * 1024;

  /**
   * The last second a time_point_sec can hold: hived's times are uint32 seconds since 1970, so
   * 2106-02-07T06:28:15 (fc/time.hpp).
   */
  public static final long MAX_TIME_POINT_SEC = 0xffff_ffffL;

  private HiveLimits() {}

  /** The largest signed transaction hived accepts when blocks may hold {@code maximumBlockSize} bytes. */
  public static long maxTransactionSize(long maximumBlockSize) {
    return maximumBlockSize - BLOCK_SIZE_RESERVE;
  }
}
