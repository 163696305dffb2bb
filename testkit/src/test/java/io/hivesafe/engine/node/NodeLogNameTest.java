package io.hivesafe.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.NodeLogContext;
import io.hivesafe.testkit.cluster.DevnetCluster;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Two nodes in one process: every line a node's threads write carries that node's name (MDC {@code node}). */
class NodeLogNameTest {
  @TempDir Path dir;

  @Test
  void everyLineOfEveryNodeThreadNamesItsNode() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(NodeEvents.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    ch.qos.logback.classic.Level level = logger.getLevel();
    logger.setLevel(ch.qos.logback.classic.Level.INFO);
    logger.addAppender(appender);
    try (DevnetCluster cluster = new DevnetCluster(TrafficNetwork.create(4, 2), dir, 7L, b -> b)) {
      cluster.startAll();
      cluster.stepInLockstep(120);
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(level);
    }
    List<ILoggingEvent> events;
    synchronized (appender) {
      events = List.copyOf(appender.list);
    }
    Set<String> threads = new TreeSet<>();
    for (ILoggingEvent e : events) {
      if (!e.getThreadName().startsWith("hivesafe-")) {
        continue;
      }
      threads.add(e.getThreadName().replaceAll("-node[01]$", "-nodeN"));
      String node = e.getMDCPropertyMap().get(NodeLogContext.KEY);
      assertTrue(node != null && node.matches("node[01]"), e.getThreadName() + ": " + e.getFormattedMessage() + " " + e.getMDCPropertyMap());
      if (e.getThreadName().startsWith("hivesafe-node-")) {
        assertEquals(e.getThreadName().substring("hivesafe-node-".length()), node, "the apply loop's lines name its own node");
      }
    }
    assertTrue(threads.containsAll(Set.of("hivesafe-block-source", "hivesafe-node-nodeN", "hivesafe-outbox")),
        "lines from the node's threads: " + threads);
  }
}
