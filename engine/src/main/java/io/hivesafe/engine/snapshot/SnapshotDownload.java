package io.hivesafe.engine.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Downloads a snapshot over HTTP(S) into a local file. Nothing in it is trusted: the import checks the
 * file's integrity and the bootstrap checks its digest against the chain. A body cut short by the
 * server (fewer bytes than its Content-Length) is an error here; one cut short without a length is
 * caught by the import (truncated, or a checksum that does not match).
 */
final class SnapshotDownload {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Longest silence while reading; a large file may take minutes in all, so there is no call timeout. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private SnapshotDownload() {}

  /** Whether {@code source} is an http(s) URL rather than a file. */
  static boolean isHttp(String source) {
    String s = source.toLowerCase(java.util.Locale.ROOT);
    return s.startsWith("http://") || s.startsWith("https://");
  }

  /** Writes the body of a GET of {@code url} to {@code to} (replaced); returns its length. */
  static long fetch(URI url, Path to) throws Refused {
    OkHttpClient client = new OkHttpClient.Builder().connectTimeout(CONNECT_TIMEOUT).readTimeout(READ_TIMEOUT)
        .followRedirects(true).retryOnConnectionFailure(true).build();
    try (Response response = client.newCall(new Request.Builder().url(url.toString()).get().build()).execute()) {
      if (!response.isSuccessful()) {
        throw new Refused(BootstrapException.Failure.SOURCE, "cannot download " + io.hivesafe.hive.rpc.EndpointText.of(url) + ": HTTP " + response.code()
            + (response.message().isEmpty() ? "" : " " + response.message()));
      }
      ResponseBody body = response.body();
      if (body == null) {
        throw new Refused(BootstrapException.Failure.SOURCE, "cannot download " + io.hivesafe.hive.rpc.EndpointText.of(url) + ": the response has no body");
      }
      try (InputStream in = body.byteStream()) {
        return Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new Refused(BootstrapException.Failure.SOURCE, "cannot download " + io.hivesafe.hive.rpc.EndpointText.of(url) + ": " + e, e);
    } catch (IllegalArgumentException e) {
      throw new Refused(BootstrapException.Failure.SOURCE, "not a usable URL: " + io.hivesafe.hive.rpc.EndpointText.of(url) + " (" + e.getMessage() + ")", e);
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }
}
