package io.hivesafe.testkit.demo;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * While the demo runs, each node's log lines go to a file of its own ({@code DIR/node0.log}, …; the
 * rest to {@code DIR/demo.log}) so that the console shows the timeline alone. Closing it gives the
 * process its usual logging back.
 */
final class DemoLogs implements AutoCloseable {
  private final LoggerContext context;

  private DemoLogs(LoggerContext context) {
    this.context = context;
  }

  /** Sends the log lines to files in {@code dir}. */
  static DemoLogs to(Path dir) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    context.putProperty("DEMO_LOGS", dir.toAbsolutePath().toString());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(DemoLogs.class.getResource("demo-logback.xml"));
    } catch (JoranException e) {
      throw new IllegalStateException("the demo's logging setup is broken: " + e.getMessage(), e);
    }
    return new DemoLogs(context);
  }

  @Override
  public void close() {
    context.reset();
    try {
      new ContextInitializer(context).autoConfig();
    } catch (JoranException e) {
      throw new IllegalStateException("cannot restore the logging setup: " + e.getMessage(), e);
    }
  }
}
