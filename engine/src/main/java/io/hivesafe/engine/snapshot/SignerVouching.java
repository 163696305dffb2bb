package io.hivesafe.engine.snapshot;

import io.hivesafe.ops.NodeRecord;
import io.hivesafe.ops.SignerAuthority;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How much of the multisig account's active authority vouches for a digest (DESIGN §3.8): the weights,
 * in the authority on chain, of the distinct keys of the accounts that reported the digest for R on
 * chain, counting an account only if the snapshot's node record for it holds a key of that authority and
 * the key is proven ({@link KeyProofs}). An account's report is its first for R ({@link OnChainReports}).
 *
 * <p>The counted weight only grows as more reports land, so once it reaches the threshold it is final.
 * {@link #pending} is the most it could still grow while the window is open: the weights of the
 * authority's keys not counted yet whose node accounts (in the snapshot) have not reported at all.
 *
 * @param signers the keys counted, in account order
 * @param refused each reporter of the digest that did not count, with the reason
 */
record SignerVouching(long weight, long threshold, long pending, List<BootstrapResult.Signer> signers, List<String> refused) {

  static SignerVouching count(String digest, SortedMap<String, String> hashes, Map<String, NodeRecord> nodes,
      SignerAuthority active, KeyProofs proofs) throws Refused {
    TreeMap<String, BootstrapResult.Signer> byKey = new TreeMap<>();
    List<BootstrapResult.Signer> signers = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    long weight = 0;
    for (Map.Entry<String, String> report : hashes.entrySet()) {
      if (!report.getValue().equals(digest)) {
        continue;
      }
      String account = report.getKey();
      NodeRecord node = nodes.get(account);
      if (node == null) {
        refused.add(account + ": not a node in the snapshot");
        continue;
      }
      long w = active.weightOf(node.key());
      if (w <= 0) {
        refused.add(account + ": its key " + node.key() + " is not in the multisig account's active authority");
        continue;
      }
      BootstrapResult.Signer already = byKey.get(node.key());
      if (already != null) {
        refused.add(account + ": its key " + node.key() + " is already counted for " + already.account());
        continue;
      }
      KeyProofs.Proof proof = proofs.prove(node);
      if (!proof.proven()) {
        refused.add(account + ": its key " + node.key() + " (weight " + w + " in the active authority) is not proven: "
            + proof.detail());
        continue;
      }
      BootstrapResult.Signer signer = new BootstrapResult.Signer(account, node.key(), w, proof.detail());
      byKey.put(node.key(), signer);
      signers.add(signer);
      weight = Math.addExact(weight, w);
    }
    TreeSet<String> silentKeys = new TreeSet<>();
    for (NodeRecord n : nodes.values()) {
      if (!hashes.containsKey(n.account()) && !byKey.containsKey(n.key()) && active.weightOf(n.key()) > 0) {
        silentKeys.add(n.key());
      }
    }
    long pending = 0;
    for (String key : silentKeys) {
      pending = Math.addExact(pending, active.weightOf(key));
    }
    return new SignerVouching(weight, active.threshold(), pending, signers, refused);
  }

  boolean reaches() {
    return weight >= threshold;
  }

  /** Whether the reports still to come could bring the weight to the threshold. */
  boolean couldReach() {
    return weight + pending >= threshold;
  }
}
