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
 *   <li>In consensus: a node that reported the consensus hash ages by one and its missed count resets;
 *       a wrong hash halves its age; no report adds one to missed (two in a row: faulted). Then the
 *       election. Without consensus nothing about nodes or runners changes; the chaos counter grows.
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
    TreeMap<String, Report> reports = new TreeMap<>();
    for (Report r : SidechainState.reports(s.buffer(), reportBlock)) {
      reports.put(r.account(), r);
    }
    TreeMap<String, NodeRecord> nodes = new TreeMap<>();
    for (NodeRecord n : SidechainState.nodes(s.buffer())) {
      nodes.put(n.account(), n);
    }
    TreeMap<String, String> hashes = new TreeMap<>();
    reports.forEach((account, r) -> hashes.put(account, r.hash()));
    ReportQuorum quorum = ReportQuorum.count(roster.runners(), nodes, hashes);
    long runnerCount = quorum.runnerCount();
    long ageTotal = quorum.ageTotal();
    String consensus = quorum.consensus().orElse("");
    long agreeing = quorum.reporters(consensus);
    long ageAgreeing = quorum.reportersAge(consensus);
    TallyRecord previous = SidechainState.lastTally(s.buffer()).orElse(null);
    long inRow = previous == null ? 0 : previous.noConsensusInRow();
    long total = previous == null ? 0 : previous.noConsensusTotal();
    Header header = header(s, roster, reports, consensus, runnerCount, block, time, blockIdHex);
    TallyRecord record;
    if (consensus.isEmpty()) {
      record = new TallyRecord(block, reportBlock, "", reports.size(), 0, runnerCount, 0, ageTotal, inRow + 1, total + 1,
          header.refNum, header.refPrefix, header.expiration, header.source);
      feed.add("", 0, "", "tally", false, "no consensus on block " + reportBlock + " (" + reports.size() + " reports, "
          + (inRow + 1) + " in a row)");
    } else {
      List<Election.Candidate> eligible = new ArrayList<>();
      long minStake = s.params().minStake();
      for (NodeRecord n : nodes.values()) {
        Report r = reports.get(n.account());
        NodeRecord updated;
        if (r == null) {
          updated = n.afterTally(n.age(), n.missed() + 1);
        } else if (r.hash().equals(consensus)) {
          updated = n.afterTally(n.age() + 1, 0);
        } else {
          updated = n.afterTally(n.age() / 2, 0);
        }
        if (!updated.equals(n)) {
          s.putNode(updated);
        }
        long stake = s.balances(n.account()).gov();
        if (r != null && r.hash().equals(consensus) && stake >= minStake && !updated.faulted()) {
          eligible.add(new Election.Candidate(n.account(), stake, updated.age()));
        }
      }
      Roster elected = Election.elect(eligible, roster, s.params().maxSigners(), block);
      s.putRoster(elected);
      record = new TallyRecord(block, reportBlock, consensus, reports.size(), agreeing, runnerCount, ageAgreeing, ageTotal,
          0, total, header.refNum, header.refPrefix, header.expiration, header.source);
      feed.add("", 0, "", "tally", true, "consensus on block " + reportBlock + ": " + agreeing + " of " + runnerCount
          + " runners; runners " + elected.runners() + ", standby " + elected.standby());
    }
    s.putTally(record);
    s.pruneReports(reportBlock);
    return Optional.of(record);
  }

  private record Header(long refNum, long refPrefix, String expiration, String source) {}

  private static Header header(SidechainState s, Roster roster, Map<String, Report> reports, String consensus,
      long runnerCount, long block, Instant time, String blockIdHex) {
    TreeMap<String, Long> pairs = new TreeMap<>();
    TreeMap<String, Long> expirations = new TreeMap<>();
    for (String runner : roster.runners()) {
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
