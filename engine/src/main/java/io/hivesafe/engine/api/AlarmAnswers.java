package io.hivesafe.engine.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.ops.Alarm;
import io.hivesafe.ops.SidechainState;
import java.util.OptionalLong;

/**
 * The alarms the core raised ({@code /api/alarms}), newest first, in pages (the paging is
 * {@link AlarmPages}), with how many the state holds.
 *
 * <p>Built from one {@link io.hivesafe.state.StateStore#read} of committed state; amounts in the smallest
 * unit, snake_case fields. Endpoints and examples: docs/api.md.
 */
final class AlarmAnswers {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final NodeView view;

  AlarmAnswers(NodeView view) {
    this.view = view;
  }

  ObjectNode alarms(ApiRequest q) throws ApiException {
    q.accepting("limit", "before_block", "before_index");
    int limit = (int) q.integer("limit", 1, AlarmPages.MAX_LIMIT).orElse(50);
    OptionalLong beforeBlock = q.integer("before_block", 0, 0xffff_ffffL + 1);
    OptionalLong beforeIndex = q.integer("before_index", 0, Integer.MAX_VALUE);
    if (beforeIndex.isPresent() && beforeBlock.isEmpty()) {
      throw ApiException.badRequest("parameter 'before_index' needs 'before_block'");
    }
    return CommittedState.read(view, r -> {
      AlarmPages.Cursor cursor = new AlarmPages.Cursor(
          beforeBlock.orElse(view.store().lastBlock().orElse(0) + 1), beforeIndex.orElse(0));
      AlarmPages.Page page = AlarmPages.before(r, cursor, limit);
      ObjectNode o = F.objectNode();
      o.put("count", SidechainState.alarmCount(r));
      ArrayNode a = o.putArray("alarms");
      for (Alarm alarm : page.alarms()) {
        ObjectNode n = a.addObject();
        n.put("kind", alarm.kind().name());
        n.put("block", alarm.block());
        n.put("index", alarm.index());
        n.put("tx", alarm.tx());
        n.put("op", alarm.op());
        n.put("account", alarm.account());
        n.put("operation", alarm.operation());
        n.put("hive", alarm.hive());
        n.put("hbd", alarm.hbd());
        n.put("round", alarm.round());
        ReasonJson.put(n, alarm.reason());
      }
      if (page.next().isPresent()) {
        AlarmPages.Cursor c = page.next().get();
        o.putObject("next").put("before_block", c.block()).put("before_index", c.index())
            .put("url", "/api/alarms?limit=" + limit + "&before_block=" + c.block() + "&before_index=" + c.index());
      } else {
        o.putNull("next");
      }
      return o;
    });
  }
}
