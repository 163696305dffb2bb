package io.hivesafe.hive.rpc;

import java.net.URI;
import java.util.Locale;

/**
 * How an endpoint is named in a log line, an error or a preflight line: {@code scheme://host:port}, with
 * {@code /…} when the URL has more (a path, a query, user info). Paid API nodes put their token in
 * exactly those parts ({@code https://user:secret@api.example/?api_key=…}), and operators paste log lines
 * into issues and chats: the secret part never reaches a line. (The metrics' endpoint label is the same
 * without the mark.)
 */
public final class EndpointText {
  private EndpointText() {}

  public static String of(URI endpoint) {
    String scheme = endpoint.getScheme() == null ? "http" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    int port = endpoint.getPort() >= 0 ? endpoint.getPort() : scheme.equals("https") ? 443 : 80;
    String host = endpoint.getHost() == null ? "unknown-host" : endpoint.getHost();
    String path = endpoint.getRawPath();
    boolean more = endpoint.getRawUserInfo() != null || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null
        || (path != null && !path.isEmpty() && !path.equals("/"));
    return scheme + "://" + host + ":" + port + (more ? "/…" : "");
  }
}
