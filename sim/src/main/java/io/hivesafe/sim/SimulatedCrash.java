package io.hivesafe.sim;

/**
 * Thrown from a node's sender at the send where the schedule crashes it: it unwinds the node's loop
 * right there, after the block's commit and with the sends before it delivered, as a SIGKILL at that
 * moment would leave the node (its store is crash-safe: DESIGN §2, proven by the SIGKILL tests).
 */
final class SimulatedCrash extends RuntimeException {
  SimulatedCrash(String node, long block) {
    super(node + " crashed after committing block " + block, null, false, false);
  }
}
