package io.hivesafe.engine.doctor;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.node.AuthorityCheck;
import io.hivesafe.engine.node.AuthorityReport;
import io.hivesafe.engine.snapshot.AuthorityAnchor;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.rpc.AccountInfo;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.SignerAuthority;
import java.util.List;
import java.util.Optional;

/**
 * The multisig account's owner and active authorities and recovery account on chain are the recorded
 * ones. With a state, the record is the state's and the comparison is the running node's own
 * {@link AuthorityCheck} (which carries the record through the account's changes after the state's
 * block); without one, the record is what the core writes at the start block
 * ({@link MultisigAuthority#atGenesis}: the founders' authority), compared exactly. Before the start
 * block a difference is a FAIL (the founding precondition is not met); after it, without a state, a WARN
 * (rotations since the start are expected; the node checks once caught up).
 */
final class MultisigAuthorityCheck {
  static final String NAME = "multisig authority";

  private MultisigAuthorityCheck() {}

  /** With the state of {@code copy} at block {@code block}. */
  static List<Finding> againstState(NetworkGenesis genesis, StoreCopy copy, long block, HiveRpcClient api, MultisigChain chain) {
    CapturedLog log = new CapturedLog();
    Optional<AuthorityReport> report;
    try (AuthorityCheck check = new AuthorityCheck(genesis, copy.store(), api, new NodeEvents(log))) {
      report = check.check();
    }
    String account = genesis.multisigAccount().value();
    if (report.isPresent()) {
      AuthorityReport r = report.get();
      if (r.matches()) {
        return List.of(Finding.ok(NAME, account + "'s owner and active authorities and recovery account on chain at head "
            + r.head() + " are the state's record after block " + r.block() + (r.changes() > 0 ? ", carried through "
            + r.changes() + " changes since" : "") + ": " + AuthorityAnchor.describe(r.chainOwner(), r.chainActive())));
      }
      return List.of(Finding.fail(NAME, account + "'s " + r.differing() + " on chain differ(s) from the state's record after "
          + "block " + r.block() + ": the chain has " + AuthorityAnchor.describe(r.chainOwner(), r.chainActive()) + ", recovery "
          + (r.chainRecovery().isEmpty() ? "none" : r.chainRecovery()) + "; the record " + describe(r.recorded()), "someone changed the shared account outside "
          + "the network: a running node raises an ALARM on it (docs/multisig.md); find out who before you run"));
    }
    String reason = log.lines().isEmpty() ? "no reason given" : log.lines().get(log.lines().size() - 1);
    Optional<AccountInfo> info = chain.account();
    if (info.isEmpty()) {
      return List.of(chain.failure(NAME));
    }
    MultisigAuthority recorded = copy.store().read(SidechainState::authority);
    if (same(recorded, info.get())) {
      return List.of(Finding.ok(NAME, account + "'s authorities on chain equal the state's record at block " + block
          + " (compared directly: " + reason + ")"));
    }
    return List.of(Finding.warn(NAME, account + "'s authorities on chain differ from the state's record at block " + block
        + ", and the check that follows the account's changes since could not be made (" + reason + "): the chain has "
        + AuthorityAnchor.describe(SignerAuthority.of(info.get().owner()), SignerAuthority.of(info.get().active()))
        + "; the record " + describe(recorded), "run the node: it checks at start and at every tally once it is near the "
        + "head, and raises an ALARM if the difference stays"));
  }

  /** Without a state: the authority the core records at the start block, compared exactly with the chain's. */
  static List<Finding> againstGenesis(NetworkGenesis genesis, long head, MultisigChain chain) {
    Optional<AccountInfo> info = chain.account();
    if (info.isEmpty()) {
      return List.of(chain.failure(NAME));
    }
    MultisigAuthority expected = MultisigAuthority.atGenesis(genesis);
    String account = genesis.multisigAccount().value();
    AccountInfo a = info.get();
    String onChain = AuthorityAnchor.describe(SignerAuthority.of(a.owner()), SignerAuthority.of(a.active())) + ", recovery "
        + a.recoveryAccount().map(AccountName::value).orElse("none");
    if (same(expected, a)) {
      return List.of(Finding.ok(NAME, account + " holds the authority the genesis implies: " + onChain));
    }
    String found = account + "'s authority on chain is not the one the genesis implies: the chain has " + onChain
        + "; the genesis " + describe(expected);
    if (head < genesis.startBlock()) {
      return List.of(Finding.fail(NAME, found, "before the start block " + genesis.startBlock() + " the account's current "
          + "owner must give its owner and active authorities to the founders' keys (an account_update signed with the "
          + "owner key; docs/operator.md, \"Founding a network\")"));
    }
    return List.of(Finding.warn(NAME, found + " (the network started at block " + genesis.startBlock() + ", "
        + (head - genesis.startBlock()) + " blocks ago: key rotations since then are expected)", "the node compares the chain "
        + "with its own record once it has caught up; to start near the head, bootstrap from a snapshot (hivesafe run --bootstrap)"));
  }

  /** Owner and active as the core compares them, and the recovery account when one is recorded. */
  private static boolean same(MultisigAuthority recorded, AccountInfo chain) {
    String recovery = chain.recoveryAccount().map(AccountName::value).orElse("");
    return AuthorityCheck.same(recorded.owner(), SignerAuthority.of(chain.owner()))
        && AuthorityCheck.same(recorded.active(), SignerAuthority.of(chain.active()))
        && (recorded.recoveryAccount().isEmpty() || recorded.recoveryAccount().equals(recovery));
  }

  private static String describe(MultisigAuthority a) {
    return AuthorityAnchor.describe(a.owner(), a.active()) + ", recovery " + name(a.recoveryAccount());
  }

  private static String name(String recovery) {
    return recovery.isEmpty() ? "not recorded" : recovery;
  }
}
