package io.hivesafe.hive.rpc;

/** One exchange with one endpoint gave no usable answer; the message is the reason, for operators. */
final class FailedAttempt extends Exception {
  FailedAttempt(String reason) {
    super(reason);
  }

  FailedAttempt(String reason, Throwable cause) {
    super(reason, cause);
  }
}
