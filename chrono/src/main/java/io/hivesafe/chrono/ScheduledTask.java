package io.hivesafe.chrono;

/** A task with its id (its sequence number) and the block it is due at. */
public record ScheduledTask(long id, long dueBlock, ChronoTask task) {
  public ScheduledTask {
    if (id < 1 || dueBlock < 0 || task == null) {
      throw new IllegalArgumentException("scheduled task needs an id >= 1, a block >= 0 and a task");
    }
  }
}
