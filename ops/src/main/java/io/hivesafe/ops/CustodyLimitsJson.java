package io.hivesafe.ops;

import static io.hivesafe.hive.json.StrictFields.only;
import static io.hivesafe.hive.json.StrictFields.required;
import static io.hivesafe.hive.json.StrictFields.text;
import static io.hivesafe.ops.GenesisFields.guard;
import static io.hivesafe.ops.GenesisFields.integer;
import static io.hivesafe.ops.GenesisFields.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** The genesis file's {@code custody} section ↔ {@link CustodyLimits}. */
final class CustodyLimitsJson {
  private CustodyLimitsJson() {}

  /**
   * {"daily_cap": {"hive", "hbd"}, "value": {"hbd": "num/den", "token": "num/den"}}: required, because a
   * network without a payout cap and a safety limit is not one we start.
   */
  static CustodyLimits read(JsonNode root) {
    if (!root.has("custody")) {
      throw new IllegalArgumentException("custody is required: the 24-hour payout cap (custody.daily_cap) and the "
          + "valuation of the safety limit (custody.value), see docs/protocol.md");
    }
    JsonNode custody = object(root.get("custody"), "custody");
    only(custody, "custody.", Set.of("daily_cap", "value", "min_signers", "signer_unbond_blocks"));
    JsonNode cap = object(required(custody, "daily_cap", "custody."), "custody.daily_cap");
    only(cap, "custody.daily_cap.", Set.of("hive", "hbd"));
    JsonNode value = object(required(custody, "value", "custody."), "custody.value");
    only(value, "custody.value.", Set.of("hbd", "token"));
    long hive = integer(cap, "hive", "custody.daily_cap.", -1);
    long hbd = integer(cap, "hbd", "custody.daily_cap.", -1);
    CustodyLimits.Rate hbdValue = guard("custody.value.hbd", () -> CustodyLimits.Rate.parse(text(value, "hbd", "custody.value.")));
    CustodyLimits.Rate tokenValue = guard("custody.value.token",
        () -> CustodyLimits.Rate.parse(text(value, "token", "custody.value.")));
    long minSigners = integer(custody, "min_signers", "custody.", CustodyLimits.DEFAULT_MIN_SIGNERS);
    long unbond = integer(custody, "signer_unbond_blocks", "custody.", CustodyLimits.DEFAULT_SIGNER_UNBOND_BLOCKS);
    return guard("custody.", () -> new CustodyLimits(hive, hbd, hbdValue, tokenValue, minSigners, unbond));
  }

  /** Writes {@code limits} as {@code root}'s {@code custody} section, every field included. */
  static void write(ObjectNode root, CustodyLimits limits) {
    ObjectNode custody = root.putObject("custody");
    ObjectNode cap = custody.putObject("daily_cap");
    cap.put("hive", limits.dailyCapHive());
    cap.put("hbd", limits.dailyCapHbd());
    ObjectNode value = custody.putObject("value");
    value.put("hbd", limits.hbdValue().toString());
    value.put("token", limits.tokenValue().toString());
    custody.put("min_signers", limits.minSigners());
    custody.put("signer_unbond_blocks", limits.signerUnbondBlocks());
  }
}
