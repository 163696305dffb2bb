package io.hivesafe.engine.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hivesafe.engine.NodeEvents;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/** {@link NodeEvents} writing to a logger of its own, whose lines the test reads back ("LEVEL message"). */
final class LoggedEvents {
  private static final AtomicInteger COUNT = new AtomicInteger();

  final NodeEvents events;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LoggedEvents() {
    Logger logger = (Logger) LoggerFactory.getLogger("test.node.events." + COUNT.incrementAndGet());
    logger.setLevel(Level.DEBUG);
    logger.setAdditive(false);
    appender.start();
    logger.addAppender(appender);
    events = new NodeEvents(logger);
  }

  List<String> lines() {
    synchronized (appender) { // AppenderBase.doAppend holds the appender's lock while it adds to the list

      return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }
  }

  /** The lines containing {@code text}. */
  List<String> with(String text) {
    return lines().stream().filter(l -> l.contains(text)).toList();
  }
}
