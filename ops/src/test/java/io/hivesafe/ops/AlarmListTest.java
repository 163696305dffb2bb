package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivesafe.hive.json.OperationJson;
import io.hivesafe.hive.protocol.Operation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The alarm list (docs/multisig.md, "Alarms"), one named case per kind of operation, each in hived's
 * legacy JSON form as a block carries it: every operation that needs the multisig account's owner or
 * active authority, or targets its recovery, outside our round is an alarm of the expected kind, with
 * what the stream shows leaving the liquid balance booked as an unexplained outflow; operations signed
 * with its posting authority, and operations of other accounts towards it, are not.
 */
class AlarmListTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MS = TestNetwork.MULTISIG;
  @TempDir Path dir;
  private OpsHarness h;

  @BeforeEach
  void open() {
    h = new OpsHarness(dir, TestNetwork.genesis(3, 3, 0));
    h.apply();
  }

  @AfterEach
  void close() {
    h.close();
  }

  private static Arguments alarm(String name, AlarmKind kind, long hive, long hbd, String body) {
    return Arguments.of(name, Optional.of(kind), hive, hbd, body);
  }

  private static Arguments quiet(String name, String body) {
    return Arguments.of(name, Optional.empty(), 0L, 0L, body);
  }

  static Stream<Arguments> operations() {
    String auth = "{\"weight_threshold\":1,\"account_auths\":[],\"key_auths\":[[\"STM6LLegbAgLAy28EHrffBVuANFWcFgmqRMW13wBmTExqFE9SCkg4\",1]]}";
    return Stream.of(
        alarm("transfer_to_savings", AlarmKind.OUTFLOW, 0, 1_500,
            "{\"from\":\"" + MS + "\",\"to\":\"mallory\",\"amount\":\"1.500 HBD\",\"memo\":\"\"}"),
        alarm("transfer_to_vesting", AlarmKind.OUTFLOW, 2_000, 0,
            "{\"from\":\"" + MS + "\",\"to\":\"mallory\",\"amount\":\"2.000 HIVE\"}"),
        alarm("limit_order_create", AlarmKind.OUTFLOW, 3_000, 0, "{\"owner\":\"" + MS + "\",\"orderid\":7,"
            + "\"amount_to_sell\":\"3.000 HIVE\",\"min_to_receive\":\"1.000 HBD\",\"fill_or_kill\":false,"
            + "\"expiration\":\"2026-02-01T00:00:00\"}"),
        alarm("convert", AlarmKind.OUTFLOW, 0, 4_000, "{\"owner\":\"" + MS + "\",\"requestid\":1,\"amount\":\"4.000 HBD\"}"),
        alarm("escrow_transfer", AlarmKind.OUTFLOW, 1_000, 2_001, "{\"from\":\"" + MS + "\",\"to\":\"mallory\",\"agent\":\"agent\","
            + "\"escrow_id\":1,\"hbd_amount\":\"2.000 HBD\",\"hive_amount\":\"1.000 HIVE\",\"fee\":\"0.001 HBD\","
            + "\"ratification_deadline\":\"2026-02-01T00:00:00\",\"escrow_expiration\":\"2026-02-02T00:00:00\",\"json_meta\":\"\"}"),
        alarm("recurrent_transfer", AlarmKind.AUTHORITY_USE, 0, 0, "{\"from\":\"" + MS + "\",\"to\":\"mallory\","
            + "\"amount\":\"1.000 HIVE\",\"memo\":\"\",\"recurrence\":24,\"executions\":5,\"extensions\":[]}"),
        alarm("transfer_from_savings", AlarmKind.AUTHORITY_USE, 0, 0, "{\"from\":\"" + MS + "\",\"request_id\":1,"
            + "\"to\":\"mallory\",\"amount\":\"1.000 HIVE\",\"memo\":\"\"}"),
        alarm("withdraw_vesting", AlarmKind.AUTHORITY_USE, 0, 0, "{\"account\":\"" + MS + "\",\"vesting_shares\":\"1.000000 VESTS\"}"),
        alarm("delegate_vesting_shares", AlarmKind.AUTHORITY_USE, 0, 0, "{\"delegator\":\"" + MS + "\",\"delegatee\":\"mallory\","
            + "\"vesting_shares\":\"1.000000 VESTS\"}"),
        alarm("set_withdraw_vesting_route", AlarmKind.AUTHORITY_USE, 0, 0, "{\"from_account\":\"" + MS + "\","
            + "\"to_account\":\"mallory\",\"percent\":10000,\"auto_vest\":false}"),
        alarm("account_witness_vote", AlarmKind.AUTHORITY_USE, 0, 0, "{\"account\":\"" + MS + "\",\"witness\":\"w\",\"approve\":true}"),
        alarm("decline_voting_rights", AlarmKind.AUTHORITY_USE, 0, 0, "{\"account\":\"" + MS + "\",\"decline\":true}"),
        alarm("change_recovery_account", AlarmKind.RECOVERY, 0, 0, "{\"account_to_recover\":\"" + MS + "\","
            + "\"new_recovery_account\":\"mallory\",\"extensions\":[]}"),
        alarm("request_account_recovery", AlarmKind.RECOVERY, 0, 0, "{\"recovery_account\":\"mallory\","
            + "\"account_to_recover\":\"" + MS + "\",\"new_owner_authority\":" + auth + ",\"extensions\":[]}"),
        alarm("recover_account", AlarmKind.RECOVERY, 0, 0, "{\"account_to_recover\":\"" + MS + "\",\"new_owner_authority\":" + auth
            + ",\"recent_owner_authority\":" + auth + ",\"extensions\":[]}"),
        quiet("vote", "{\"voter\":\"" + MS + "\",\"author\":\"a\",\"permlink\":\"p\",\"weight\":100}"),
        quiet("claim_reward_balance", "{\"account\":\"" + MS + "\",\"reward_hive\":\"1.000 HIVE\",\"reward_hbd\":\"0.000 HBD\","
            + "\"reward_vests\":\"0.000000 VESTS\"}"),
        quiet("transfer_to_savings", "{\"from\":\"mallory\",\"to\":\"" + MS + "\",\"amount\":\"1.000 HIVE\",\"memo\":\"\"}"),
        // the multisig account acting as another account's recovery agent uses its active keys
        alarm("request_account_recovery", AlarmKind.AUTHORITY_USE, 0, 0, "{\"recovery_account\":\"" + MS + "\","
            + "\"account_to_recover\":\"someone\",\"new_owner_authority\":" + auth + ",\"extensions\":[]}"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("operations")
  void anOperationOnTheMultisigAccountIsAnAlarmOfItsKind(String name, Optional<AlarmKind> kind, long hive, long hbd, String body)
      throws Exception {
    Operation op = OperationJson.read(JSON.readTree("[\"" + name + "\"," + body + "]"));
    BlockOutcome outcome = h.applyForOutcome(List.of(op));
    assertEquals(kind.map(List::of).orElse(List.of()), outcome.alarms().stream().map(Alarm::kind).toList(), name);
    assertEquals(hive, h.books().unexplainedHive(), "unexplained HIVE");
    assertEquals(hbd, h.books().unexplainedHbd(), "unexplained HBD");
    outcome.alarms().forEach(a -> assertEquals(name, a.operation()));
  }
}
