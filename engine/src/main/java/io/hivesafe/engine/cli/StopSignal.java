package io.hivesafe.engine.cli;

import java.util.concurrent.CountDownLatch;

/**
 * How a command that runs until it is stopped learns to stop: a JVM shutdown (SIGTERM, Ctrl-C) in the
 * real program, the test itself in tests.
 */
@FunctionalInterface
public interface StopSignal {
  /** Blocks until the command is to stop; {@code onStop} has run exactly once when this returns. */
  void runUntilStopped(Runnable onStop) throws InterruptedException;

  /**
   * What to do when the command's work stopped by itself with an error (a node that failed): by
   * default nothing — the command returns once it is stopped. The real program exits with status 2,
   * running the shutdown hook, so that a supervisor restarts it.
   */
  default void failed() {}

  /** Stops on JVM shutdown: {@code onStop} runs in a shutdown hook, so the JVM exits only after it. */
  static StopSignal jvmShutdown() {
    return new StopSignal() {
      @Override
      public void runUntilStopped(Runnable onStop) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            onStop.run();
          } finally {
            stopped.countDown();
          }
        }, "hivesafe-shutdown"));
        stopped.await();
      }

      @Override
      public void failed() {
        System.exit(HivesafeCommand.EXIT_FAILURE);
      }
    };
  }
}
