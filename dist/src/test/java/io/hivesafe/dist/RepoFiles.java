package io.hivesafe.dist;

import java.nio.file.Path;

/** The repository's files the tests read (deploy/...), located by the hivesafe.repo property Maven sets. */
final class RepoFiles {
  private RepoFiles() {}

  static Path root() {
    String repo = System.getProperty("hivesafe.repo");
    if (repo == null) {
      throw new AssertionError("hivesafe.repo is unset: run this test through Maven (mvn -pl dist verify)");
    }
    return Path.of(repo).toAbsolutePath().normalize();
  }

  static Path alerts() {
    return root().resolve("deploy/prometheus/alerts.yml");
  }

  static Path alertTests() {
    return root().resolve("deploy/prometheus/alerts.test.yml");
  }

  static Path dashboard() {
    return root().resolve("deploy/grafana/hivesafe.json");
  }
}
