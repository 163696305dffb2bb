package io.hivesafe.engine.node;

/** A chain check could not be made this time (the API failed or lags, the node is far behind, the chain kept moving); says why. */
final class CheckNotMade extends Exception {
  private static final long serialVersionUID = 1L;

  CheckNotMade(String reason) {
    super(reason, null, false, false);
  }
}
