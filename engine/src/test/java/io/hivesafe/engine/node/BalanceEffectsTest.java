package io.hivesafe.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivesafe.engine.node.BalanceEffects.Delta;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.json.OperationJson;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Operation;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * What each operation of an account's history does to its liquid HIVE and HBD, as the custody check
 * reads it: one named case per operation it interprets (in hived's HF26 JSON, as account_history_api
 * sends it), and the ones it deliberately reads as zero.
 */
class BalanceEffectsTest {
  private static final AccountName MS = AccountName.of("hivesafe-ms");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String hive(long milli) {
    return "{\"amount\":\"" + milli + "\",\"precision\":3,\"nai\":\"@@000000021\"}";
  }

  private static String hbd(long milli) {
    return "{\"amount\":\"" + milli + "\",\"precision\":3,\"nai\":\"@@000000013\"}";
  }

  private static String vests(long micro) {
    return "{\"amount\":\"" + micro + "\",\"precision\":6,\"nai\":\"@@000000037\"}";
  }

  private static Operation op(String type, String value) {
    try {
      return OperationJson.read(JSON.readTree("{\"type\":\"" + type + "_operation\",\"value\":" + value + "}"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("transfer in", op("transfer", "{\"from\":\"user0\",\"to\":\"hivesafe-ms\",\"amount\":" + hive(1_000)
            + ",\"memo\":\"\"}"), 1_000, 0),
        Arguments.of("transfer out", op("transfer", "{\"from\":\"hivesafe-ms\",\"to\":\"user0\",\"amount\":" + hbd(250)
            + ",\"memo\":\"\"}"), 0, -250),
        Arguments.of("transfer to itself", op("transfer", "{\"from\":\"hivesafe-ms\",\"to\":\"hivesafe-ms\",\"amount\":" + hive(9)
            + ",\"memo\":\"\"}"), 0, 0),
        Arguments.of("transfer between others", op("transfer", "{\"from\":\"user0\",\"to\":\"user1\",\"amount\":" + hive(9)
            + ",\"memo\":\"\"}"), 0, 0),
        Arguments.of("fill_recurrent_transfer out", op("fill_recurrent_transfer", "{\"from\":\"hivesafe-ms\",\"to\":\"user0\","
            + "\"amount\":" + hive(300) + ",\"memo\":\"\",\"remaining_executions\":0,\"extensions\":[]}"), -300, 0),
        Arguments.of("fill_recurrent_transfer in", op("fill_recurrent_transfer", "{\"from\":\"user0\",\"to\":\"hivesafe-ms\","
            + "\"amount\":" + hbd(40) + ",\"memo\":\"\",\"remaining_executions\":2,\"extensions\":[]}"), 0, 40),
        Arguments.of("recurrent_transfer moves nothing itself", op("recurrent_transfer", "{\"from\":\"hivesafe-ms\",\"to\":\"user0\","
            + "\"amount\":" + hive(300) + ",\"memo\":\"\",\"recurrence\":24,\"executions\":2,\"extensions\":[]}"), 0, 0),
        Arguments.of("fill_transfer_from_savings", op("fill_transfer_from_savings", "{\"from\":\"user0\",\"to\":\"hivesafe-ms\","
            + "\"amount\":" + hbd(70) + ",\"request_id\":1,\"memo\":\"\"}"), 0, 70),
        Arguments.of("transfer_to_savings (a debit)", op("transfer_to_savings", "{\"from\":\"hivesafe-ms\",\"to\":\"hivesafe-ms\","
            + "\"amount\":" + hive(500) + ",\"memo\":\"\"}"), -500, 0),
        Arguments.of("convert (a debit)", op("convert", "{\"owner\":\"hivesafe-ms\",\"requestid\":1,\"amount\":" + hbd(800) + "}"), 0,
            -800),
        Arguments.of("fill_convert_request", op("fill_convert_request", "{\"owner\":\"hivesafe-ms\",\"requestid\":1,\"amount_in\":"
            + hbd(800) + ",\"amount_out\":" + hive(2_000) + "}"), 2_000, 0),
        Arguments.of("collateralized_convert_immediate_conversion", op("collateralized_convert_immediate_conversion",
            "{\"owner\":\"hivesafe-ms\",\"requestid\":2,\"hbd_out\":" + hbd(450) + "}"), 0, 450),
        Arguments.of("fill_collateralized_convert_request: only the excess", op("fill_collateralized_convert_request",
            "{\"owner\":\"hivesafe-ms\",\"requestid\":2,\"amount_in\":" + hive(900) + ",\"amount_out\":" + hbd(450)
                + ",\"excess_collateral\":" + hive(100) + "}"), 100, 0),
        Arguments.of("limit_order_create (a debit)", op("limit_order_create", "{\"owner\":\"hivesafe-ms\",\"orderid\":7,"
            + "\"amount_to_sell\":" + hive(1_000) + ",\"min_to_receive\":" + hbd(300) + ",\"fill_or_kill\":false,"
            + "\"expiration\":\"2026-01-02T00:00:00\"}"), -1_000, 0),
        Arguments.of("fill_order as taker", op("fill_order", "{\"current_owner\":\"hivesafe-ms\",\"current_orderid\":7,"
            + "\"current_pays\":" + hive(1_000) + ",\"open_owner\":\"user0\",\"open_orderid\":3,\"open_pays\":" + hbd(310) + "}"), 0,
            310),
        Arguments.of("fill_order as maker", op("fill_order", "{\"current_owner\":\"user0\",\"current_orderid\":3,"
            + "\"current_pays\":" + hbd(310) + ",\"open_owner\":\"hivesafe-ms\",\"open_orderid\":7,\"open_pays\":" + hive(1_000)
            + "}"), 0, 310),
        Arguments.of("limit_order_cancelled", op("limit_order_cancelled", "{\"seller\":\"hivesafe-ms\",\"orderid\":7,"
            + "\"amount_back\":" + hive(600) + "}"), 600, 0),
        Arguments.of("escrow_transfer (a debit, fee included)", op("escrow_transfer", "{\"from\":\"hivesafe-ms\",\"to\":\"user0\","
            + "\"agent\":\"user1\",\"escrow_id\":1,\"hbd_amount\":" + hbd(10) + ",\"hive_amount\":" + hive(20) + ",\"fee\":"
            + hive(1) + ",\"ratification_deadline\":\"2026-01-02T00:00:00\",\"escrow_expiration\":\"2026-01-03T00:00:00\","
            + "\"json_meta\":\"\"}"), -21, -10),
        Arguments.of("escrow_release to the receiver", op("escrow_release", "{\"from\":\"user0\",\"to\":\"hivesafe-ms\","
            + "\"agent\":\"user1\",\"who\":\"user0\",\"receiver\":\"hivesafe-ms\",\"escrow_id\":1,\"hbd_amount\":" + hbd(10)
            + ",\"hive_amount\":" + hive(20) + "}"), 20, 10),
        Arguments.of("escrow_approved: the fee to the agent", op("escrow_approved", "{\"from\":\"user0\",\"to\":\"user1\","
            + "\"agent\":\"hivesafe-ms\",\"escrow_id\":1,\"fee\":" + hbd(3) + "}"), 0, 3),
        Arguments.of("escrow_rejected: all back to from", op("escrow_rejected", "{\"from\":\"hivesafe-ms\",\"to\":\"user0\","
            + "\"agent\":\"user1\",\"escrow_id\":1,\"hbd_amount\":" + hbd(10) + ",\"hive_amount\":" + hive(20) + ",\"fee\":"
            + hive(1) + "}"), 21, 10),
        Arguments.of("claim_reward_balance", op("claim_reward_balance", "{\"account\":\"hivesafe-ms\",\"reward_hive\":" + hive(5)
            + ",\"reward_hbd\":" + hbd(6) + ",\"reward_vests\":" + vests(7_000_000) + "}"), 5, 6),
        Arguments.of("fill_vesting_withdraw in HIVE", op("fill_vesting_withdraw", "{\"from_account\":\"user0\","
            + "\"to_account\":\"hivesafe-ms\",\"withdrawn\":" + vests(1_000_000) + ",\"deposited\":" + hive(550) + "}"), 550, 0),
        Arguments.of("fill_vesting_withdraw in VESTS", op("fill_vesting_withdraw", "{\"from_account\":\"user0\","
            + "\"to_account\":\"hivesafe-ms\",\"withdrawn\":" + vests(1_000_000) + ",\"deposited\":" + vests(1_000_000) + "}"), 0, 0),
        Arguments.of("proposal_pay", op("proposal_pay", "{\"proposal_id\":1,\"receiver\":\"hivesafe-ms\",\"payer\":\"hive.fund\","
            + "\"payment\":" + hbd(1_234) + "}"), 0, 1_234),
        Arguments.of("interest into the liquid balance", op("interest", "{\"owner\":\"hivesafe-ms\",\"interest\":" + hbd(8)
            + ",\"is_saved_into_hbd_balance\":true}"), 0, 8),
        Arguments.of("interest into savings", op("interest", "{\"owner\":\"hivesafe-ms\",\"interest\":" + hbd(8)
            + ",\"is_saved_into_hbd_balance\":false}"), 0, 0),
        Arguments.of("producer_reward in HIVE", op("producer_reward", "{\"producer\":\"hivesafe-ms\",\"vesting_shares\":" + hive(4)
            + "}"), 4, 0),
        Arguments.of("producer_reward in VESTS", op("producer_reward", "{\"producer\":\"hivesafe-ms\",\"vesting_shares\":"
            + vests(4) + "}"), 0, 0),
        Arguments.of("hardfork_hive takes all", op("hardfork_hive", "{\"account\":\"hivesafe-ms\",\"treasury\":\"steem.dao\","
            + "\"other_affected_accounts\":[],\"hbd_transferred\":" + hbd(2) + ",\"hive_transferred\":" + hive(3)
            + ",\"vests_converted\":" + vests(0) + ",\"total_hive_from_vests\":" + hive(0) + "}"), -3, -2),
        Arguments.of("author_reward goes to the reward balance", op("author_reward", "{\"author\":\"hivesafe-ms\",\"permlink\":\"p\","
            + "\"hbd_payout\":" + hbd(5) + ",\"hive_payout\":" + hive(5) + ",\"vesting_payout\":" + vests(5)
            + ",\"curators_vesting_payout\":" + vests(5) + ",\"payout_must_be_claimed\":true}"), 0, 0),
        Arguments.of("proposal_fee was debited by create_proposal", op("proposal_fee", "{\"creator\":\"hivesafe-ms\","
            + "\"treasury\":\"hive.fund\",\"proposal_id\":1,\"fee\":" + hbd(10_000) + "}"), 0, 0),
        Arguments.of("an operation not known yet", op("some_future", "{\"account\":\"hivesafe-ms\",\"amount\":" + hive(1) + "}"), 0,
            0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theLiquidEffectOnTheAccount(String name, Operation op, long hive, long hbd) {
    assertEquals(new Delta(hive, hbd), BalanceEffects.of(op, MS));
  }

  @Test
  void aMalformedVirtualOperationIsAFormatError() {
    Operation broken = op("fill_order", "{\"current_owner\":\"hivesafe-ms\",\"current_orderid\":7,\"current_pays\":" + hive(1)
        + ",\"open_owner\":\"user0\",\"open_orderid\":3}");
    HiveFormatException e = assertThrows(HiveFormatException.class, () -> BalanceEffects.of(broken, MS));
    assertEquals("missing field 'open_pays'", e.getMessage());
  }
}
