package io.hivesafe.hive.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * custom_json (id 18): required_auths, required_posting_auths, id, json. The two account sets are
 * normalised as hived's flat_sets: sorted byte-wise, duplicates collapsed. The sender of a sidechain
 * operation is the first account of the set its op requires.
 */
public record CustomJsonOperation(
    List<AccountName> requiredAuths, List<AccountName> requiredPostingAuths, String id, String json)
    implements Operation {
  public static final int ID = 18;
  public static final String NAME = "custom_json";

  public CustomJsonOperation {
    requiredAuths = sortedSet(requiredAuths);
    requiredPostingAuths = sortedSet(requiredPostingAuths);
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(json, "json");
  }

  static List<AccountName> sortedSet(List<AccountName> names) {
    List<AccountName> sorted = new ArrayList<>(names);
    sorted.sort(null);
    List<AccountName> unique = new ArrayList<>(sorted.size());
    for (AccountName name : sorted) {
      if (unique.isEmpty() || !unique.get(unique.size() - 1).equals(name)) {
        unique.add(name);
      }
    }
    return List.copyOf(unique);
  }

  @Override
  public String name() {
    return NAME;
  }
}
