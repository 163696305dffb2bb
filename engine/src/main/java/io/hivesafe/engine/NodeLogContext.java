package io.hivesafe.engine;

import java.util.Map;
import org.slf4j.MDC;

/**
 * The log context that names a node on every line it writes: the MDC key {@value #KEY} (the node's
 * account, or {@code follower}), printed by the default log pattern and in the JSON format. MDC values
 * belong to one thread, so every thread a node starts carries the context of the code that built it
 * ({@link #current()} when the component is built, {@link #carry} for the thread's work): in a test
 * cluster several nodes share one process, and this is what tells their lines apart.
 */
public record NodeLogContext(Map<String, String> values) {
  /** The MDC key of the node's name. */
  public static final String KEY = "node";

  public NodeLogContext {
    values = values == null ? Map.of() : Map.copyOf(values);
  }

  /** The context of the calling thread now. */
  public static NodeLogContext current() {
    return new NodeLogContext(MDC.getCopyOfContextMap());
  }

  /** Names {@code node} on the calling thread until the returned scope is closed (then the previous name is back). */
  public static Scope naming(String node) {
    String previous = MDC.get(KEY);
    MDC.put(KEY, node);
    return () -> {
      if (previous == null) {
        MDC.remove(KEY);
      } else {
        MDC.put(KEY, previous);
      }
    };
  }

  /** {@code work}, run with this context on whatever thread runs it. */
  public Runnable carry(Runnable work) {
    return () -> {
      MDC.setContextMap(values);
      try {
        work.run();
      } finally {
        MDC.clear();
      }
    };
  }

  /** A naming that ends when closed; closing never throws. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
