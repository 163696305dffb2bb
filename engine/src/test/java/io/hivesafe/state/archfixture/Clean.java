package io.hivesafe.state.archfixture;

/** The control for ArchitectureTest in the state package: keeps every rule. */
public final class Clean {
  public long twice(long a) {
    return Math.multiplyExact(a, 2);
  }
}
