package io.hivesafe.testkit.demo;

import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.state.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The demo's readable timeline: the notable entries of one node's feed (deposits, withdrawals, rounds
 * built, ready, recast and confirmed, payouts, authority changes, proposals, alarms), one line each with
 * its block, printed as they are committed. Signature submissions other than the one that makes a round
 * ready are left out: with five signers they would drown the story.
 */
final class Timeline {
  /** One line of the timeline. */
  record Event(long block, String kind, String text) {
    String line() {
      return String.format(java.util.Locale.ROOT, "block %6d  %-10s %s", block, kind, text);
    }
  }

  private final Consumer<String> out;
  private final List<Event> events = new ArrayList<>();
  private long nextBlock = 1;

  Timeline(Consumer<String> out) {
    this.out = out;
  }

  /** Adds a line of the scenario's own (what it is about to do). */
  void say(String text) {
    out.accept("           " + text);
  }

  /** Reads {@code store}'s feed from where it stopped last time and prints what is new and notable. */
  void catchUp(StateStore store) {
    List<FeedEntry> feed = store.read(r -> SidechainState.feed(r, nextBlock, 100_000));
    for (FeedEntry f : feed) {
      String kind = kindOf(f);
      if (kind != null) {
        String text = io.hivesafe.engine.ReasonText.render(f.reason());
        Event e = new Event(f.block(), kind, f.account().isEmpty() ? text : f.account() + ": " + text);
        events.add(e);
        out.accept(e.line());
      }
      nextBlock = Math.max(nextBlock, f.block() + 1);
    }
  }

  /** Everything printed so far. */
  List<Event> events() {
    return List.copyOf(events);
  }

  private static String kindOf(FeedEntry f) {
    switch (f.kind()) {
      case "deposit":
      case "withdraw":
      case "propose":
      case "payout":
      case "authority":
      case "proposal":
      case "alarm":
        return f.ok() || f.kind().equals("alarm") ? f.kind() : null;
      case "multisig":
        return "multisig";
      case "ms_recast":
        return "recast";
      case "ms_signed":
        return f.ok() ? "confirmed" : "alarm";
      case "sig_submit":
        return f.ok() && f.reason().code() == io.hivesafe.ops.ReasonCode.SIG_COUNTED_READY ? "ready" : null;
      default:
        return null;
    }
  }
}
