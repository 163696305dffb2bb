package io.hivesafe.engine.cli;

import java.util.concurrent.CountDownLatch;

/**
 * How a command that runs until it is stopped learns to stop: a JVM shutdown (SIGTERM, Ctrl-C) in the
 * real program, the test itself in tests.
 */
@FunctionalInterface
interface StopSignal {
  /** Blocks until the command is to stop; {@code onStop} has run exactly once when this returns. */
  void runUntilStopped(Runnable onStop) throws InterruptedException;

  /** Stops on JVM shutdown: {@code onStop} runs in a shutdown hook, so the JVM exits only after it. */
  static StopSignal jvmShutdown() {
    return onStop -> {
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          onStop.run();
        } finally {
          stopped.countDown();
        }
      }, "hivesafe-shutdown"));
      stopped.await();
    };
  }
}
