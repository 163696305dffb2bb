package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.json.AssetJson;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.SymbolNames;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The dynamic global properties as hived's APIs show them, every field in hived's order
 * (database_api_objects.hpp api_dynamic_global_property_object; condenser_api.hpp
 * extended_dynamic_global_properties, which has no {@code id}):
 * {@link JsonForm#HF26} for database_api (NAI assets), {@link JsonForm#LEGACY} for condenser_api (asset
 * strings in the chain's symbol names).
 *
 * <p>Head, time, witness, irreversible block, block size and supplies come from {@link ChainProperties}.
 * The rest are fixed values of a chain without vests, rewards or proposals, with hived 1.28's
 * parameters where there is one (HBD interest 15 %, print rate 100 %, 65/15/10 % reward split, …),
 * every slot filled, and maintenance times derived from the head time.
 */
public final class PropertiesJsonWriter {
  /** All 128 bits of recent_slots_filled set: every recent slot produced a block. */
  private static final String ALL_SLOTS_FILLED = "340282366920938463463374607431768211455";

  private final SymbolNames names;

  public PropertiesJsonWriter(SymbolNames names) {
    this.names = Objects.requireNonNull(names, "names");
  }

  public ObjectNode write(ChainProperties p, JsonForm form) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (form == JsonForm.HF26) {
      node.put("id", 0);
    }
    node.put("head_block_number", p.headBlockNumber());
    node.put("head_block_id", p.headBlockId().toHex());
    node.put("time", JsonFields.formatTime(p.time()));
    node.put("current_witness", p.currentWitness());
    node.put("total_pow", 0);
    node.put("num_pow_witnesses", 0);
    node.set("virtual_supply", asset(p.virtualSupply(), form));
    node.set("current_supply", asset(p.currentSupply(), form));
    node.set("init_hbd_supply", zero(AssetSymbol.HBD, form));
    node.set("current_hbd_supply", asset(p.currentHbdSupply(), form));
    node.set("total_vesting_fund_hive", zero(AssetSymbol.HIVE, form));
    node.set("total_vesting_shares", zero(AssetSymbol.VESTS, form));
    node.set("total_reward_fund_hive", zero(AssetSymbol.HIVE, form));
    node.put("total_reward_shares2", "0");
    node.set("pending_rewarded_vesting_shares", zero(AssetSymbol.VESTS, form));
    node.set("pending_rewarded_vesting_hive", zero(AssetSymbol.HIVE, form));
    node.put("hbd_interest_rate", 1500);
    node.put("hbd_print_rate", 10000);
    node.put("maximum_block_size", p.maximumBlockSize());
    node.put("current_aslot", p.headBlockNumber());
    node.put("recent_slots_filled", ALL_SLOTS_FILLED);
    node.put("participation_count", 128);
    node.put("last_irreversible_block_num", p.lastIrreversibleBlockNum());
    node.put("vote_power_reserve_rate", 10);
    node.put("delegation_return_period", Duration.ofDays(5).toSeconds());
    node.put("reverse_auction_seconds", 0);
    node.put("available_account_subsidies", 0);
    node.put("hbd_stop_percent", 1000);
    node.put("hbd_start_percent", 900);
    Instant hour = p.time().truncatedTo(ChronoUnit.HOURS);
    node.put("next_maintenance_time", JsonFields.formatTime(hour.plus(Duration.ofHours(1))));
    node.put("last_budget_time", JsonFields.formatTime(hour));
    node.put("next_daily_maintenance_time", JsonFields.formatTime(p.time().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1))));
    node.put("content_reward_percent", 6500);
    node.put("vesting_reward_percent", 1500);
    node.put("proposal_fund_percent", 1000);
    node.set("dhf_interval_ledger", zero(AssetSymbol.HBD, form));
    node.put("downvote_pool_percent", 2500);
    node.put("current_remove_threshold", 200);
    node.put("early_voting_seconds", Duration.ofHours(24).toSeconds());
    node.put("mid_voting_seconds", Duration.ofHours(48).toSeconds());
    node.put("max_consecutive_recurrent_transfer_failures", 10);
    node.put("max_recurrent_transfer_end_date", 730);
    node.put("min_recurrent_transfers_recurrence", 24);
    node.put("max_open_recurrent_transfers", 255);
    return node;
  }

  private JsonNode asset(Asset asset, JsonForm form) {
    return AssetJson.write(asset, form, names);
  }

  private JsonNode zero(AssetSymbol symbol, JsonForm form) {
    return asset(Asset.of(0, symbol), form);
  }
}
