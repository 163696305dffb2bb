package io.hivesafe.engine.doctor;

/** How one preflight check came out, in rising order of badness; the worst decides doctor's exit code. */
public enum Verdict {
  /** Nothing to do. */
  OK(0),
  /** The node can run, but the operator should act before it matters. */
  WARN(1),
  /** The node would fail, sign on the wrong terms, or lose money: fix it before {@code run}. */
  FAIL(2);

  private final int exitCode;

  Verdict(int exitCode) {
    this.exitCode = exitCode;
  }

  /** 0 for OK, 1 for WARN, 2 for FAIL. */
  public int exitCode() {
    return exitCode;
  }

  /** The worse of the two. */
  public Verdict worst(Verdict other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
