package io.hivesafe.engine;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/** {@link NodeEvents} writing to a logger of its own, whose lines the test reads back (the engine's tests, every package). */
public final class CapturedEvents {
  private static final AtomicInteger COUNT = new AtomicInteger();

  public final NodeEvents events;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public CapturedEvents() {
    Logger logger = (Logger) LoggerFactory.getLogger("test.events." + COUNT.incrementAndGet());
    logger.setLevel(Level.DEBUG);
    logger.setAdditive(false);
    appender.start();
    logger.addAppender(appender);
    events = new NodeEvents(logger);
  }

  /** Every line so far, as "LEVEL message". */
  public List<String> lines() {
    synchronized (appender) { // AppenderBase.doAppend adds under the appender's own lock
      return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }
  }

  public long count(String containing) {
    return lines().stream().filter(line -> line.contains(containing)).count();
  }
}
