package io.hivesafe.engine.api;

import io.hivesafe.state.StateReader;
import java.util.function.Function;

/** The API's one way into the node's state: a read of committed state, refused before the first commit. */
final class CommittedState {
  private CommittedState() {}

  /** One read of committed state; 503 before the node's first commit (no genesis in the state yet). */
  static <T> T read(NodeView view, Function<StateReader, T> query) throws ApiException {
    if (view.store().lastBlock().isEmpty()) {
      throw new ApiException(503, "the node has not applied its first block yet");
    }
    return view.store().read(query);
  }
}
