package io.hivesafe.hive.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * {@link RpcErrorException#isResourceCreditRefusal()} against hived's exact refusal: rc_utility.cpp
 * {@code use_account_rcs} raises {@code not_enough_rc_exception} (database_exceptions.hpp: code 4100100,
 * "payer has not enough RC mana for transaction") through HIVE_ASSERT( has_mana, … ), whose frame is
 * "has_mana: " + "Account: ${account_name} has ${rc_current} RC, needs ${rc} RC. Please wait to transact
 * or power up HIVE."; the JSON-RPC plugin answers it with -32000.
 */
class ResourceCreditRefusalTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  static final String HIVED_MESSAGE = "payer has not enough RC mana for transaction:has_mana: Account: hivesafe-ms has 81178628 RC, "
      + "needs 106812114 RC. Please wait to transact or power up HIVE.";

  private static JsonNode data(String name, long code) throws Exception {
    return MAPPER.readTree("{\"code\":" + code + ",\"name\":\"" + name + "\",\"message\":\"payer has not enough RC mana for transaction\","
        + "\"stack\":[{\"context\":{\"level\":\"error\",\"file\":\"rc_utility.cpp\",\"line\":557,\"method\":\"operator()\","
        + "\"hostname\":\"\",\"timestamp\":\"2026-01-01T00:05:00\"},\"format\":\"has_mana: Account: ${account_name} has ${rc_current} RC, "
        + "needs ${rc} RC. Please wait to transact or power up HIVE.\",\"data\":{\"account_name\":\"hivesafe-ms\","
        + "\"rc_current\":81178628,\"rc\":106812114}}]}");
  }

  @Test
  void hivedsRefusalWithItsDataIsOneAndNamesTheFigures() throws Exception {
    RpcErrorException e = new RpcErrorException("network_broadcast_api.broadcast_transaction", -32000, HIVED_MESSAGE,
        data("not_enough_rc_exception", 4_100_100));
    assertTrue(e.isResourceCreditRefusal());
    assertFalse(e.isDuplicateTransaction());
    assertEquals(OptionalLong.of(106_812_114L), e.resourceCreditsNeeded());
    assertEquals(OptionalLong.of(81_178_628L), e.resourceCreditsHeld());
  }

  @Test
  void withoutDataTheMessageDecides() {
    RpcErrorException e = new RpcErrorException("condenser_api.broadcast_transaction", -32000, HIVED_MESSAGE, null);
    assertTrue(e.isResourceCreditRefusal());
    assertEquals(OptionalLong.of(106_812_114L), e.resourceCreditsNeeded());
    RpcErrorException negative = new RpcErrorException("condenser_api.broadcast_transaction", -32000,
        "payer has not enough RC mana for transaction:has_mana: Account: alice has -5 RC, needs 7 RC. Please wait to transact or power up HIVE.",
        null);
    assertEquals(OptionalLong.of(-5), negative.resourceCreditsHeld());
  }

  @Test
  void otherRefusalsAreNotRcRefusalsEvenWhenTheyQuoteTheText() throws Exception {
    RpcErrorException auth = new RpcErrorException("network_broadcast_api.broadcast_transaction", -32000,
        "missing required active authority:Missing Active Authority alice", data("tx_missing_active_auth", 3_010_000));
    assertFalse(auth.isResourceCreditRefusal());
    assertEquals(OptionalLong.empty(), auth.resourceCreditsNeeded());
    RpcErrorException quoting = new RpcErrorException("network_broadcast_api.broadcast_transaction", -32000,
        "Assert Exception:false: Account: alice has 1 RC, needs 2 RC. Please wait to transact or power up HIVE.",
        data("assert_exception", 10));
    assertFalse(quoting.isResourceCreditRefusal(), "the exception's name decides, not the sentence");
    RpcErrorException namedByCodeOnly = new RpcErrorException("network_broadcast_api.broadcast_transaction", -32000, "x",
        MAPPER.readTree("{\"code\":4100100}"));
    assertTrue(namedByCodeOnly.isResourceCreditRefusal());
    RpcErrorException plainStringData = new RpcErrorException("m", -32000, "Unknown error - parsing rpc message failed",
        MAPPER.readTree("\"unknown key\""));
    assertFalse(plainStringData.isResourceCreditRefusal());
  }
}
