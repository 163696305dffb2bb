package io.hivesafe.hive.archfixture;

/** A deliberate violation for ArchitectureTest: the protocol library reaching up into the state store. */
public final class ReachesState {
  public String name() {
    return io.hivesafe.state.StateKey.class.getName();
  }
}
