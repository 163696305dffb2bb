package io.hivesafe.engine.config;

/**
 * Where the node serves its API, status page and metrics. Loopback by default: exposing it is the
 * operator's decision (it is read-only and serves no key, but it tells what the node does).
 */
public record HttpConfig(String bind, int port) {
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  public HttpConfig {
    if (bind == null || bind.isBlank() || !bind.matches("[0-9A-Za-z.:\\-\\[\\]]{1,255}")) {
      throw new IllegalArgumentException("http.bind must be a host name or an IP address, got \"" + bind + "\"");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("http.port must be in [0, 65535] (0: any free port), got " + port);
    }
  }

  public static HttpConfig defaults() {
    return new HttpConfig(DEFAULT_BIND, DEFAULT_PORT);
  }
}
