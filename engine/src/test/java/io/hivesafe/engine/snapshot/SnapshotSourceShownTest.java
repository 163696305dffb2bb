package io.hivesafe.engine.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A snapshot's source in a log line: a presigned URL's signature or a token never reaches it; a file is its path. */
class SnapshotSourceShownTest {
  @Test
  void aUrlLosesItsPathQueryAndUserInfoAFileKeepsItsPath() {
    assertEquals("https://bucket.example:443/…",
        SnapshotBootstrap.shown("https://bucket.example/snap.bin?X-Amz-Credential=AKIA&X-Amz-Signature=S3CRET"));
    assertEquals("http://node.example:8091/…", SnapshotBootstrap.shown("http://op:pw@node.example:8091/api/snapshot/latest"));
    assertEquals("/var/lib/hivesafe/snapshots/snapshot-100.bin", SnapshotBootstrap.shown("/var/lib/hivesafe/snapshots/snapshot-100.bin"));
    assertEquals("(a URL that does not parse)", SnapshotBootstrap.shown("http://bad host/"));
  }
}
