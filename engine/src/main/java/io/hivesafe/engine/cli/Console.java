package io.hivesafe.engine.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * The process's standard streams and environment, injectable so commands can be tested in-process (and
 * so the test kit's demo command runs like the node's commands).
 */
public record Console(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
  public static Console system() {
    return new Console(System.in, System.out, System.err, System.getenv());
  }
}
