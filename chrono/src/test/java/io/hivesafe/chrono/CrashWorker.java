package io.hivesafe.chrono;

import io.hivesafe.state.CommitObserver;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child process of {@link CrashRecoveryTest}: opens the store, resumes after its last block and
 * applies the synthetic chain up to a target block, printing its progress so the parent can choose
 * when to SIGKILL it. Optionally freezes inside the commit of one block at a named phase.
 *
 * <p>Arguments: dataDir seed lastBlock [pauseBlock pausePhase], pausePhase one of journal, half, store.
 */
public final class CrashWorker {
  private CrashWorker() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    long last = Long.parseLong(args[2]);
    long pauseBlock = args.length > 3 ? Long.parseLong(args[3]) : -1;
    String pausePhase = args.length > 4 ? args[4] : "";
    PrintStream out = System.out;
    CommitObserver freezer = new CommitObserver() {
      @Override
      public void journalDurable(long block, int pages, long bytes) {
        freezeIf(block, "journal");
      }

      @Override
      public void pageApplied(long block, int index, int count) {
        if (index == Math.max(1, count / 2)) {
          freezeIf(block, "half");
        }
      }

      @Override
      public void storeDurable(long block) {
        freezeIf(block, "store");
      }

      private void freezeIf(long block, String phase) {
        if (block == pauseBlock && phase.equals(pausePhase)) {
          out.println("PAUSED " + phase + " " + block);
          out.flush();
          try {
            Thread.sleep(Long.MAX_VALUE);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
    SyntheticChain chain = new SyntheticChain(seed);
    try (StateStore store = StateStore.open(StateConfig.of(dir), freezer)) {
      long next = store.lastBlock().isPresent() ? store.lastBlock().getAsLong() + 1 : 1;
      out.println("RESUME " + next + " " + store.recovery());
      out.flush();
      for (long b = next; b <= last; b++) {
        try (StateTransaction tx = store.begin(b)) {
          int writes = chain.apply(tx, b);
          out.println("COMMIT-BEGIN " + b + " " + writes);
          out.flush();
          tx.commit();
        }
        out.println("COMMITTED " + b);
        out.flush();
      }
      out.println("DONE " + store.digest().hex());
      out.flush();
    }
  }
}
