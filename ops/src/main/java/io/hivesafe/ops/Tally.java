package io.hivesafe.ops;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tally at block T, T % tally == 0 (DESIGN §3.3): reads the reports for block R = T − (tally −
 * report_offset) that landed in (R, T], finds the consensus hash with the node-ageing quorum, agrees on
 * a multisig header, updates ages and faults, and elects (§3.4).
 *
 * <ul>
 *   <li>Consensus: a hash reported by more than half of the current runners AND by runners holding at
 *       least half of the runners' total age ({@link ReportQuorum}). Two hashes cannot both have more
 *       than half the runners.
 *   <li>Header: the (ref_block_num, ref_block_prefix) pair carried by the reports of more than half of
 *       the runners (only reports with the consensus hash count), accepted only if it names a block
 *       this state has applied (the TaPoS window in {@code blocks/}); the expiration likewise, accepted
 *       only if it lies in (T's time, T's time + 3600 s]. Otherwise each is derived from T itself: ref =
 *       T's id, expiration = T's time + {@code expiration_seconds}.
 *   <li>At every tally, with or without consensus: a node that reported resets its missed count; one
 *       that did not adds one and loses a quarter of its age ({@code max_missed} in a row: faulted).
 *       Faulted runners (and runners no longer registered) leave the quorum's count and age.
 *   <li>In consensus: a node that reported the consensus hash ages by one; a wrong hash halves its
 *       age. Then the election. Without consensus the runners stay; the chaos counter grows.
 * </ul>
 */
final class Tally {
  private static final DateTimeFormatter HIVE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private Tally() {}

  static Optional<TallyRecord> run(SidechainState s, NetworkGenesis genesis, long block, Instant time, String blockIdHex,
      FeedWriter feed) {
    long reportBlock = block - (genesis.tallyInterval() - genesis.reportOffset());
    if (reportBlock < genesis.startBlock()) {
      return Optional.empty();
    }
    Roster roster = s.roster();
    long maxMissed = s.params().maxMissed();
    TreeMap<String, Report> reports = new TreeMap<>();
    for (Report r : SidechainState.reports(s.buffer(), reportBlock)) {
      reports.put(r.account(), r);
    }
    // Missed reports count at every tally, with or without consensus: whether a node's report is on
    // chain is the same on every node. One miss costs a quarter of the age; max_missed in a row fault it.
    TreeMap<String, NodeRecord> nodes = new TreeMap<>();
    for (NodeRecord n : SidechainState.nodes(s.buffer())) {
      NodeRecord updated = reports.containsKey(n.account()) ? n.afterTally(n.age(), 0)
          : n.afterTally(n.age() - n.age() / 4, n.missed() + 1);
      nodes.put(n.account(), updated);
    }
    TreeMap<String, String> hashes = new TreeMap<>();
    reports.forEach((account, r) -> hashes.put(account, r.hash()));
    // Faulted runners leave the quorum's count and age, so the runners still reporting can reach
    // consensus again when the oldest die.
    List<String> counting = ReportQuorum.countingRunners(roster.runners(), nodes, maxMissed);
    ReportQuorum quorum = ReportQuorum.count(counting, nodes, hashes);
    long runnerCount = quorum.runnerCount();
    long ageTotal = quorum.ageTotal();
    String consensus = quorum.consensus().orElse("");
    long agreeing = quorum.reporters(consensus);
    long ageAgreeing = quorum.reportersAge(consensus);
    TallyRecord previous = SidechainState.lastTally(s.buffer()).orElse(null);
    long inRow = previous == null ? 0 : previous.noConsensusInRow();
    long total = previous == null ? 0 : previous.noConsensusTotal();
    Header header = header(s, counting, reports, consensus, runnerCount, block, time, blockIdHex);
    TallyRecord record;
    if (consensus.isEmpty()) {
      for (NodeRecord n : nodes.values()) {
        putIfChanged(s, n);
      }
      record = new TallyRecord(block, reportBlock, "", reports.size(), 0, runnerCount, 0, ageTotal, inRow + 1, total + 1,
          header.refNum, header.refPrefix, header.expiration, header.source);
      feed.add("", 0, "", "tally", false, ReasonCode.NO_CONSENSUS, reportBlock, reports.size(), runnerCount, inRow + 1);
    } else {
      List<Election.Candidate> eligible = new ArrayList<>();
      long minStake = s.params().minStake();
      for (NodeRecord n : nodes.values()) {
        Report r = reports.get(n.account());
        NodeRecord updated = n;
        if (r != null) {
          updated = r.hash().equals(consensus) ? n.afterTally(n.age() + 1, 0) : n.afterTally(n.age() / 2, 0);
        }
        putIfChanged(s, updated);
        long stake = s.balances(n.account()).gov();
        // A newcomer must have reported the consensus hash; a sitting runner that missed a report keeps
        // its seat (it lost age) until max_missed in a row fault it; a wrong hash costs the seat.
        boolean agreed = r != null && r.hash().equals(consensus);
        boolean keepsSeat = r == null && roster.isRunner(n.account());
        if ((agreed || keepsSeat) && stake >= minStake && !updated.faulted(maxMissed)) {
          eligible.add(new Election.Candidate(n.account(), stake, updated.age()));
        }
      }
      Roster elected = Election.elect(eligible, roster, s.params().maxSigners(), block);
      s.putRoster(elected);
      record = new TallyRecord(block, reportBlock, consensus, reports.size(), agreeing, runnerCount, ageAgreeing, ageTotal,
          0, total, header.refNum, header.refPrefix, header.expiration, header.source);
      feed.add("", 0, "", "tally", true, ReasonCode.CONSENSUS, reportBlock, agreeing, runnerCount);
    }
    s.putTally(record);
    s.pruneReports(reportBlock);
    return Optional.of(record);
  }

