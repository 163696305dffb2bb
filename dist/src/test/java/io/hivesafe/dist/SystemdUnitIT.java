package io.hivesafe.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive's systemd unit: {@code systemd-analyze verify} accepts it without a warning (its
 * ExecStart pointed into the unpacked archive, as verify needs the binary to exist), and it holds every
 * hardening line README-operators.md explains, and not MemoryDenyWriteExecute (the JVM's JIT writes code).
 */
class SystemdUnitIT {
  @TempDir static Path unpacked;
  @TempDir Path dir;

  private static Path home;
  private static String unit;

  @BeforeAll
  static void unpack() throws Exception {
    home = ReleaseArchive.fromBuild().unpackInto(unpacked);
    unit = Files.readString(home.resolve("systemd/hivesafe.service"));
  }

  /** systemd-analyze verify on {@code text} as hivesafe.service; verify exits 0 on warnings, so both streams count. */
  private CommandRun verify(String text) throws Exception {
    Path copy = Files.createDirectories(dir.resolve("units-" + text.hashCode())).resolve("hivesafe.service");
    Files.writeString(copy, text);
    return CommandRun.of(dir, List.of(RequiredTool.SYSTEMD_ANALYZE.path(), "verify", "--man=no", copy.toString()));
  }

  @Test
  void systemdAnalyzeVerifiesTheUnitWithItsPathsInTheUnpackedArchive() throws Exception {
    assertTrue(unit.contains("ExecStart=/opt/hivesafe/bin/hivesafe run --config /etc/hivesafe/hivesafe.json\n"), unit);
    String here = unit.replace("/opt/hivesafe/", home.toRealPath() + "/");
    CommandRun r = verify(here);
    assertEquals(new CommandRun(0, "", ""), r, "systemd-analyze verify has nothing to say");
    // The check sees a mistake: verify only warns about an unknown key, and the warning fails it.
    CommandRun typo = verify(here.replace("\nNoNewPrivileges=yes\n", "\nNoNewPrivilege=yes\n"));
    assertTrue(typo.err().contains("Unknown key 'NoNewPrivilege' in section [Service]"), typo.toString());
  }

  /** The [Service] section's settings, each key with its values in order. */
  private static Map<String, List<String>> service() {
    Map<String, List<String>> settings = new LinkedHashMap<>();
    String section = "";
    for (String line : unit.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      if (l.startsWith("[")) {
        section = l;
        continue;
      }
      if (section.equals("[Service]") || section.equals("[Unit]") && l.startsWith("StartLimit")) {
        int eq = l.indexOf('=');
        settings.computeIfAbsent(l.substring(0, eq), k -> new ArrayList<>()).add(l.substring(eq + 1));
      }
    }
    return settings;
  }

  @Test
  void theUnitRunsAsItsOwnUserWithTheFileSystemReadOnlyButTheDataDirectory() {
    Map<String, List<String>> s = service();
    Map<String, String> required = new LinkedHashMap<>();
    required.put("User", "hivesafe");
    required.put("Group", "hivesafe");
    required.put("ExecStart", "/opt/hivesafe/bin/hivesafe run --config /etc/hivesafe/hivesafe.json");
    required.put("Restart", "on-failure");
    required.put("StartLimitIntervalSec", "600");
    required.put("StartLimitBurst", "5");
    required.put("SuccessExitStatus", "143");
    required.put("NoNewPrivileges", "yes");
    required.put("CapabilityBoundingSet", "");
    required.put("AmbientCapabilities", "");
    required.put("ProtectSystem", "strict");
    required.put("ReadWritePaths", "/var/lib/hivesafe");
    required.put("ReadOnlyPaths", "/etc/hivesafe");
    required.put("ProtectHome", "yes");
    required.put("PrivateTmp", "yes");
    required.put("PrivateDevices", "yes");
    required.put("RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX");
    required.put("SystemCallFilter", "@system-service");
    required.put("UMask", "0077");
    for (Map.Entry<String, String> e : required.entrySet()) {
      assertEquals(List.of(e.getValue()), s.get(e.getKey()), e.getKey() + " is set once, to " + e.getValue());
    }
    assertFalse(s.containsKey("MemoryDenyWriteExecute"), "the JVM writes and runs its JIT-compiled code");
    for (String key : s.keySet()) {
      assertFalse(key.startsWith("ReadWrite") && !key.equals("ReadWritePaths"), key);
    }
    for (String key : List.of("ProtectKernelTunables", "ProtectKernelModules", "ProtectKernelLogs", "ProtectControlGroups",
        "ProtectClock", "ProtectHostname", "RestrictNamespaces", "RestrictRealtime", "RestrictSUIDSGID", "LockPersonality")) {
      assertEquals(List.of("yes"), s.get(key), key);
    }
  }
}
