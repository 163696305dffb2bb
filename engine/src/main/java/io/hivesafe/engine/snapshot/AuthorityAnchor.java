package io.hivesafe.engine.snapshot;

import io.hivesafe.hive.rpc.AccountInfo;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcException;
import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.SignerAuthority;
import java.util.Comparator;
import java.util.List;

/**
 * The trust anchor of a bootstrap (DESIGN §3.8): the multisig account's owner and active authorities as
 * the chain holds them now, which no snapshot can change. A snapshot is checked only if its own record of
 * them (ops {@link MultisigAuthority}, updated from every account_update the core sees) is the same:
 * the same thresholds and the same key and account members with the same weights, in any order.
 */
public record AuthorityAnchor(String account, SignerAuthority owner, SignerAuthority active) {

  /** The account's authorities, read through {@code find_accounts}. */
  static AuthorityAnchor read(HiveRpcClient api, NetworkGenesis genesis) throws Refused {
    List<AccountInfo> found;
    try {
      found = api.findAccounts(List.of(genesis.multisigAccount()));
    } catch (RpcException e) {
      throw new Refused(BootstrapException.Failure.API, "the Hive API did not give the multisig account "
          + genesis.multisigAccount() + ": " + e.getMessage(), e);
    }
    if (found.isEmpty()) {
      throw new Refused(BootstrapException.Failure.API, "the Hive API does not know the multisig account "
          + genesis.multisigAccount() + " (an API of another chain?)");
    }
    AccountInfo info = found.get(0);
    return new AuthorityAnchor(genesis.multisigAccount().value(), SignerAuthority.of(info.owner()),
        SignerAuthority.of(info.active()));
  }

  /** Refuses unless {@code recorded} (the snapshot's) is this authority; and unless the active authority needs a signature at all. */
  void check(MultisigAuthority recorded, long block) throws Refused {
    if (!same(recorded.owner(), owner) || !same(recorded.active(), active)) {
      throw new Refused(BootstrapException.Failure.AUTHORITY, "the snapshot's record of the multisig account " + account
          + "'s authority is not the account's authority on chain now: the snapshot (block " + block + ") records "
          + describe(recorded.owner(), recorded.active()) + "; the chain has " + describe(owner, active) + ". Either the authority changed after block " + block + " (a key rotation): "
          + "bootstrap from a snapshot taken after the change; or the snapshot is not honest. If you know the digest to "
          + "trust, give it with --expect-digest");
    }
    if (active.threshold() < 1) {
      throw new Refused(BootstrapException.Failure.AUTHORITY, "the multisig account " + account + "'s active authority on "
          + "chain has threshold " + active.threshold() + ": it needs no signature, so its keys vouch for nothing; give the "
          + "digest to trust with --expect-digest");
    }
  }

  private static boolean same(SignerAuthority a, SignerAuthority b) {
    return a.threshold() == b.threshold() && members(a.keys()).equals(members(b.keys()))
        && members(a.accounts()).equals(members(b.accounts()));
  }

  /** The members sorted by name (then weight): a duplicate stays a duplicate, so it never equals the chain's. */
  private static List<SignerAuthority.Member> members(List<SignerAuthority.Member> list) {
    return list.stream().sorted(Comparator.comparing(SignerAuthority.Member::name)
        .thenComparingLong(SignerAuthority.Member::weight)).toList();
  }

  /** "owner and active {…}" when they are the same, as our rotations make them; else "owner {…}, active {…}". */
  public static String describe(SignerAuthority owner, SignerAuthority active) {
    return same(owner, active) ? "owner and active " + describe(active)
        : "owner " + describe(owner) + ", active " + describe(active);
  }

  /** {@code {threshold 3; keys STM5… 1, STM6… 1; accounts none}}. */
  public static String describe(SignerAuthority a) {
    StringBuilder sb = new StringBuilder("{threshold ").append(a.threshold()).append("; keys ");
    list(sb, members(a.keys()));
    sb.append("; accounts ");
    list(sb, members(a.accounts()));
    return sb.append('}').toString();
  }

  private static void list(StringBuilder sb, List<SignerAuthority.Member> members) {
    if (members.isEmpty()) {
      sb.append("none");
      return;
    }
    String sep = "";
    for (SignerAuthority.Member m : members) {
      sb.append(sep).append(m.name()).append(' ').append(m.weight());
      sep = ", ";
    }
  }
}
