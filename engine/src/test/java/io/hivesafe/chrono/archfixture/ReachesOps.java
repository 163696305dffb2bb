package io.hivesafe.chrono.archfixture;

/** A deliberate violation for ArchitectureTest: chrono reaching up into ops. */
public final class ReachesOps {
  public String name() {
    return io.hivesafe.ops.Reason.class.getName();
  }
}
