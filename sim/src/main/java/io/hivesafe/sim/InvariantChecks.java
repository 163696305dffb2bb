package io.hivesafe.sim;

import io.hivesafe.hive.authority.AccountAuthorities;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.ops.BlockOutcome;
import io.hivesafe.ops.Custody;
import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.LedgerTotals;
import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.Payout;
import io.hivesafe.ops.ReasonCode;
import io.hivesafe.ops.SidechainState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The invariants read from the oracle's state after each block, against what the chain did (the
 * multisig account's balance and authority after each block, the block's transactions). Each check
 * counts itself in the {@link InvariantTally}; a failed one is a {@link Violation}. Outflow alarms, the
 * round's signatures, the authority floor and locked signer stake are checks of their own
 * ({@link OutflowAlarmCheck}, {@link SignaturesValidCheck}, {@link AuthorityFloorCheck}, {@link SignerStakeCheck});
 * the payouts, conservation and liveness are checked here. The simulation's own checks (digests,
 * divergence) report through {@link #count} and {@link #violation}.
 */
final class InvariantChecks {
  /** Signatures of earlier rounds kept for replay attacks (the most recent ones). */
  private static final int EARLIER_SIGNATURES = 32;

  private final NetworkGenesis genesis;
  private final Oracle oracle;
  /** The multisig account on chain after each block: {hive, hbd}; looked up by number, never iterated. */
  private final Map<Long, long[]> chainBalances = new HashMap<>();
  private final Map<Long, AccountAuthorities> chainAuthorities = new HashMap<>();
  private final InvariantTally tally = new InvariantTally();
  private final OutflowAlarmCheck outflows;
  private final AuthorityFloorCheck authorityFloor;
  private final SignerStakeCheck signerStake;
  private final SignaturesValidCheck signatures;
  // The oracle's state after the last block it applied, as far as the checks need it.
  private Optional<MultisigTx> round = Optional.empty();
  private TreeMap<Long, Payout> queue = new TreeMap<>();
  private MultisigAuthority authority;
  private final TreeMap<Long, Long> requestedAt = new TreeMap<>();
  private final TreeSet<Long> paid = new TreeSet<>();
  private final List<String> earlierSignatures = new ArrayList<>();

  InvariantChecks(NetworkGenesis genesis, SignatureScheme crypto, Oracle oracle) {
    this.genesis = genesis;
    this.oracle = oracle;
    this.outflows = new OutflowAlarmCheck(genesis, tally);
    this.authorityFloor = new AuthorityFloorCheck(genesis, tally);
    this.signerStake = new SignerStakeCheck(oracle, tally);
    this.signatures = new SignaturesValidCheck(crypto, tally);
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

    outflows.check(b, outcome, round);
    payouts(b, queueAfter, feed);
    conservation(n);
    signatures.check(n, round, roundAfter);
    authorityFloor.check(n, authority, authAfter, chainAuthorities.get(n), outcome);
    signerStake.check(n, feed, authAfter);

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
    long refusedClean = queue.values().stream().filter(p -> p.to().equals(ByzantineAttacks.GHOST) && p.strikes() == 0).count();
    long refusedRounds = queue.values().stream().filter(p -> p.to().equals(ByzantineAttacks.GHOST))
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
    tally.count(invariant);
  }

  void violation(Invariant invariant, long block, String detail) {
    tally.violation(invariant, block, detail);
  }

  List<Violation> violations() {
    return tally.violations();
  }

  long rotations() {
    return authorityFloor.rotations();
  }

  EnumMap<Invariant, Long> counts() {
    return tally.counts();
  }
}
