package io.hivesafe.hive.authority;

import java.util.Objects;
import java.util.Optional;

/** The outcome of checking a transaction's signatures against the authorities it needs. */
public record AuthorityCheck(Optional<AuthorityRejection> rejection) {
  private static final AuthorityCheck ACCEPTED = new AuthorityCheck(Optional.empty());

  public AuthorityCheck {
    Objects.requireNonNull(rejection, "rejection");
  }

  public static AuthorityCheck accepted() {
    return ACCEPTED;
  }

  public static AuthorityCheck rejected(AuthorityReason reason, String detail) {
    return new AuthorityCheck(Optional.of(new AuthorityRejection(reason, detail)));
  }

  public static AuthorityCheck of(AuthorityRejection rejection) {
    return new AuthorityCheck(Optional.of(rejection));
  }

  public boolean isAccepted() {
    return rejection.isEmpty();
  }

  public Optional<AuthorityReason> reason() {
    return rejection.map(AuthorityRejection::reason);
  }

  /** hived's message for a rejection; "accepted" otherwise. */
  public String message() {
    return rejection.map(AuthorityRejection::message).orElse("accepted");
  }

  @Override
  public String toString() {
    return rejection.map(r -> "rejected " + r.reason() + ": " + r.message()).orElse("accepted");
  }
}
