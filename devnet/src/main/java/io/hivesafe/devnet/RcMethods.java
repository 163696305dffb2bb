package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.rpc.RcAccount;
import java.util.Optional;

/**
 * rc_api.find_rc_accounts as hived answers it (libraries/plugins/apis/rc_api/rc_api.cpp): for each name
 * asked that is an account, in the order asked, hived's rc_account_api_object — {@code account},
 * {@code rc_manabar} {current_mana, last_update_time} as stored (not regenerated to now), {@code
 * max_rc_creation_adjustment} (0 VESTS: the devnet creates no accounts), {@code max_rc}, {@code
 * delegated_rc} and {@code received_delegated_rc} (0: no RC delegations). Integers above 2^32 − 1 are
 * strings, as hived's JSON writer (fc's stringify_large_ints_and_doubles) writes them.
 */
final class RcMethods {
  /** RC_API_SINGLE_QUERY_LIMIT. */
  static final int SINGLE_QUERY_LIMIT = 1000;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final DevnetChain chain;
  private final FcVariant variant;

  RcMethods(DevnetChain chain, FcVariant variant) {
    this.chain = chain;
    this.variant = variant;
  }

  /** rc_api.find_rc_accounts {"accounts":[…]} → {"rc_accounts":[…]}. */
  JsonNode findRcAccounts(JsonNode params) throws JsonRpcError {
    JsonNode names = variant.object(params).get("accounts");
    if (names != null && names.isArray() && names.size() > SINGLE_QUERY_LIMIT) {
      throw variant.error(HivedError.apiAssertion("args.accounts.size() <= RC_API_SINGLE_QUERY_LIMIT", "", "rc_api.cpp", 110,
          "find_rc_accounts"));
    }
    ObjectNode result = JSON.objectNode();
    ArrayNode list = result.putArray("rc_accounts");
    for (AccountName name : variant.accountNames(names, "accounts")) {
      Optional<RcAccount> found = chain.rcAccount(name);
      found.ifPresent(rc -> list.add(write(rc)));
    }
    return result;
  }

  static ObjectNode write(RcAccount rc) {
    ObjectNode node = JSON.objectNode();
    node.put("account", rc.account().value());
    ObjectNode manabar = node.putObject("rc_manabar");
    putInteger(manabar, "current_mana", rc.currentMana());
    manabar.put("last_update_time", rc.lastUpdate().getEpochSecond());
    ObjectNode adjustment = node.putObject("max_rc_creation_adjustment");
    adjustment.put("amount", "0");
    adjustment.put("precision", 6);
    adjustment.put("nai", "@@000000037");
    putInteger(node, "max_rc", rc.maxRc());
    node.put("delegated_rc", 0);
    node.put("received_delegated_rc", 0);
    return node;
  }

  /** fc writes an int64 above 0xffffffff as a decimal string, anything else as a number. */
  private static void putInteger(ObjectNode node, String field, long value) {
    if (value > 0xffffffffL) {
      node.put(field, Long.toString(value));
    } else {
      node.put(field, value);
    }
  }
}
