package io.hivesafe.state;

/**
 * Watches the phases of a block commit, for the shell's metrics and for the crash tests that stop a
 * node between phases. Called on the committing thread; an exception thrown here aborts the commit
 * exactly as a crash at that point would (the store must then be reopened, which recovers it).
 */
public interface CommitObserver {
  CommitObserver NONE = new CommitObserver() {};

  /** The block's page journal is written and fsynced; the store file is not yet touched. */
  default void journalDurable(long block, int pages, long bytes) {}

  /** Page {@code index} of {@code count} has been written over the store file (not yet fsynced). */
  default void pageApplied(long block, int index, int count) {}

  /** The store file is fsynced with the block applied; the journal is about to be cleared. */
  default void storeDurable(long block) {}
}
