package io.hivesafe.ops;

import java.util.Optional;
import java.util.Set;

/**
 * Stake that backs the multisig keys cannot leave while the keys can sign (DESIGN §3.5): an account
 * whose node key — or, once removed by governance, whose last key — is in the recorded owner or active
 * authority cannot {@code gov_unlock}, and after a key leaves the authority the stake stays locked for
 * {@code signer_unbond_blocks} (Hive lets the account's recent owner keys recover it for 30 days after
 * an owner change: until then the old keys can still act).
 */
final class SignerBonds {
  private SignerBonds() {}

  /** Rejects the unlock when {@code account}'s stake backs a multisig key at {@code block}. */
  static void requireUnlocked(SidechainState s, String account, long block) throws OpRejected {
    MultisigAuthority auth = SidechainState.authority(s.buffer());
    Optional<NodeRecord> node = s.node(account);
    Optional<RemovedNode> removed = SidechainState.removed(s.buffer(), account);
    String key = node.map(NodeRecord::key).orElse(removed.map(RemovedNode::key).orElse(null));
    if (key != null && auth.holds(key)) {
      throw new OpRejected(ReasonCode.STAKE_KEY_IN_AUTHORITY, key);
    }
    long unbond = Math.max(node.map(NodeRecord::unbondBlock).orElse(0L), removed.map(RemovedNode::unbondBlock).orElse(0L));
    if (block < unbond) {
      throw new OpRejected(ReasonCode.STAKE_UNBONDING, unbond);
    }
  }

  /** Keys that left the authority at {@code block}: the stake of the accounts holding them unbonds from then. */
  static void keysLeft(SidechainState s, Set<String> keys, long block, long unbondBlocks) {
    if (keys.isEmpty()) {
      return;
    }
    long until = Math.addExact(block, unbondBlocks);
    for (NodeRecord n : SidechainState.nodes(s.buffer())) {
      if (keys.contains(n.key())) {
        s.putNode(n.unbondingUntil(until));
      }
    }
    for (RemovedNode r : SidechainState.removedNodes(s.buffer())) {
      if (keys.contains(r.key())) {
        s.putRemoved(r.unbondingUntil(until));
      }
    }
  }
}
