package io.hivesafe.hive.rpc;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the pauses it is asked for and returns at once. */
final class RecordingSleeper implements Sleeper {
  private final List<Duration> pauses = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) {
    pauses.add(duration);
  }

  List<Duration> pauses() {
    return List.copyOf(pauses);
  }
}
