package io.hivesafe.state;

/**
 * The writes of one block. Reads see the block's own writes; {@link #commit()} stores them together
 * with the block number and the new digest, atomically; {@link #close()} without a commit drops them.
 * Use with try-with-resources so that any exception rolls the block back.
 */
public final class StateTransaction extends WriteBuffer implements AutoCloseable {
  private final StateStore store;
  private final long block;
  private boolean committed;

  StateTransaction(StateStore store, StateReader committedState, long block) {
    super(committedState);
    this.store = store;
    this.block = block;
  }

  public long block() {
    return block;
  }

  /** Commits the block. After this the transaction is closed. */
  public void commit() {
    if (isClosed()) {
      throw new IllegalStateException("transaction for block " + block + " is already closed");
    }
    if (hasOpenChild()) {
      throw new IllegalStateException("a child buffer of block " + block + " is still open; publish or discard it before commit");
    }
    store.commit(this);
    committed = true;
    super.close();
  }

  public boolean committed() {
    return committed;
  }

  /** Rolls the block back unless it was committed. */
  @Override
  public void close() {
    if (!isClosed()) {
      super.close();
    }
    store.ended(this);
  }
}
