package io.hivesafe.testkit.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.engine.cli.Console;
import io.hivesafe.engine.cli.StopSignal;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/hivesafe demo} to completion, in-process: the stop signal (Ctrl-C) comes once it
 * printed "demo complete". Its timeline must show, in order, each event the demo promises.
 */
class DemoCommandTest {
  private static final Pattern LINE = Pattern.compile("block +([0-9]+)  (\\S+) +(.*)");
  @TempDir Path dir;

  private record Line(long block, String kind, String text) {}

  private static Line first(List<Line> lines, String kind, String text, long after) {
    return lines.stream().filter(l -> l.kind().equals(kind) && l.text().contains(text) && l.block() > after).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " \"" + text + "\" after block " + after + " in " + lines));
  }

  @Test
  void theDemoRunsToItsEndAndItsTimelineShowsEveryPromisedEvent() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console = new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    StopSignal ctrlCWhenDone = onStop -> {
      try {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!out.toString(StandardCharsets.UTF_8).contains(DemoCommand.DONE) && err.size() == 0 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
      } finally {
        onStop.run();
      }
    };
    int exit = DemoCommand.run(console, ctrlCWhenDone, "--dir", dir.toString(), "--port", "0");
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
    assertTrue(printed.contains(DemoCommand.DONE), printed);
    assertTrue(Pattern.compile("status page \\(node1\\): http://127\\.0\\.0\\.1:[0-9]+/ ").matcher(printed).find(), printed);
    assertTrue(printed.contains("node logs: " + dir.resolve("logs/node0.log") + " … node4.log"), printed);
    for (int i = 0; i < 5; i++) {
      String log = Files.readString(dir.resolve("logs/node" + i + ".log"));
      assertTrue(log.contains("block source: following Hive from block 1"), "node" + i + "'s own lines are in its file: " + log);
    }
    assertTrue(Files.readString(dir.resolve("logs/node1.log")).contains("tally of block 50"), "node1's tallies are in its file");

    List<Line> lines = new ArrayList<>();
    for (String l : printed.split("\n")) {
      Matcher m = LINE.matcher(l);
      if (m.matches()) {
        lines.add(new Line(Long.parseLong(m.group(1)), m.group(2), m.group(3)));
      }
    }
    Line deposit = first(lines, "deposit", "user0: deposited 50000 HIVE", 0);
    Line paid = first(lines, "payout", "paid 12345 HIVE to user0", deposit.block());
    Line grant = first(lines, "payout", "paid 2500 HIVE to user2", deposit.block());
    assertEquals(paid.block(), grant.block(), "one batch pays the withdrawal and the treasury grant");
    Line ready = first(lines, "ready", "ready to broadcast", 200);
    Line recast = first(lines, "recast", "broadcast attempt 2", ready.block());
    assertEquals(ready.block() + 30, recast.block(), "the recast comes one interval after ready");
    Line hbd = first(lines, "payout", "paid 5000 HBD to user1", recast.block());
    Line rotation = first(lines, "multisig", "built: rotation", hbd.block());
    first(lines, "confirmed", "(rotation", rotation.block());
    first(lines, "authority", "", rotation.block());
    assertEquals(1, lines.stream().filter(l -> l.text().contains("paid 12345 HIVE")).count(), "paid once");
    assertTrue(lines.stream().noneMatch(l -> l.kind().equals("alarm")), printed);

    TrafficNetwork net = TrafficNetwork.create(6, 5);
    TreeSet<String> stillRunning = new TreeSet<>();
    for (int i = 1; i <= 3; i++) {
      stillRunning.add(net.nodes().get(i).multisigKey().publicKey().toString());
    }
    assertTrue(printed.contains("the devnet's active authority of hivesafe-ms: 2 of " + stillRunning + ", as the books record it"),
        "the keys rotated to the three nodes still running: " + printed);
  }
}
