package io.hivesafe.engine.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.json.AssetJson;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.OperationEffects;
import io.hivesafe.hive.protocol.OtherOperation;
import io.hivesafe.hive.protocol.TransferOperation;
import java.util.Objects;

/**
 * What one operation of an account's history did to that account's liquid HIVE and HBD balances, as the
 * custody check reads it (milli-units; negative is out).
 *
 * <p>Out: every debit {@link OperationEffects#of} lists for the account — what the operation's own
 * evaluator takes from a liquid balance (transfer, transfer_to_vesting, transfer_to_savings, convert,
 * collateralized_convert, limit_order_create(2), escrow_transfer, account_create(_with_delegation),
 * claim_account, create_proposal; docs/hive-operation-effects.md) — and {@code fill_recurrent_transfer}'s
 * amount from its {@code from}: a recurrent transfer moves funds only when hived executes it as that
 * virtual operation (recurrent_transfer itself debits nothing), and {@code hardfork_hive}'s amounts (HF23's
 * airdrop exclusion).
 *
 * <p>In, read from hived 1.28's operation definitions (hive_operations.hpp,
 * hive_virtual_operations.hpp; each names its receiver): a transfer's amount to {@code to};
 * {@code fill_recurrent_transfer} to {@code to}; {@code fill_transfer_from_savings} to {@code to};
 * {@code fill_convert_request}'s amount_out; {@code collateralized_convert_immediate_conversion}'s hbd_out;
 * {@code fill_collateralized_convert_request}'s excess_collateral (its amount_out was already paid by the
 * immediate conversion); {@code fill_order}'s open_pays to current_owner and current_pays to open_owner;
 * {@code limit_order_cancelled}'s amount_back; {@code escrow_release} to its receiver; {@code
 * escrow_approved}'s fee to the agent; {@code escrow_rejected}'s amounts and fee back to {@code from};
 * {@code claim_reward_balance}'s reward_hive and reward_hbd; {@code fill_vesting_withdraw}'s deposited when
 * it is HIVE; {@code proposal_pay}'s payment; {@code interest} when it went to the liquid HBD balance
 * (is_saved_into_hbd_balance; none since HF25); {@code liquidity_reward}, {@code producer_reward} and
 * {@code pow_reward} when paid in HIVE (early chain only); {@code hardfork_hive_restore}.
 *
 * <p>Not read, because they move no liquid HIVE or HBD of their own: author, curation and benefactor
 * rewards (reward balances, claimed later by claim_reward_balance), proposal_fee and
 * transfer_to_vesting_completed (the fee or amount was already debited by their operation),
 * dhf_funding and dhf_conversion (the treasury's), and every operation that touches only VESTS, savings,
 * authorities or nothing. An operation Hivesafe does not know (a future one) counts 0: if it moved funds,
 * the custody check shows it as a difference, which is the point.
 */
final class BalanceEffects {
  private BalanceEffects() {}

  /** Milli-HIVE and milli-HBD. */
  record Delta(long hive, long hbd) {
    static final Delta ZERO = new Delta(0, 0);

    Delta plus(Delta d) {
      return new Delta(Math.addExact(hive, d.hive), Math.addExact(hbd, d.hbd));
    }

    Delta minus(Delta d) {
      return new Delta(Math.subtractExact(hive, d.hive), Math.subtractExact(hbd, d.hbd));
    }

    boolean isZero() {
      return hive == 0 && hbd == 0;
    }
  }

  /** What {@code op} did to {@code account}'s liquid balances; a malformed body is a {@link HiveFormatException}. */
  static Delta of(Operation op, AccountName account) {
    Objects.requireNonNull(account, "account");
    long[] d = new long[2];
    for (OperationEffects.Debit debit : OperationEffects.of(op).debits()) {
      if (debit.account().equals(account)) {
        add(d, debit.amount(), -1);
      }
    }
    if (op instanceof TransferOperation t) {
      if (t.to().equals(account)) {
        add(d, t.amount(), 1);
      }
    } else if (op instanceof OtherOperation o) {
      credits(o.name(), o.body(), account.value(), d);
    }
    return new Delta(d[0], d[1]);
  }

  private static void credits(String name, JsonNode b, String account, long[] d) {
    switch (name) {
      case "fill_recurrent_transfer" -> {
        if (is(b, "from", account)) {
          add(d, asset(b, "amount"), -1);
        }
        if (is(b, "to", account)) {
          add(d, asset(b, "amount"), 1);
        }
      }
      case "fill_transfer_from_savings" -> credit(b, "to", account, d, "amount");
      case "fill_convert_request" -> credit(b, "owner", account, d, "amount_out");
      case "collateralized_convert_immediate_conversion" -> credit(b, "owner", account, d, "hbd_out");
      case "fill_collateralized_convert_request" -> credit(b, "owner", account, d, "excess_collateral");
      case "fill_order" -> {
        credit(b, "current_owner", account, d, "open_pays");
        credit(b, "open_owner", account, d, "current_pays");
      }
      case "limit_order_cancelled" -> credit(b, "seller", account, d, "amount_back");
      case "escrow_release" -> credit(b, "receiver", account, d, "hive_amount", "hbd_amount");
      case "escrow_approved" -> credit(b, "agent", account, d, "fee");
      case "escrow_rejected" -> credit(b, "from", account, d, "hive_amount", "hbd_amount", "fee");
      case "claim_reward_balance" -> credit(b, "account", account, d, "reward_hive", "reward_hbd");
      case "fill_vesting_withdraw" -> credit(b, "to_account", account, d, "deposited");
      case "proposal_pay" -> credit(b, "receiver", account, d, "payment");
      case "interest" -> {
        JsonNode liquid = b.get("is_saved_into_hbd_balance");
        if (liquid != null && liquid.asBoolean(false)) {
          credit(b, "owner", account, d, "interest");
        }
      }
      case "liquidity_reward" -> credit(b, "owner", account, d, "payout");
      case "producer_reward" -> credit(b, "producer", account, d, "vesting_shares");
      case "pow_reward" -> credit(b, "worker", account, d, "reward");
      case "hardfork_hive_restore" -> credit(b, "account", account, d, "hbd_transferred", "hive_transferred");
      case "hardfork_hive" -> {
        if (is(b, "account", account)) {
          add(d, asset(b, "hbd_transferred"), -1);
          add(d, asset(b, "hive_transferred"), -1);
        }
      }
      default -> { } // no liquid HIVE or HBD of its own (see the class comment)
    }
  }

  private static void credit(JsonNode b, String receiver, String account, long[] d, String... amounts) {
    if (is(b, receiver, account)) {
      for (String field : amounts) {
        add(d, asset(b, field), 1);
      }
    }
  }

  private static boolean is(JsonNode b, String field, String account) {
    return JsonFields.text(b, field).equals(account);
  }

  private static Asset asset(JsonNode b, String field) {
    JsonNode value = JsonFields.required(b, field);
    try {
      return AssetJson.read(value);
    } catch (HiveFormatException e) {
      throw new HiveFormatException("field '" + field + "': " + e.getMessage(), e);
    }
  }

  /** Adds {@code sign} × a HIVE or HBD amount; VESTS are not a liquid balance. */
  private static void add(long[] d, Asset a, int sign) {
    if (a.symbol() == AssetSymbol.HIVE) {
      d[0] = Math.addExact(d[0], sign * a.amount());
    } else if (a.symbol() == AssetSymbol.HBD) {
      d[1] = Math.addExact(d[1], sign * a.amount());
    }
  }
}
