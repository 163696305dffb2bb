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
  /** Node-local values written with this block (name → bytes), outside the digest: see {@link #putLocal}. */
  private final java.util.TreeMap<String, byte[]> local = new java.util.TreeMap<>();

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

  /**
   * Stores a node-local value under {@code name}, committed atomically with this block but outside the
   * consensus state: not in the digest, not in a snapshot, never read by the core. For what one node
   * must remember about itself across restarts exactly as long as it keeps this state (its own report
   * digests, that it diverged): a state replaced by a bootstrap or a replay starts without them.
   */
  public void putLocal(String name, byte[] value) {
    if (isClosed()) {
      throw new IllegalStateException("transaction for block " + block + " is already closed");
    }
    StoreMetadata.checkLocalName(name);
    local.put(name, value.clone());
  }

  java.util.SortedMap<String, byte[]> localWrites() {
    return java.util.Collections.unmodifiableSortedMap(local);
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
