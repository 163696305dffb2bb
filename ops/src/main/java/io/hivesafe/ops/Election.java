package io.hivesafe.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * DESIGN §3.4. Eligible: registered (so its key was proven), reported the consensus hash at this tally
 * (so not faulted), governance stake at least {@code min_stake}. Ranked by stake (desc), age (desc),
 * account name (asc). Runners are the top {@code max_signers} of the ranking, except that at most one
 * node that is not already a runner joins per tally; the eligible nodes left out are the standby line,
 * in rank order, which is why a faulted runner's seat goes to the best-ranked ready standby. A standby
 * that is not ready (not in consensus, or short of stake) is not in the line at that tally: it is
 * passed over and rejoins behind nobody but its rank when it is ready again.
 */
final class Election {
  private Election() {}

  /** A candidate with its stake and its age after this tally's update. */
  record Candidate(String account, long stake, long age) {}

  static final Comparator<Candidate> RANK = Comparator.comparingLong(Candidate::stake).reversed()
      .thenComparing(Comparator.comparingLong(Candidate::age).reversed())
      .thenComparing(Candidate::account);

  static Roster elect(List<Candidate> eligible, Roster current, long maxSigners, long block) {
    List<Candidate> ranked = new ArrayList<>(eligible);
    ranked.sort(RANK);
    List<String> runners = new ArrayList<>();
    List<String> standby = new ArrayList<>();
    boolean newcomerAdmitted = false;
    for (Candidate c : ranked) {
      boolean incumbent = current.isRunner(c.account());
      if (runners.size() < maxSigners && (incumbent || !newcomerAdmitted)) {
        runners.add(c.account());
        newcomerAdmitted |= !incumbent;
      } else {
        standby.add(c.account());
      }
    }
    if (runners.isEmpty()) {
      return current;
    }
    return new Roster(runners, standby, block);
  }
}
