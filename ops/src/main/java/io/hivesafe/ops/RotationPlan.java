package io.hivesafe.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Whether a key rotation is due at a tally, and to which keys (DESIGN §3.5):
 * <ul>
 *   <li><b>due</b> when the elected runners' keys differ from the signer keys (owner and active) by
 *       more than 25%, or a signer's node is faulted, gone or no longer a runner while a replacement is
 *       ready (a runner that holds no signer key — typically the standby promoted into its seat — or a
 *       standby), or custody stands over the safety limit;
 *   <li>at most one rotation an hour ({@link #GAP_BLOCKS} blocks after the last confirmed one);
 *   <li>the new set is the runners' keys, plus old keys held by registered nodes until the kept old
 *       keys carry at least the old owner and active thresholds (so one rotation never hands the
 *       account to newcomers), then until it holds {@code min_signers} keys; never more than 40;
 *       only keys of registered nodes (their proofs of possession are on chain);
 *   <li>every key weight 1, threshold ⌊n/2⌋+1 for both owner and active.
 * </ul>
 * A rotation that is due but cannot meet these rules is not built; {@link #hold} says why.
 */
record RotationPlan(Optional<List<String>> keys, Optional<RotationHold> hold) {
  /** One rotation per hour at most (3-second blocks); hived allows two owner updates an hour. */
  static final long GAP_BLOCKS = 1_200;

  private static final RotationPlan NONE = new RotationPlan(Optional.empty(), Optional.empty());

  static RotationPlan at(SidechainState s, NetworkGenesis g, MultisigAuthority auth, MultisigBooks books, long block) {
    Roster roster = s.roster();
    long maxMissed = s.params().maxMissed();
    TreeMap<String, NodeRecord> byKey = new TreeMap<>();
    for (NodeRecord n : SidechainState.nodes(s.buffer())) {
      byKey.put(n.key(), n);
    }
    TreeSet<String> runnerKeys = new TreeSet<>();
    for (String runner : roster.runners()) {
      s.node(runner).ifPresent(n -> runnerKeys.add(n.key()));
    }
    TreeSet<String> signers = auth.signerKeys();
    long differing = 0;
    for (String k : runnerKeys) {
      differing += signers.contains(k) ? 0 : 1;
    }
    for (String k : signers) {
      differing += runnerKeys.contains(k) ? 0 : 1;
    }
    boolean faultedSigner = false;
    for (String k : signers) {
      NodeRecord n = byKey.get(k);
      faultedSigner |= n == null || n.faulted(maxMissed) || !roster.isRunner(n.account());
    }
    boolean drift = differing * 4 > signers.size();
    // a replacement is ready: a runner (a standby promoted in the signer's seat, say) holds no signer key
    boolean replacementReady = false;
    for (String k : runnerKeys) {
      replacementReady |= !signers.contains(k);
    }
    boolean replace = faultedSigner && (replacementReady || !roster.standby().isEmpty());
    boolean over = books.overLimit();
    if (!(drift || replace || over) || runnerKeys.isEmpty()) {
      return NONE;
    }
    if (books.lastRotationBlock() > 0 && block < books.lastRotationBlock() + GAP_BLOCKS) {
      return held(block, ReasonCode.HOLD_ROTATION_GAP, books.lastRotationBlock(), books.lastRotationBlock() + GAP_BLOCKS);
    }
    Map<String, Long> stakes = Custody.stakeByKey(s.buffer());
    List<String> candidates = new ArrayList<>();
    for (String k : signers) {
      if (byKey.containsKey(k) && !runnerKeys.contains(k)) {
        candidates.add(k);
      }
    }
    candidates.sort(Comparator.comparing((String k) -> byKey.get(k).faulted(maxMissed))
        .thenComparing(Comparator.comparing((String k) -> stakes.getOrDefault(k, 0L)).reversed())
        .thenComparing(Comparator.naturalOrder()));
    TreeSet<String> next = new TreeSet<>(runnerKeys);
    int taken = 0;
    while (!keepsOldThreshold(auth, next) && taken < candidates.size()) {
      next.add(candidates.get(taken++));
    }
    if (!keepsOldThreshold(auth, next)) {
      return held(block, ReasonCode.HOLD_OLD_THRESHOLD_NOT_KEPT, auth.owner().signedWeight(next), auth.active().signedWeight(next),
          auth.owner().threshold(), auth.active().threshold());
    }
    while (next.size() < g.custody().minSigners() && taken < candidates.size()) {
      next.add(candidates.get(taken++));
    }
    if (next.size() < g.custody().minSigners()) {
      return held(block, ReasonCode.HOLD_BELOW_FLOOR, next.size(), g.custody().minSigners());
    }
    if (next.size() > NetworkParams.MAX_SIGNERS_LIMIT) {
      return held(block, ReasonCode.HOLD_TOO_MANY_KEYS, next.size(), NetworkParams.MAX_SIGNERS_LIMIT);
    }
    SignerAuthority target = SignerAuthority.ofKeys(next.size() / 2 + 1, next);
    boolean unchanged = target.equals(auth.owner()) && target.equals(auth.active());
    boolean restores = g.custody().covers(Custody.weakestMajorityOf(next, stakes), Math.max(0, Custody.books(s.buffer(), g).hive()),
        Math.max(0, Custody.books(s.buffer(), g).hbd()));
    if (unchanged || (over && !drift && !replace && !restores)) {
      return over && !restores
          ? held(block, ReasonCode.HOLD_LIMIT_NOT_RESTORED, Custody.weakestMajorityOf(next, stakes))
          : NONE;
    }
    return new RotationPlan(Optional.of(List.copyOf(next)), Optional.empty());
  }

  /** Whether the old keys in {@code next} carry at least the old owner and the old active threshold. */
  private static boolean keepsOldThreshold(MultisigAuthority auth, TreeSet<String> next) {
    return auth.owner().signedWeight(next) >= auth.owner().threshold()
        && auth.active().signedWeight(next) >= auth.active().threshold();
  }

  private static RotationPlan held(long block, ReasonCode code, Object... args) {
    return new RotationPlan(Optional.empty(), Optional.of(new RotationHold(block, Reason.of(code, args))));
  }
}
