package io.hivesafe.ops;

import io.hivesafe.state.ValueCodec;
import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;

import java.util.TreeSet;

/**
 * The multisig account's authorities and recovery account as last seen on chain (the genesis, then
 * every account_update / account_update2 of the account in the stream, from anyone): owner and active
 * recorded separately, with weights, key and account members (DESIGN §3.5). {@code recoveryAccount} is
 * empty when the genesis did not name it. {@code seenBlock} is the block the last change was seen in.
 */
public record MultisigAuthority(SignerAuthority owner, SignerAuthority active, String recoveryAccount, long seenBlock) {
  /** The canonical encoding (docs/state.md, "State schema"): the fields in declaration order. */
  public static final ValueCodec<MultisigAuthority> CODEC = ValueCodec.of(
      (w, v) -> w.then(v.owner(), SignerAuthority::write).then(v.active(), SignerAuthority::write).text(v.recoveryAccount()).int64(v.seenBlock()),
      r -> new MultisigAuthority(SignerAuthority.read(r), SignerAuthority.read(r), r.text(), r.int64()));

  /**
   * What the core records for the multisig account at the genesis's start block: the genesis's owner and
   * active authorities (the short form: every genesis node's key, threshold ⌊n/2⌋+1), its recovery account
   * ("" when it names none). The account on chain must hold exactly this when the network starts.
   */
  public static MultisigAuthority atGenesis(NetworkGenesis genesis) {
    return new MultisigAuthority(SignerAuthority.of(genesis.owner()), SignerAuthority.of(genesis.active()),
        genesis.recoveryAccount().map(a -> a.value()).orElse(""), genesis.startBlock());
  }

  /** Whether key {@code stm} is a member of the owner or the active authority. */
  public boolean holds(String stm) {
    return owner.keyNames().contains(stm) || active.keyNames().contains(stm);
  }

  /** Every key of the owner and the active authority, sorted (STM order). */
  public TreeSet<String> signerKeys() {
    TreeSet<String> all = owner.keySet();
    all.addAll(active.keySet());
    return all;
  }

  /** Whether both authorities can be satisfied at all (1 ≤ threshold ≤ Σ weights). */
  public boolean usable() {
    return owner.satisfiable() && active.satisfiable();
  }

  MultisigAuthority withOwnerAndActive(SignerAuthority newOwner, SignerAuthority newActive, long block) {
    return new MultisigAuthority(newOwner, newActive, recoveryAccount, block);
  }
}
