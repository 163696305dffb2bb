package io.hivesafe.state.archfixture;

/** A deliberate violation for ArchitectureTest: the state module reaching up into ops. */
public final class ReachesOps {
  public String name() {
    return io.hivesafe.ops.Reason.class.getName();
  }
}
