package io.hivesafe.hive.authority;

import java.util.Objects;

/** One failed check: the reason and its detail (an account name, a count, a key), never null. */
public record AuthorityRejection(AuthorityReason reason, String detail) {
  public AuthorityRejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  /** The text hived would put in its assertion, e.g. "Missing Active Authority alice". */
  public String message() {
    return reason.message(detail);
  }
}
