package io.hivesafe.ops;

import java.util.List;

/** The elected runners and the standby line, both in rank order, as of tally block {@code electedAt}. */
public record Roster(List<String> runners, List<String> standby, long electedAt) {
  public Roster {
    runners = List.copyOf(runners);
    standby = List.copyOf(standby);
  }

  public boolean isRunner(String account) {
    return runners.contains(account);
  }
}
