package io.hivesafe.engine.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.engine.ReasonText;
import io.hivesafe.ops.Reason;
import io.hivesafe.ops.ReasonCode;

/**
 * A {@link Reason} in an API answer: {@code code}, {@code args} (an object, each argument under its
 * declared name, integers as JSON numbers) for programs, and {@code detail}, the English, for people.
 */
final class ReasonJson {
  private ReasonJson() {}

  static void put(ObjectNode n, Reason reason) {
    n.put("code", reason.code().name());
    ObjectNode args = n.putObject("args");
    for (int i = 0; i < reason.args().size(); i++) {
      ReasonCode.Arg a = reason.code().args().get(i);
      if (a.integer()) {
        args.put(a.name(), reason.integer(i));
      } else {
        args.put(a.name(), reason.text(i));
      }
    }
    n.put("detail", ReasonText.render(reason));
  }
}
