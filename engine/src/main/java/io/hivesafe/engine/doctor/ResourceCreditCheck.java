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
import io.hivesafe.engine.node.RcLowRule;
import io.hivesafe.engine.node.RcRole;

/**
 * Resource credits of the node's account (it pays for its reports and sig_submits) and of the multisig
 * account (it pays for the payouts and rotations), read with rc_api.find_rc_accounts and regenerated to
 * the head block's time. Hived refuses a transaction whose payer has less mana than it costs, and rc_api
 * tells no cost before a broadcast, so the costs are the running node's estimates ({@link RcLowRule}):
 * FAIL below one of the role's transactions (a report or sig_submit for the node's account, a round's
 * broadcast for the multisig account): the API would refuse the next; WARN when the node's own rule
 * calls the account low (below ten of its transactions or {@link RcLowRule#PERCENT}% of its maximum) —
 * the same rule the running node logs, shows and exports as {@code hivesafe_rc_low}, which the
 * HivesafeRcLow alert watches, so the preflight and the running node never disagree.
 */
final class ResourceCreditCheck {
  static final String NAME = "rc";

  private ResourceCreditCheck() {}

  /** {@code accounts}: the node's account (if any) then the multisig account, each with its role for the line. */
  static List<Finding> check(List<AccountName> accounts, List<RcRole> roles, HiveRpcClient api, Instant headTime) {
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
      String who = roles.get(i).tag() + " account " + name;
      if (rc.isEmpty()) {
        out.add(Finding.fail(NAME, who + " has no RC record (the account does not exist?)", "create the account"));
        continue;
      }
      out.add(verdict(who, roles.get(i), rc.get(), headTime));
    }
    return out;
  }

  static Finding verdict(String who, RcRole role, RcAccount rc, Instant time) {
    long one = RcLowRule.estimate(role);
    long mana = rc.manaAt(time);
    int percent = rc.percentAt(time);
    String found = who + " has " + mana + " RC mana of " + rc.maxRc() + " (" + percent + "%)";
    String todo = "power up HIVE on the account (or have RC delegated to it); mana regenerates in full in 5 days";
    if (mana < one) {
      String wait = rc.timeUntil(one, time).map(d -> ", enough for one transaction in " + hours(d))
          .orElse(", and its maximum is below one transaction's");
      return Finding.fail(NAME, found + ": less than " + one + ", one " + role.tag() + " transaction's estimated cost, so the API "
          + "would refuse its next one" + wait, todo);
    }
    if (RcLowRule.isLow(role, mana, rc.maxRc(), 0)) {
      return Finding.warn(NAME, found + ": low by the node's rule (below " + RcLowRule.threshold(role, 0) + ", ten of its "
          + "transactions, or below " + RcLowRule.PERCENT + "% of its maximum)", todo);
    }
    return Finding.ok(NAME, found);
  }

  private static String hours(Duration d) {
    long minutes = Math.max(1, (d.getSeconds() + 59) / 60);
    return minutes < 120 ? minutes + " min" : (minutes / 60) + " h";
  }
}
