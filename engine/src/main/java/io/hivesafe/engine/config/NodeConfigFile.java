package io.hivesafe.engine.config;

import static io.hivesafe.hive.json.StrictFields.object;
import static io.hivesafe.hive.json.StrictFields.only;
import static io.hivesafe.hive.json.StrictFields.required;
import static io.hivesafe.hive.json.StrictFields.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hivesafe.engine.api.ApiConfig;
import io.hivesafe.engine.source.BlockSourceConfig;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.rpc.RpcConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@link NodeConfig} from the node's config file: JSON with {@code //} comments (so that the
 * example {@code hivesafe init} writes can explain itself). Unknown fields are errors, every error names
 * the field, relative paths are resolved against the file's directory. docs/operator.md describes
 * every field.
 */
public final class NodeConfigFile {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private NodeConfigFile() {}

  /** Parses {@code json}; {@code baseDir} is the directory relative paths start from. */
  public static NodeConfig parse(byte[] json, Path baseDir) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("config is not valid JSON: " + e.getOriginalMessage() + " (line "
          + e.getLocation().getLineNr() + ")");
    } catch (IOException e) {
      throw new IllegalArgumentException("config cannot be read: " + e.getMessage());
    }
    object(root, "config");
    only(root, "", Set.of("genesis", "api", "source", "account", "keys", "data", "http", "snapshots"));
    Path genesis = path(root, "genesis", "", baseDir);
    RpcConfig rpc = rpc(object(required(root, "api", ""), "api"));
    BlockSourceConfig source = source(root.get("source"));
    Optional<AccountName> account = Optional.empty();
    if (root.has("account")) {
      String name = text(root, "account", "");
      try {
        account = Optional.of(AccountName.of(name));
      } catch (HiveFormatException e) {
        throw new IllegalArgumentException("account is not a valid Hive account name: " + name);
      }
    }
    Optional<KeyRef> active = Optional.empty();
    Optional<KeyRef> multisig = Optional.empty();
    if (root.has("keys")) {
      JsonNode keys = object(root.get("keys"), "keys");
      only(keys, "keys.", Set.of("active", "multisig"));
      active = Optional.of(key(required(keys, "active", "keys."), "keys.active", baseDir));
      multisig = Optional.of(key(required(keys, "multisig", "keys."), "keys.multisig", baseDir));
    }
    Path data = path(root, "data", "", baseDir);
    ApiConfig http = ApiConfig.defaults().withSnapshotsDir(data.resolve("snapshots"));
    if (root.has("http")) {
      JsonNode h = object(root.get("http"), "http");
      only(h, "http.", Set.of("bind", "port"));
      String bind = h.has("bind") ? text(h, "bind", "http.") : ApiConfig.DEFAULT_BIND_ADDRESS;
      if (bind.isBlank() || !bind.matches("[0-9A-Za-z.:\\-]{1,255}")) {
        throw new IllegalArgumentException("http.bind must be a host name or an IP address, got \"" + bind + "\"");
      }
      http = http.withBind(bind, (int) integer(h, "port", "http.", ApiConfig.DEFAULT_PORT, 65_535));
    }
    SnapshotConfig snapshots = SnapshotConfig.defaults();
    if (root.has("snapshots")) {
      JsonNode s = object(root.get("snapshots"), "snapshots");
      only(s, "snapshots.", Set.of("every", "keep"));
      snapshots = new SnapshotConfig((int) integer(s, "every", "snapshots.", SnapshotConfig.DEFAULT_EVERY, 1_000_000),
          (int) integer(s, "keep", "snapshots.", SnapshotConfig.DEFAULT_KEEP, 1_000));
    }
    return new NodeConfig(genesis, rpc, source, account, active, multisig, data, http, snapshots);
  }

  private static RpcConfig rpc(JsonNode api) {
    only(api, "api.", Set.of("endpoints", "timeout_ms"));
    JsonNode list = required(api, "endpoints", "api.");
    if (!list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException("api.endpoints must be a non-empty list of http(s) URLs");
    }
    List<URI> endpoints = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String where = "api.endpoints[" + i + "]";
      JsonNode e = list.get(i);
      URI uri;
      try {
        uri = e.isTextual() ? new URI(e.asText()) : null;
      } catch (URISyntaxException bad) {
        uri = null;
      }
      if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new IllegalArgumentException(where + " must be an http(s) URL, got " + e);
      }
      if (endpoints.contains(uri)) {
        throw new IllegalArgumentException(where + " repeats " + uri);
      }
      endpoints.add(uri);
    }
    long timeoutMs = integer(api, "timeout_ms", "api.", RpcConfig.DEFAULT_CALL_TIMEOUT.toMillis(), 3_600_000);
    if (timeoutMs < 1) {
      throw new IllegalArgumentException("api.timeout_ms must be at least 1");
    }
    return new RpcConfig(endpoints, Duration.ofMillis(timeoutMs), RpcConfig.DEFAULT_MAX_ATTEMPTS,
        RpcConfig.DEFAULT_INITIAL_BACKOFF, RpcConfig.DEFAULT_MAX_BACKOFF);
  }

  private static BlockSourceConfig source(JsonNode node) {
    BlockSourceConfig c = BlockSourceConfig.defaults();
    if (node == null) {
      return c;
    }
    object(node, "source");
    only(node, "source.", Set.of("poll_ms"));
    long poll = integer(node, "poll_ms", "source.", c.pollInterval().toMillis(), 60_000);
    if (poll < 10) {
      throw new IllegalArgumentException("source.poll_ms must be in [10, 60000], got " + poll);
    }
    return c.withPollInterval(Duration.ofMillis(poll));
  }

  private static KeyRef key(JsonNode node, String field, Path baseDir) {
    object(node, field);
    only(node, field + ".", Set.of("file", "env"));
    if (node.has("file") && node.has("env")) {
      throw new IllegalArgumentException(field + " must name exactly one of \"file\" or \"env\"");
    }
    if (node.has("file")) {
      return KeyRef.ofFile(field, baseDir.resolve(text(node, "file", field + ".")).normalize());
    }
    if (node.has("env")) {
      return KeyRef.ofEnv(field, text(node, "env", field + "."));
    }
    throw new IllegalArgumentException(field + " must name exactly one of \"file\" or \"env\"");
  }

  private static Path path(JsonNode node, String field, String where, Path baseDir) {
    String text = text(node, field, where);
    if (text.isBlank()) {
      throw new IllegalArgumentException(where + field + " must not be empty");
    }
    return baseDir.resolve(text).normalize();
  }





  private static long integer(JsonNode node, String field, String where, long fallback, long max) {
    JsonNode v = node.get(field);
    if (v == null) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0 || v.asLong() > max) {
      throw new IllegalArgumentException(where + field + " must be an integer in [0, " + max + "]");
    }
    return v.asLong();
  }
}
