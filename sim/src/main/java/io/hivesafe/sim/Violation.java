package io.hivesafe.sim;

/** An invariant that did not hold: which, at which block, and what was seen. */
public record Violation(Invariant invariant, long block, String detail) {
  @Override
  public String toString() {
    return invariant.label() + " at block " + block + ": " + detail;
  }
}
