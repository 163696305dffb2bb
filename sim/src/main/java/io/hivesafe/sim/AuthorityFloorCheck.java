package io.hivesafe.sim;

import io.hivesafe.hive.authority.AccountAuthorities;
import io.hivesafe.ops.BlockOutcome;
import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.SignerAuthority;
import java.util.TreeSet;

/**
 * The invariant authority-floor, checked after each block for {@link InvariantChecks}, and the count of
 * the core's own rotations it sees.
 */
final class AuthorityFloorCheck {
  /** The rotation gap (docs/multisig.md): at most one confirmed rotation per 1,200 blocks. */
  static final long ROTATION_GAP_BLOCKS = 1_200;

  private final InvariantTally tally;
  private final long floor;
  private long lastRotation;
  /** Rotations of the core's own (authority changes without an alarm) seen so far. */
  private long rotations;
  /** Whether an AUTHORITY_CHANGE alarm was ever raised: the authority is then not the core's doing. */
  private boolean foreignAuthority;

  AuthorityFloorCheck(NetworkGenesis genesis, InvariantTally tally) {
    this.tally = tally;
    this.floor = Math.min(genesis.custody().minSigners(), SignerAuthority.of(genesis.active()).keyNames().size());
  }

  /**
   * authority-floor: {@code after}, the recorded authority after block {@code n}, is equal to the
   * chain's ({@code onChain}, null when unknown), at least the floor of keys, able to sign; a rotation from
   * {@code authority} (null before the first block) keeps the old thresholds and the gap.
   */
  void check(long n, MultisigAuthority authority, MultisigAuthority after, AccountAuthorities onChain, BlockOutcome outcome) {
    tally.count(Invariant.AUTHORITY_FLOOR);
    if (onChain != null && (!SignerAuthority.of(onChain.owner()).equals(after.owner())
        || !SignerAuthority.of(onChain.active()).equals(after.active()))) {
      tally.violation(Invariant.AUTHORITY_FLOOR, n, "the recorded authority " + after + " is not the chain's " + onChain);
    }
    foreignAuthority |= outcome.alarms().stream().anyMatch(a -> a.kind() == io.hivesafe.ops.AlarmKind.AUTHORITY_CHANGE);
    // After a foreign account_update (an alarm) the authority is whatever its authors made it: the floor
    // binds the core's own rotations, not them.
    if (!foreignAuthority
        && (after.active().keyNames().size() < floor || after.owner().keyNames().size() < floor || !after.usable())) {
      tally.violation(Invariant.AUTHORITY_FLOOR, n, "the authority " + after + " is below the floor of " + floor + " keys or cannot sign");
    }
    if (authority != null && !authority.owner().equals(after.owner()) && !foreignAuthority) {
      TreeSet<String> kept = after.signerKeys();
      if (authority.owner().signedWeight(kept) < authority.owner().threshold()
          || authority.active().signedWeight(kept) < authority.active().threshold()) {
        tally.violation(Invariant.AUTHORITY_FLOOR, n, "a rotation to " + after + " keeps too few of the old keys " + authority);
      }
      if (lastRotation > 0 && n < lastRotation + ROTATION_GAP_BLOCKS) {
        tally.violation(Invariant.AUTHORITY_FLOOR, n, "a rotation at block " + n + " only " + (n - lastRotation)
            + " blocks after the last one");
      }
      lastRotation = n;
      rotations++;
    }
  }

  long rotations() {
    return rotations;
  }
}
