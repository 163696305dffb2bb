package io.hivesafe.devnet.archfixture;

/** A deliberate violation for ArchitectureTest: the devnet reaching into the sidechain core. */
public final class ReachesOps {
  public String name() {
    return io.hivesafe.ops.Reason.class.getName();
  }
}
