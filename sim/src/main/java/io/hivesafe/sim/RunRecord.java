package io.hivesafe.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;

/**
 * What a run writes down as it goes: the schedule of faults in the order they happened, how many of each
 * kind were injected, and the trace — a SHA-256 over the schedule's lines and what the simulation adds
 * (the oracle's accumulators and last digest) — that shows two runs of one seed were the same run.
 */
final class RunRecord {
  private final List<Fault> schedule = new ArrayList<>();
  private final EnumMap<FaultKind, Long> injected = new EnumMap<>(FaultKind.class);
  private final MessageDigest trace;

  RunRecord() {
    try {
      this.trace = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A line of the schedule that is part of a fault already counted (it does not count again). */
  void note(long block, FaultKind kind, String node, String detail) {
    Fault f = new Fault(block, kind, node, detail);
    schedule.add(f);
    trace.update((f + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** A fault injected: a line of the schedule that counts. */
  void record(long block, FaultKind kind, String node, String detail) {
    Fault f = new Fault(block, kind, node, detail);
    schedule.add(f);
    injected.merge(kind, 1L, Long::sum);
    trace.update((f + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Adds {@code bytes} to the trace. */
  void trace(byte[] bytes) {
    trace.update(bytes);
  }

  List<Fault> schedule() {
    return List.copyOf(schedule);
  }

  EnumMap<FaultKind, Long> injected() {
    return new EnumMap<>(injected);
  }

  /** The trace so far, in hex; call once, at the end of the run. */
  String traceHex() {
    return HexFormat.of().formatHex(trace.digest());
  }
}
