package io.hivesafe.sim;

/** One fault of a schedule: what was done, in which block, to which node (or "-"), and how. */
public record Fault(long block, FaultKind kind, String node, String detail) {
  @Override
  public String toString() {
    return "block " + block + ": " + kind + " " + node + (detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
