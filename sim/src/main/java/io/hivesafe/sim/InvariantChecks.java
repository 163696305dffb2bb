package io.hivesafe.sim;

import io.hivesafe.hive.authority.AccountAuthorities;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.OperationEffects;
import io.hivesafe.ops.Alarm;
import io.hivesafe.ops.BlockOutcome;
import io.hivesafe.ops.Custody;
import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.LedgerTotals;
import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NodeRecord;
import io.hivesafe.ops.Payout;
import io.hivesafe.ops.ReasonCode;
import io.hivesafe.ops.RemovedNode;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.SignerAuthority;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The invariants read from the oracle's state after each block, against what the chain did (the
 * multisig account's balance and authority after each block, the block's transactions). Each check
 * counts itself; a failed one is a {@link Violation}. The simulation's own checks (digests, divergence)
 * report through {@link #count} and {@link #violation}.
 */
final class InvariantChecks {
  /** Signatures of earlier rounds kept for replay attacks (the most recent ones). */
  private static final int EARLIER_SIGNATURES = 32;
  /** The rotation gap (docs/multisig.md): at most one confirmed rotation per 1,200 blocks. */
  static final long ROTATION_GAP_BLOCKS = 1_200;

  private final NetworkGenesis genesis;
  private final SignatureScheme crypto;
  private final Oracle oracle;
  private final long floor;
  /** The multisig account on chain after each block: {hive, hbd}; looked up by number, never iterated. */
  private final Map<Long, long[]> chainBalances = new HashMap<>();
  private final Map<Long, AccountAuthorities> chainAuthorities = new HashMap<>();
  private final EnumMap<Invariant, Long> counts = new EnumMap<>(Invariant.class);
  private final List<Violation> violations = new ArrayList<>();
  // The oracle's state after the last block it applied, as far as the checks need it.
  private Optional<MultisigTx> round = Optional.empty();
  private TreeMap<Long, Payout> queue = new TreeMap<>();
  private MultisigAuthority authority;
  private long lastRotation;
  /** Rotations of the core's own (authority changes without an alarm) seen so far. */
  private long rotations;
  /** Whether an AUTHORITY_CHANGE alarm was ever raised: the authority is then not the core's doing. */
  private boolean foreignAuthority;
  /** Accounts whose stake must stay locked in the next block → their unlocking amount now. */
  private TreeMap<String, Long> locked = new TreeMap<>();
  private final TreeMap<Long, Long> requestedAt = new TreeMap<>();
  private final TreeSet<Long> paid = new TreeSet<>();
  private final List<String> earlierSignatures = new ArrayList<>();

  InvariantChecks(NetworkGenesis genesis, SignatureScheme crypto, Oracle oracle) {
    this.genesis = genesis;
    this.crypto = crypto;
    this.oracle = oracle;
    this.floor = Math.min(genesis.custody().minSigners(), SignerAuthority.of(genesis.active()).keyNames().size());
  }

  /**
   * What the chain holds for the multisig account right after producing {@code block}. The devnet
   * applies a transaction when it admits it, so while admitted transactions wait for a later block
   * ({@code pending} > 0) the balance is not the block's: that block's books are not compared.
   */
  void chainAfter(long block, long hive, long hbd, AccountAuthorities auth, int pending) {
    if (pending == 0) {
      chainBalances.put(block, new long[] {hive, hbd});
    }
    chainAuthorities.put(block, auth);
  }

  Optional<MultisigTx> roundInFlight() {
    return round;
  }

  List<String> earlierSignatures() {
    return List.copyOf(earlierSignatures);
  }

  void beforeBlock(long block) {
    if (!chainAuthorities.containsKey(block) && block > 1) {
      throw new IllegalStateException("no chain facts for block " + block);
    }
  }

  void afterBlock(Block b, BlockOutcome outcome) {
    long n = b.number();
    TreeMap<Long, Payout> queueAfter = new TreeMap<>();
    for (Payout p : oracle.read(SidechainState::payouts)) {
      queueAfter.put(p.seq(), p);
    }
    Optional<MultisigTx> roundAfter = oracle.read(SidechainState::multisigInFlight);
    List<FeedEntry> feed = oracle.read(r -> SidechainState.feed(r, n, 100_000)).stream().filter(e -> e.block() == n).toList();
    MultisigAuthority authAfter = oracle.read(SidechainState::authority);

    outflows(b, outcome);
    payouts(b, queueAfter, feed);
    conservation(n);
    signatures(n, roundAfter);
    authority(n, authAfter, outcome);
    stake(n, feed, authAfter);

    if (round.isPresent() && (roundAfter.isEmpty() || roundAfter.get().seq() != round.get().seq())) {
      for (String sig : round.get().signatures().values()) {
        earlierSignatures.add(sig);
        if (earlierSignatures.size() > EARLIER_SIGNATURES) {
          earlierSignatures.remove(0);
        }
      }
    }
    round = roundAfter;
    queue = queueAfter;
    authority = authAfter;
    chainBalances.remove(n - 1);
    chainAuthorities.remove(n - 1);
  }

  /**
   * outflow-alarmed: every operation on the multisig account's funds or authority outside its round's
   * transaction is an alarm of the block, on that very operation (one alarm does not cover a
   * transaction's other operations); one that takes funds out is an OUTFLOW alarm.
   */
  private void outflows(Block b, BlockOutcome outcome) {
    for (BlockTransaction t : b.transactions()) {
      String id = t.id().toHex();
      if (round.isPresent() && round.get().id().equals(id)) {
        continue;
      }
      List<Operation> ops = t.transaction().operations();
      for (int i = 0; i < ops.size(); i++) {
        OperationEffects e = OperationEffects.of(ops.get(i));
        boolean debit = e.debits().stream().anyMatch(d -> d.account().equals(genesis.multisigAccount()));
        if (!debit && !e.needsOwnerOrActive(genesis.multisigAccount())
            && e.recoveryTarget().filter(genesis.multisigAccount()::equals).isEmpty()) {
          continue;
        }
        count(Invariant.OUTFLOW_ALARMED);
        int op = i;
        boolean alarmed = outcome.alarms().stream().anyMatch(a -> a.tx().equals(id) && a.op() == op
            && (!debit || a.kind() == io.hivesafe.ops.AlarmKind.OUTFLOW));
        if (!alarmed) {
          violation(Invariant.OUTFLOW_ALARMED, b.number(), "operation " + i + " of transaction " + id + " acts on the multisig"
              + " account outside round " + round.map(r -> r.seq() + " (" + r.id() + ")").orElse("(none in flight)")
              + " and raised no " + (debit ? "OUTFLOW " : "") + "alarm: " + ops.get(i));
        }
      }
    }
  }

  /**
   * payout-once and payout-accounted: a landed round pays exactly its payouts (recipient, amount, asset,
   * memo), none twice; a payout leaves the queue only so, or returned with its own feed entry.
   */
  private void payouts(Block b, TreeMap<Long, Payout> queueAfter, List<FeedEntry> feed) {
    long n = b.number();
    List<Long> paidNow = new ArrayList<>();
    if (round.isPresent()) {
      String id = round.get().id();
      Optional<BlockTransaction> landed = b.transactions().stream().filter(t -> t.id().toHex().equals(id)).findFirst();
      if (landed.isPresent()) {
        paidNow.addAll(round.get().payouts());
        count(Invariant.PAYOUT_ACCOUNTED);
        List<String> onChain = new ArrayList<>();
        for (Operation op : landed.get().transaction().operations()) {
          if (op instanceof io.hivesafe.hive.protocol.TransferOperation t) {
            onChain.add(t.to().value() + " " + t.amount().amount() + " " + t.amount().symbol() + " " + t.memo());
          }
        }
        List<String> owed = new ArrayList<>();
        for (long seq : paidNow) {
          Payout p = queue.get(seq);
          owed.add(p == null ? "payout " + seq + " not queued" : p.to() + " " + p.amount() + " " + p.asset() + " " + p.memo());
        }
        onChain.sort(null);
        owed.sort(null);
        if (!onChain.equals(owed)) {
          violation(Invariant.PAYOUT_ACCOUNTED, n, "round " + round.get().seq() + " landed paying " + onChain + " for payouts "
              + paidNow + " owed " + owed);
        }
      }
    }
    for (long seq : paidNow) {
      count(Invariant.PAYOUT_ONCE);
      if (!paid.add(seq)) {
        violation(Invariant.PAYOUT_ONCE, n, "payout " + seq + " paid again by round " + round.get().seq());
      }
      if (queueAfter.containsKey(seq)) {
        violation(Invariant.PAYOUT_ACCOUNTED, n, "payout " + seq + " paid by round " + round.get().seq() + " but still queued");
      }
    }
    for (Map.Entry<Long, Payout> e : queue.entrySet()) {
      long seq = e.getKey();
      if (queueAfter.containsKey(seq) || paidNow.contains(seq)) {
        continue;
      }
      count(Invariant.PAYOUT_ACCOUNTED);
      String to = e.getValue().to();
      boolean returned = feed.stream().anyMatch(f -> f.kind().equals("payout") && !f.ok() && f.account().equals(to)
          && (f.reason().code() == ReasonCode.PAYOUT_RETURNED_TO_OWNER || f.reason().code() == ReasonCode.PAYOUT_RETURNED_TO_TREASURY)
          && f.reason().integer(0) == seq);
      if (!returned) {
        violation(Invariant.PAYOUT_ACCOUNTED, n, "payout " + seq + " (" + e.getValue() + ") left the queue unpaid and unreturned");
      }
    }
    for (long seq : queueAfter.keySet()) {
      if (!queue.containsKey(seq)) {
        if (requestedAt.containsKey(seq) || paid.contains(seq)) {
          violation(Invariant.PAYOUT_ACCOUNTED, n, "payout " + seq + " queued a second time");
        }
        requestedAt.put(seq, n);
      }
    }
  }

  /** conservation and books-match-chain. */
  private void conservation(long n) {
    count(Invariant.CONSERVATION);
    LedgerTotals totals = oracle.read(r -> LedgerTotals.of(r, genesis));
    if (!totals.balanced()) {
      violation(Invariant.CONSERVATION, n, totals.toString());
    }
    long[] onChain = chainBalances.get(n);
    if (onChain == null) {
      return; // block 1 (the genesis, produced before the simulation looked), or transactions were left over
    }
    count(Invariant.BOOKS_MATCH_CHAIN);
    Custody.Balance books = oracle.read(r -> Custody.books(r, genesis));
    if (books.hive() != onChain[0] || books.hbd() != onChain[1]) {
      violation(Invariant.BOOKS_MATCH_CHAIN, n, "the books say " + books.hive() + " milli-HIVE and " + books.hbd()
          + " milli-HBD, the chain holds " + onChain[0] + " and " + onChain[1]);
    }
  }

  /** signatures-valid: checked whenever the round or its signatures change. */
  private void signatures(long n, Optional<MultisigTx> roundAfter) {
    if (roundAfter.isEmpty() || roundAfter.equals(round)) {
      return;
    }
    MultisigTx tx = roundAfter.get();
    byte[] digest = HexFormat.of().parseHex(tx.digest());
    for (Map.Entry<String, String> s : new TreeMap<>(tx.signatures()).entrySet()) {
      if (round.isPresent() && round.get().seq() == tx.seq() && s.getValue().equals(round.get().signatures().get(s.getKey()))) {
        continue;
      }
      count(Invariant.SIGNATURES_VALID);
      Optional<PublicKey> key = crypto.recover(CompactSignature.fromHex(s.getValue()), digest);
      if (key.isEmpty() || !key.get().toString().equals(s.getKey()) || !tx.signers().contains(s.getKey())) {
        violation(Invariant.SIGNATURES_VALID, n, "round " + tx.seq() + " counts a signature for " + s.getKey() + " that recovers to "
            + key.map(PublicKey::toString).orElse("nothing"));
      }
    }
  }

  /** authority-floor: equal to the chain's, at least the floor of keys, able to sign; a rotation keeps the old thresholds and the gap. */
  private void authority(long n, MultisigAuthority after, BlockOutcome outcome) {
    count(Invariant.AUTHORITY_FLOOR);
    AccountAuthorities onChain = chainAuthorities.get(n);
    if (onChain != null && (!SignerAuthority.of(onChain.owner()).equals(after.owner())
        || !SignerAuthority.of(onChain.active()).equals(after.active()))) {
      violation(Invariant.AUTHORITY_FLOOR, n, "the recorded authority " + after + " is not the chain's " + onChain);
    }
    foreignAuthority |= outcome.alarms().stream().anyMatch(a -> a.kind() == io.hivesafe.ops.AlarmKind.AUTHORITY_CHANGE);
    // After a foreign account_update (an alarm) the authority is whatever its authors made it: the floor
    // binds the core's own rotations, not them.
    if (!foreignAuthority
        && (after.active().keyNames().size() < floor || after.owner().keyNames().size() < floor || !after.usable())) {
      violation(Invariant.AUTHORITY_FLOOR, n, "the authority " + after + " is below the floor of " + floor + " keys or cannot sign");
    }
    if (authority != null && !authority.owner().equals(after.owner()) && !foreignAuthority) {
      TreeSet<String> kept = after.signerKeys();
      if (authority.owner().signedWeight(kept) < authority.owner().threshold()
          || authority.active().signedWeight(kept) < authority.active().threshold()) {
        violation(Invariant.AUTHORITY_FLOOR, n, "a rotation to " + after + " keeps too few of the old keys " + authority);
      }
      if (lastRotation > 0 && n < lastRotation + ROTATION_GAP_BLOCKS) {
        violation(Invariant.AUTHORITY_FLOOR, n, "a rotation at block " + n + " only " + (n - lastRotation)
            + " blocks after the last one");
      }
      lastRotation = n;
      rotations++;
    }
  }

  /** signer-stake-locked: the accounts locked for this block did not start unlocking; then who is locked for the next. */
  private void stake(long n, List<FeedEntry> feed, MultisigAuthority auth) {
    for (FeedEntry f : feed) {
      if (f.kind().equals("gov_unlock") && f.ok() && !f.tx().isEmpty() && locked.containsKey(f.account())) {
        violation(Invariant.SIGNER_STAKE_LOCKED, n, f.account() + "'s gov_unlock was accepted while its key signs for the"
            + " multisig account or unbonds: " + f.reason());
      }
    }
    for (Map.Entry<String, Long> e : locked.entrySet()) {
      count(Invariant.SIGNER_STAKE_LOCKED);
      long unlocking = oracle.read(r -> SidechainState.balances(r, e.getKey())).unlocking();
      if (unlocking > e.getValue()) {
        violation(Invariant.SIGNER_STAKE_LOCKED, n, e.getKey() + " started unlocking " + (unlocking - e.getValue())
            + " while its key signs for the multisig account or unbonds");
      }
    }
    TreeMap<String, Long> next = new TreeMap<>();
    for (NodeRecord node : oracle.read(SidechainState::nodes)) {
      if (auth.holds(node.key()) || node.unbondBlock() > n + 1) {
        next.put(node.account(), oracle.read(r -> SidechainState.balances(r, node.account())).unlocking());
      }
    }
    for (RemovedNode removed : oracle.read(SidechainState::removedNodes)) {
      if (auth.holds(removed.key()) || removed.unbondBlock() > n + 1) {
        next.put(removed.account(), oracle.read(r -> SidechainState.balances(r, removed.account())).unlocking());
      }
    }
    locked = next;
  }

  /**
   * The liveness bound in tallies from now, when the faults stop, for what is queued now: a payout with a
   * strike goes in a round of its own and such rounds alternate with clean batches of at most
   * {@code max_batch_payouts} (docs/multisig.md), so S struck and Q clean payouts need at most 2·max(S,
   * ⌈Q / batch⌉) rounds; plus one tally for the round in flight, one for a rotation that may come first,
   * and two for what the last blocks before the stop queued.
   */
  long livenessBound() {
    io.hivesafe.ops.NetworkParams params = oracle.read(SidechainState::params);
    long batch = params.maxBatchPayouts();
    long struck = queue.values().stream().filter(p -> p.strikes() > 0).count();
    long clean = queue.size() - struck;
    // A payout the chain refuses, still queued: if clean, the batch it goes out in expires and strikes
    // its batch mates too; and each strike it still lacks is one more expired round of its own.
    long refusedClean = queue.values().stream().filter(p -> p.to().equals(Simulation.GHOST) && p.strikes() == 0).count();
    long refusedRounds = queue.values().stream().filter(p -> p.to().equals(Simulation.GHOST))
        .mapToLong(p -> params.payoutStrikes() - p.strikes()).sum();
    long suspects = struck + refusedClean * Math.min(batch, clean);
    return 4 + 2 * Math.max(suspects, (clean + batch - 1) / batch) + 2 * refusedRounds;
  }

  /** liveness, at the end of a run: nothing requested before the faults stopped is still queued. */
  void liveness(long faultsStopped, boolean claimed) {
    if (!claimed) {
      return;
    }
    count(Invariant.LIVENESS);
    String why = null;
    // Payouts requested during the quiet blocks are held to the least bound: none older than it is left.
    long quietDue = oracle.lastBlock() - Scenario.TAIL_BLOCKS;
    for (Payout p : queue.values()) {
      long at = requestedAt.getOrDefault(p.seq(), 0L);
      if (at <= faultsStopped || at <= quietDue) {
        violation(Invariant.LIVENESS, oracle.lastBlock(), "payout " + p.seq() + " requested at block " + at + " is still queued "
            + (oracle.lastBlock() - faultsStopped) + " blocks after the faults stopped: " + p + round.map(r -> "; in flight: round "
            + r.seq() + " " + r.kind() + " " + r.payouts() + " ready " + r.ready()).orElse("; no round in flight")
            + (why == null ? recentMultisig() : ""));
        why = "told";
      }
    }
  }

  /** What the oracle's feed says of the last rounds and tallies, and any rotation hold: the liveness failure's context. */
  private String recentMultisig() {
    StringBuilder s = new StringBuilder();
    oracle.read(SidechainState::rotationHold).ifPresent(h -> s.append("\n    rotation hold: ").append(h));
    List<FeedEntry> all = oracle.read(r -> SidechainState.feed(r, Math.max(1, oracle.lastBlock() - 200), 100_000));
    List<FeedEntry> kept = all.stream().filter(e -> !e.kind().equals("send") && !e.kind().equals("deposit")
        && !e.kind().equals("gov_lock") && !e.kind().equals("withdraw") && !e.kind().equals("report")).toList();
    kept.stream().skip(Math.max(0, kept.size() - 80)).forEach(e -> s.append("\n    feed ").append(e));
    return s.toString();
  }

  void count(Invariant invariant) {
    counts.merge(invariant, 1L, Long::sum);
  }

  void violation(Invariant invariant, long block, String detail) {
    violations.add(new Violation(invariant, block, detail));
  }

  List<Violation> violations() {
    return List.copyOf(violations);
  }

  long rotations() {
    return rotations;
  }

  EnumMap<Invariant, Long> counts() {
    return new EnumMap<>(counts);
  }
}
