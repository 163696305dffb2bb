package io.hivesafe.ops;

import java.util.ArrayList;
import java.util.List;

/** Writes a network's starting state from its genesis, in the start block's own transaction. */
final class GenesisState {
  private GenesisState() {}

  static void write(SidechainState s, NetworkGenesis g, FeedWriter feed) {
    s.putParams(g.params());
    s.putTotals(new Totals(g.tokenSupply(), 0, 0, g.treasuryHive(), g.treasuryHbd(), 1, 1));
    for (NetworkGenesis.Allocation a : g.allocations()) {
      s.putBalances(a.account().value(), new Balances(a.token(), a.gov(), 0, 0, 0));
    }
    List<Election.Candidate> ranked = new ArrayList<>();
    for (NetworkGenesis.GenesisNode n : g.nodes()) {
      String account = n.account().value();
      s.putNode(new NodeRecord(account, n.key().toString(), g.startBlock(), g.startBlock(), n.age(), 0, 0, 0));
      ranked.add(new Election.Candidate(account, s.balances(account).gov(), n.age()));
    }
    ranked.sort(Election.RANK);
    List<String> runners = new ArrayList<>();
    for (Election.Candidate c : ranked) {
      runners.add(c.account());
    }
    s.putRoster(new Roster(runners, List.of(), g.startBlock()));
    s.putAuthority(MultisigAuthority.atGenesis(g));
    feed.add("", 0, "", "genesis", true, ReasonCode.GENESIS, g.network(), g.allocations().size(), g.nodes().size(),
        g.tokenSupply());
  }
}
