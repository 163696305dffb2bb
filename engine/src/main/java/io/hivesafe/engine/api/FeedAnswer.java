package io.hivesafe.engine.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.ops.FeedEntry;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The feed, newest first, in pages ({@code /api/feed}; the paging itself is {@link FeedPages}).
 *
 * <p>Built from one {@link io.hivesafe.state.StateStore#read} of committed state through
 * {@code SidechainState}'s readers (so an answer never mixes two blocks); amounts in the smallest unit,
 * snake_case fields; keys only as public keys. Endpoints and examples: docs/api.md.
 */
final class FeedAnswer {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final NodeView view;

  FeedAnswer(NodeView view) {
    this.view = view;
  }

  // ---- feed ----

  ObjectNode feed(ApiRequest q) throws ApiException {
    q.accepting("limit", "before_block", "before_index");
    int limit = (int) q.integer("limit", 1, FeedPages.MAX_LIMIT).orElse(50);
    OptionalLong beforeBlock = q.integer("before_block", 0, 0xffff_ffffL + 1);
    OptionalLong beforeIndex = q.integer("before_index", 0, Integer.MAX_VALUE);
    if (beforeIndex.isPresent() && beforeBlock.isEmpty()) {
      throw ApiException.badRequest("parameter 'before_index' needs 'before_block'");
    }
    return CommittedState.read(view, r -> {
      FeedPages.Cursor cursor = new FeedPages.Cursor(
          beforeBlock.orElse(view.store().lastBlock().orElse(0) + 1), beforeIndex.orElse(0));
      FeedPages.Page page = FeedPages.before(r, cursor, limit);
      ObjectNode o = F.objectNode();
      ArrayNode a = o.putArray("entries");
      for (FeedPages.Indexed i : page.entries()) {
        FeedEntry e = i.entry();
        ObjectNode n = a.addObject();
        n.put("block", e.block());
        n.put("index", i.index());
        n.put("kind", e.kind());
        n.put("ok", e.ok());
        n.put("account", e.account());
        n.put("tx", e.tx());
        n.put("op", e.op());
        ReasonJson.put(n, e.reason());
      }
      if (page.next().isPresent()) {
        FeedPages.Cursor c = page.next().get();
        o.putObject("next").put("before_block", c.block()).put("before_index", c.index())
            .put("url", "/api/feed?limit=" + limit + "&before_block=" + c.block() + "&before_index=" + c.index());
      } else {
        o.putNull("next");
      }
      return o;
    });
  }

}
