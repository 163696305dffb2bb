package io.hivesafe.engine.doctor;

import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.rpc.AccountInfo;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcException;
import java.util.List;
import java.util.Optional;

/** The multisig account as the API shows it, read once for the checks that need it; or why it could not be read. */
final class MultisigChain {
  private final Optional<AccountInfo> account;
  private final String failure;
  private final String todo;

  private MultisigChain(Optional<AccountInfo> account, String failure, String todo) {
    this.account = account;
    this.failure = failure;
    this.todo = todo;
  }

  static MultisigChain read(HiveRpcClient api, AccountName name) {
    try {
      List<AccountInfo> found = api.findAccounts(List.of(name));
      if (found.isEmpty()) {
        return new MultisigChain(Optional.empty(), "the multisig account " + name + " does not exist on this chain",
            "check multisig_account in the genesis, and the API's chain");
      }
      return new MultisigChain(Optional.of(found.get(0)), "", "");
    } catch (RpcException | HiveFormatException e) {
      return new MultisigChain(Optional.empty(), "the API did not give the multisig account " + name + " (" + e.getMessage()
          + ")", "see the api lines");
    }
  }

  Optional<AccountInfo> account() {
    return account;
  }

  /** The FAIL line for {@code check} when the account could not be read. */
  Finding failure(String check) {
    if (account.isPresent()) {
      throw new IllegalStateException("the account was read");
    }
    return Finding.fail(check, failure, todo);
  }
}
