package io.hivesafe.state.archfixture;

/** A deliberate violation for ArchitectureTest: state bytes decided by a reflection library. */
public final class UsesJackson {
  public Object mapper() {
    return new com.fasterxml.jackson.databind.ObjectMapper();
  }
}
