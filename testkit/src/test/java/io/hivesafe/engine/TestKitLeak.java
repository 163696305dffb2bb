package io.hivesafe.engine;

import io.hivesafe.testkit.traffic.TrafficNetwork;

/**
 * A deliberate violation, for the test kit's ProductBoundaryTest to see its rules red: a class in the
 * product's packages that uses the test kit. A test class: never in a jar.
 */
public final class TestKitLeak {
  private TestKitLeak() {}

  public static int users() {
    return TrafficNetwork.create(2, 1).users().size();
  }
}
