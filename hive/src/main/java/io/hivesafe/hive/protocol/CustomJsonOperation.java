package io.hivesafe.hive.protocol;

import io.hivesafe.hive.HiveFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * custom_json (id 18): required_auths, required_posting_auths, id, json. The two account sets are
 * normalised as hived's flat_sets: sorted byte-wise, duplicates collapsed. The sender of a sidechain
 * operation is the first account of the set its op requires. The id is at most
 * {@link HiveLimits#CUSTOM_OP_ID_MAX_LENGTH} bytes of UTF-8: hived's custom_id_type is a fixed_string of
 * that size, so its parser refuses a longer one. The rest of hived's validate() is
 * {@link OperationValidation}.
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
    int idBytes = id.getBytes(StandardCharsets.UTF_8).length;
    if (idBytes > HiveLimits.CUSTOM_OP_ID_MAX_LENGTH) {
      throw new HiveFormatException("id is " + idBytes + " bytes, more than hived's "
          + HiveLimits.CUSTOM_OP_ID_MAX_LENGTH + " (HIVE_CUSTOM_OP_ID_MAX_LENGTH): '" + id + "'");
    }
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
