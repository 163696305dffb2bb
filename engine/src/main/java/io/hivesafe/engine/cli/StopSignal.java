package io.hivesafe.engine.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * How a command that runs until it is stopped learns to stop: SIGTERM or SIGINT (Ctrl-C) in the real
 * program, the test itself in tests.
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

  /**
   * The command starts now: a stop from here on (a signal while the node is still starting) ends
   * {@link #runUntilStopped} at once. By default nothing; called again by {@code runUntilStopped}.
   */
  default void arm() {}

  /**
   * Stops on SIGTERM or SIGINT: the signal only wakes the waiting command, which runs {@code onStop} on
   * its own thread and returns, so that the process exits with the command's status (0 for a clean
   * stop) rather than the JVM's 143 or 130 for a signal. A shutdown hook runs {@code onStop} too when
   * the JVM ends any other way (System.exit after a failure, SIGHUP); it runs once in all.
   */
  static StopSignal processSignals() {
    return new StopSignal() {
      private final CountDownLatch signalled = new CountDownLatch(1);
      private final AtomicBoolean armed = new AtomicBoolean();

      @Override
      public void arm() {
        if (armed.compareAndSet(false, true)) {
          Signal.handle(new Signal("TERM"), signal -> signalled.countDown());
          Signal.handle(new Signal("INT"), signal -> signalled.countDown());
        }
      }

      @Override
      public void runUntilStopped(Runnable onStop) throws InterruptedException {
        arm();
        AtomicBoolean ran = new AtomicBoolean();
        Runnable once = () -> {
          if (ran.compareAndSet(false, true)) {
            onStop.run();
          }
        };
        Thread hook = new Thread(once, "hivesafe-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        signalled.await();
        once.run();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // The JVM is ending already (System.exit after a failure): the hook has run or runs now.
        }
      }

      @Override
      public void failed() {
        System.exit(HivesafeCommand.EXIT_FAILURE);
      }
    };
  }
}
