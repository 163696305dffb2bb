package io.hivesafe.devnet;

import io.hivesafe.hive.protocol.TransactionId;
import io.hivesafe.hive.protocol.WireFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What the devnet said to a broadcast: accepted (with the id and the packing its signatures were
 * checked in, which decides the id) or refused with hived's error.
 */
public record Admission(Optional<TransactionId> id, Optional<WireFormat> packing, Optional<HivedError> error) {
  public Admission {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(packing, "packing");
    Objects.requireNonNull(error, "error");
    if (error.isPresent() == id.isPresent()) {
      throw new IllegalArgumentException("an admission is either accepted with an id or refused with an error");
    }
  }

  public static Admission accepted(TransactionId id, WireFormat packing) {
    return new Admission(Optional.of(id), Optional.of(packing), Optional.empty());
  }

  public static Admission refused(HivedError error) {
    return new Admission(Optional.empty(), Optional.empty(), Optional.of(error));
  }

  public boolean isAccepted() {
    return error.isEmpty();
  }

  /** hived's message, or "accepted". */
  public String message() {
    return error.map(HivedError::message).orElse("accepted");
  }

  @Override
  public String toString() {
    return error.isPresent() ? error.get().toString() : "accepted " + id.orElseThrow();
  }
}