  private static void putIfChanged(SidechainState s, NodeRecord updated) {
    if (!s.node(updated.account()).map(updated::equals).orElse(false)) {
      s.putNode(updated);
    }
  }

  private record Header(long refNum, long refPrefix, String expiration, String source) {}

  private static Header header(SidechainState s, List<String> runners, Map<String, Report> reports, String consensus,
      long runnerCount, long block, Instant time, String blockIdHex) {
    TreeMap<String, Long> pairs = new TreeMap<>();
    TreeMap<String, Long> expirations = new TreeMap<>();
    for (String runner : runners) {
      Report r = reports.get(runner);
      if (r != null && !consensus.isEmpty() && r.hash().equals(consensus)) {
        pairs.merge(r.refBlockNum() + ":" + r.refBlockPrefix(), 1L, Long::sum);
        expirations.merge(r.expiration(), 1L, Long::sum);
      }
    }
    long refNum = block & 0xffff;
    long refPrefix = io.hivesafe.hive.protocol.BlockId.fromHex(blockIdHex).refBlockPrefix();
    boolean refAgreed = false;
    for (Map.Entry<String, Long> e : pairs.entrySet()) {
      if (e.getValue() * 2 > runnerCount) {
        String[] parts = e.getKey().split(":");
        long num = Long.parseLong(parts[0]);
        long prefix = Long.parseLong(parts[1]);
        Optional<BlockRef> ref = SidechainState.blockRef(s.buffer(), num);
        if (ref.isPresent() && io.hivesafe.hive.protocol.BlockId.fromHex(ref.get().id()).refBlockPrefix() == prefix) {
          refNum = num;
          refPrefix = prefix;
          refAgreed = true;
        }
      }
    }
    String expiration = HIVE_TIME.format(time.plusSeconds(s.params().expirationSeconds()));
    boolean expirationAgreed = false;
    for (Map.Entry<String, Long> e : expirations.entrySet()) {
      if (e.getValue() * 2 > runnerCount) {
        // parsed as NodeOperations.report accepted it (ISO, proleptic year): HIVE_TIME's year-of-era refuses year 0
        Instant exp = LocalDateTime.parse(e.getKey()).toInstant(ZoneOffset.UTC);
        if (exp.isAfter(time) && !exp.isAfter(time.plusSeconds(NetworkParams.MAX_EXPIRATION_SECONDS))) {
          expiration = e.getKey();
          expirationAgreed = true;
        }
      }
    }
    String source = refAgreed && expirationAgreed ? "reports" : refAgreed || expirationAgreed ? "mixed" : "tally-block";
    return new Header(refNum, refPrefix, expiration, source);
  }
}
