package io.hivesafe.engine.snapshot;

import io.hivesafe.state.StateDigest;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot that passed: the store in the data directory is at {@code block} with {@code digest}. A node
 * started on the directory continues from {@code block + 1}. {@code vouched} says how the chain vouched
 * for the digest; it is empty when the operator gave the digest ({@code --expect-digest}) and the chain's
 * reports were not consulted.
 */
public record BootstrapResult(long block, StateDigest digest, long entries, Optional<Vouched> vouched) {

  /** Whether the digest was the operator's ({@code --expect-digest}) rather than vouched for on chain. */
  public boolean pinned() {
    return vouched.isEmpty();
  }

  /**
   * How the chain vouched for the digest: node keys of the multisig account's active authority holding
   * {@code signerWeight} of its {@code activeThreshold} reported it ({@code signers}, each key proven), and
   * under the tally's rule it is the consensus: {@code reporters} of the {@code runners} counting runners,
   * holding {@code reportersAge} of their {@code ageTotal} age. Reports were read through block
   * {@code checkedThrough}.
   */
  public record Vouched(long signerWeight, long activeThreshold, List<Signer> signers, long reporters, long runners,
      long reportersAge, long ageTotal, long checkedThrough) {
    public Vouched {
      signers = List.copyOf(signers);
    }
  }

  /**
   * A key of the active authority that vouched: the account that reported, its key (STM), the key's weight
   * in the authority, and how the key is bound to the account ("genesis", "node_add in block N").
   */
  public record Signer(String account, String key, long weight, String proof) {}
}
