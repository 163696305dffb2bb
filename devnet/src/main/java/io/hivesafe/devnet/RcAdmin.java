package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.rpc.RcAccount;
import java.util.Objects;

/**
 * The {@code devnet_admin} methods on resource credits ({@link RcPools}): {@code drain_rc {account,
 * max_rc?}} empties an account's mana at the head block's time (with {@code max_rc}, also sets a smaller
 * maximum, so it stays short for longer: the default pool regenerates past any cost within one block),
 * {@code set_rc {account, mana, max_rc?}} sets it. Both answer the account's pool in find_rc_accounts'
 * shape. An unknown account or a mana outside 0..max_rc is refused and changes nothing.
 */
final class RcAdmin {
  static final String ACCOUNT = "account";
  static final String MANA = "mana";
  static final String MAX_RC = "max_rc";

  private final DevnetChain chain;

  RcAdmin(DevnetChain chain) {
    this.chain = Objects.requireNonNull(chain, "chain");
  }

  JsonNode drain(AdminParams params, JsonRpcServer via) throws JsonRpcError {
    AccountName account = account(params, "drain_rc");
    long maxRc = params.longValue(MAX_RC, current(account, "drain_rc").maxRc());
    return change("drain_rc", account, maxRc, 0);
  }

  JsonNode set(AdminParams params, JsonRpcServer via) throws JsonRpcError {
    AccountName account = account(params, "set_rc");
    if (!params.has(MANA)) {
      throw params.invalid("param 'mana' is missing (an integer within 0..max_rc)");
    }
    long mana = params.longValue(MANA, 0);
    long maxRc = params.longValue(MAX_RC, current(account, "set_rc").maxRc());
    return change("set_rc", account, maxRc, mana);
  }

  private JsonNode change(String method, AccountName account, long maxRc, long mana) throws JsonRpcError {
    if (maxRc < 0) {
      throw DevnetAdmin.refused(method, "max_rc must not be negative, got " + maxRc);
    }
    if (mana < 0 || mana > maxRc) {
      throw DevnetAdmin.refused(method, "mana must be within 0..max_rc (" + maxRc + "), got " + mana);
    }
    chain.setRc(account, maxRc, mana);
    return RcMethods.write(current(account, method));
  }

  private RcAccount current(AccountName account, String method) throws JsonRpcError {
    return chain.rcAccount(account).orElseThrow(() -> DevnetAdmin.refused(method, "account " + account + " does not exist on the devnet"));
  }

  private static AccountName account(AdminParams params, String method) throws JsonRpcError {
    String name = params.requiredText(ACCOUNT);
    try {
      return AccountName.of(name);
    } catch (HiveFormatException e) {
      throw params.invalid("param 'account' is not a Hive account name: " + name);
    }
  }
}
