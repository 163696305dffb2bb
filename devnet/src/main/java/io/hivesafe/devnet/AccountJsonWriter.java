package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.json.AssetJson;
import io.hivesafe.hive.json.AuthorityJson;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.SymbolNames;
import java.time.Instant;
import java.util.Objects;

/**
 * An account as hived's APIs show it, every field in hived's order (openhive-network/hive 1.28:
 * database_api_objects.hpp api_account_object; condenser_api.hpp api_account_object and extended_account):
 *
 * <ul>
 *   <li>{@link JsonForm#HF26} — database_api.find_accounts: NAI assets, with previous_owner_update,
 *       last_post_edit and is_smt;
 *   <li>{@link JsonForm#LEGACY} — condenser_api.get_accounts: asset strings in the chain's symbol names,
 *       voting_power, and extended_account's vesting_balance, reputation and (empty) history lists.
 * </ul>
 *
 * What the devnet models (authorities, memo key, metadata, liquid balances, creation and update times,
 * recovery account)
 * is shown as it is; everything else has the value of a fresh hived account that never voted, posted or
 * held vests: zeros, empty lists, epoch times, and {@code time_point_sec::maximum()} for the governance
 * vote expiration.
 */
public final class AccountJsonWriter {
  private static final String EPOCH = JsonFields.formatTime(Instant.EPOCH);
  /** fc's time_point_sec::maximum(), which hived gives accounts that have not voted for governance. */
  private static final String NEVER = JsonFields.formatTime(Instant.ofEpochSecond(0xffffffffL));
  /** What hived shows as next_vesting_withdrawal when no power down runs (time_point_sec::maximum() − 2^32). */
  private static final String NO_WITHDRAWAL = "1969-12-31T23:59:59";

  private final SymbolNames names;

  public AccountJsonWriter(SymbolNames names) {
    this.names = Objects.requireNonNull(names, "names");
  }

  /** {@code id} is hived's account object id: the account's place in creation order, from 0. */
  public ObjectNode write(ChainAccount account, long id, JsonForm form) {
    boolean database = form == JsonForm.HF26;
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", id);
    node.put("name", account.name().value());
    node.set("owner", AuthorityJson.write(account.owner()));
    node.set("active", AuthorityJson.write(account.active()));
    node.set("posting", AuthorityJson.write(account.posting()));
    node.put("memo_key", account.memoKey().map(PublicKey::toString).orElse(PublicKey.nullKeyString()));
    node.put("json_metadata", account.jsonMetadata());
    node.put("posting_json_metadata", account.postingJsonMetadata());
    node.put("proxy", "");
    if (database) {
      node.put("previous_owner_update", JsonFields.formatTime(account.previousOwnerUpdate()));
    }
    node.put("last_owner_update", JsonFields.formatTime(account.lastOwnerUpdate()));
    node.put("last_account_update", JsonFields.formatTime(account.lastAccountUpdate()));
    node.put("created", JsonFields.formatTime(account.created()));
    node.put("mined", false);
    node.put("recovery_account", account.recoveryAccount().map(AccountName::value).orElse(""));
    node.put("last_account_recovery", EPOCH);
    node.put("reset_account", "null");
    node.put("comment_count", 0);
    node.put("lifetime_vote_count", 0);
    node.put("post_count", 0);
    node.put("can_vote", true);
    long created = account.created().getEpochSecond();
    node.set("voting_manabar", manabar(created));
    node.set("downvote_manabar", manabar(created));
    if (!database) {
      node.put("voting_power", 0);
    }
    node.set("balance", asset(account.hive(), form));
    node.set("savings_balance", zero(AssetSymbol.HIVE, form));
    node.set("hbd_balance", asset(account.hbd(), form));
    node.put("hbd_seconds", "0");
    node.put("hbd_seconds_last_update", EPOCH);
    node.put("hbd_last_interest_payment", EPOCH);
    node.set("savings_hbd_balance", zero(AssetSymbol.HBD, form));
    node.put("savings_hbd_seconds", "0");
    node.put("savings_hbd_seconds_last_update", EPOCH);
    node.put("savings_hbd_last_interest_payment", EPOCH);
    node.put("savings_withdraw_requests", 0);
    node.set("reward_hbd_balance", zero(AssetSymbol.HBD, form));
    node.set("reward_hive_balance", zero(AssetSymbol.HIVE, form));
    node.set("reward_vesting_balance", zero(AssetSymbol.VESTS, form));
    node.set("reward_vesting_hive", zero(AssetSymbol.HIVE, form));
    node.set("vesting_shares", zero(AssetSymbol.VESTS, form));
    node.set("delegated_vesting_shares", zero(AssetSymbol.VESTS, form));
    node.set("received_vesting_shares", zero(AssetSymbol.VESTS, form));
    node.set("vesting_withdraw_rate", zero(AssetSymbol.VESTS, form));
    node.set("post_voting_power", zero(AssetSymbol.VESTS, form));
    node.put("next_vesting_withdrawal", NO_WITHDRAWAL);
    node.put("withdrawn", 0);
    node.put("to_withdraw", 0);
    node.put("withdraw_routes", 0);
    node.put("pending_transfers", 0);
    node.put("curation_rewards", 0);
    node.put("posting_rewards", 0);
    ArrayNode proxied = node.putArray("proxied_vsf_votes");
    for (int i = 0; i < 4; i++) {
      proxied.add(0);
    }
    node.put("witnesses_voted_for", 0);
    node.put("last_post", EPOCH);
    node.put("last_root_post", EPOCH);
    if (database) {
      node.put("last_post_edit", EPOCH);
    }
    node.put("last_vote_time", EPOCH);
    node.put("post_bandwidth", 0);
    node.put("pending_claimed_accounts", 0);
    if (database) {
      node.put("open_recurrent_transfers", 0);
      node.put("is_smt", false);
      node.putArray("delayed_votes");
      node.put("governance_vote_expiration_ts", NEVER);
      return node;
    }
    node.put("governance_vote_expiration_ts", NEVER);
    node.putArray("delayed_votes");
    node.put("open_recurrent_transfers", 0);
    node.set("vesting_balance", zero(AssetSymbol.HIVE, form));
    node.put("reputation", 0);
    for (String history : new String[] {"transfer_history", "market_history", "post_history", "vote_history", "other_history",
        "witness_votes", "tags_usage", "guest_bloggers"}) {
      node.putArray(history);
    }
    return node;
  }

  private static ObjectNode manabar(long lastUpdate) {
    ObjectNode manabar = JsonNodeFactory.instance.objectNode();
    manabar.put("current_mana", 0);
    manabar.put("last_update_time", lastUpdate);
    return manabar;
  }

  private JsonNode asset(Asset asset, JsonForm form) {
    return AssetJson.write(asset, form, names);
  }

  private JsonNode zero(AssetSymbol symbol, JsonForm form) {
    return asset(Asset.of(0, symbol), form);
  }
}
