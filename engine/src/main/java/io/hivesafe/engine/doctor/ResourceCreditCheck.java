package io.hivesafe.engine.doctor;

import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RcAccount;
import io.hivesafe.hive.rpc.RpcErrorException;
import io.hivesafe.hive.rpc.RpcException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resource credits of the node's account (it pays for its reports and sig_submits) and of the multisig
 * account (it pays for the payouts and rotations), read with rc_api.find_rc_accounts and regenerated to
 * the head block's time. Hived refuses a transaction whose payer has less mana than it costs, and rc_api
 * tells no cost before a broadcast, so doctor's rule is simple: FAIL below {@link #ONE_TRANSACTION} mana,
 * a margin above what one report or one payout transaction costs on Hive mainnet; WARN below
 * {@link #WARN_PERCENT}% of the account's maximum. (The running node's own, finer RC rule is in docs/node.md.)
 */
final class ResourceCreditCheck {
  static final String NAME = "rc";
  static final long ONE_TRANSACTION = 5_000_000_000L;
  static final int WARN_PERCENT = 20;

  private ResourceCreditCheck() {}

  /** {@code accounts}: the node's account (if any) then the multisig account, each with its role for the line. */
  static List<Finding> check(List<AccountName> accounts, List<String> roles, HiveRpcClient api, Instant headTime) {
    List<RcAccount> found;
    try {
      found = api.findRcAccounts(accounts);
    } catch (RpcErrorException e) {
      return List.of(Finding.warn(NAME, "not checked: the API does not serve rc_api.find_rc_accounts (" + e.getMessage() + ")",
          "use an API node with the rc_api plugin: the node reads RC there too"));
    } catch (RpcException | HiveFormatException e) {
      return List.of(Finding.fail(NAME, "not checked: the API did not answer rc_api.find_rc_accounts (" + e.getMessage() + ")",
          "see the api lines"));
    }
    List<Finding> out = new ArrayList<>();
    for (int i = 0; i < accounts.size(); i++) {
      AccountName name = accounts.get(i);
      Optional<RcAccount> rc = found.stream().filter(a -> a.account().equals(name)).findFirst();
      String who = roles.get(i) + " " + name;
      if (rc.isEmpty()) {
        out.add(Finding.fail(NAME, who + " has no RC record (the account does not exist?)", "create the account"));
        continue;
      }
      out.add(verdict(who, rc.get(), headTime));
    }
    return out;
  }

  static Finding verdict(String who, RcAccount rc, Instant time) {
    long mana = rc.manaAt(time);
    int percent = rc.percentAt(time);
    String found = who + " has " + mana + " RC mana of " + rc.maxRc() + " (" + percent + "%)";
    String todo = "power up HIVE on the account (or have RC delegated to it); mana regenerates in full in 5 days";
    if (mana < ONE_TRANSACTION) {
      String wait = rc.timeUntil(ONE_TRANSACTION, time).map(d -> ", enough for one transaction in " + hours(d))
          .orElse(", and its maximum is below one transaction's");
      return Finding.fail(NAME, found + ": less than " + ONE_TRANSACTION + ", about one transaction's cost, so the API "
          + "would refuse its next one" + wait, todo);
    }
    if (percent < WARN_PERCENT) {
      return Finding.warn(NAME, found + ": below " + WARN_PERCENT + "%", todo);
    }
    return Finding.ok(NAME, found);
  }

  private static String hours(Duration d) {
    long minutes = Math.max(1, (d.getSeconds() + 59) / 60);
    return minutes < 120 ? minutes + " min" : (minutes / 60) + " h";
  }
}
