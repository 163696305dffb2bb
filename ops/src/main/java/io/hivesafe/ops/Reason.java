package io.hivesafe.ops;

import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;
import java.util.Arrays;
import java.util.List;

/**
 * Why an operation changed nothing, or what it (or a task, a tally, an alarm) did: a {@link ReasonCode}
 * and its arguments, each a {@code Long} or a {@code String} as the code declares. This — never an
 * English sentence — is what the feed, alarms and proposals hold and the digest covers; the shell
 * renders the text for people. Validated here, so a reason that does not fit its code is a bug.
 */
public record Reason(ReasonCode code, List<Object> args) {
  public Reason {
    if (code == null) {
      throw new IllegalArgumentException("a reason needs a code");
    }
    args = args.stream().map(a -> a instanceof Integer n ? (Object) n.longValue() : a).toList();
    List<ReasonCode.Arg> declared = code.args();
    if (args.size() != declared.size()) {
      throw new IllegalArgumentException(code + " takes " + declared.size() + " arguments, not " + args.size());
    }
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      boolean fits = declared.get(i).integer() ? a instanceof Long : a instanceof String;
      if (!fits) {
        throw new IllegalArgumentException(code + " argument " + declared.get(i).name() + " must be "
            + (declared.get(i).integer() ? "an integer" : "text") + ", not " + a.getClass().getSimpleName());
      }
    }
  }

  /** A reason with its arguments in the code's order; {@code int} arguments are widened to {@code long}. */
  public static Reason of(ReasonCode code, Object... args) {
    return new Reason(code, Arrays.asList(args));
  }

  /** Writes the code's name, then each argument as its code declares it (no tags: the code says which). */
  static void write(ValueWriter w, Reason r) {
    w.text(r.code.name());
    for (int i = 0; i < r.args.size(); i++) {
      if (r.code.args().get(i).integer()) {
        w.int64(r.integer(i));
      } else {
        w.text(r.text(i));
      }
    }
  }

  static Reason read(ValueReader in) {
    String name = in.text();
    ReasonCode code;
    try {
      code = ReasonCode.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("stored reason has an unknown code " + name);
    }
    Object[] args = new Object[code.args().size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = code.args().get(i).integer() ? (Object) in.int64() : in.text();
    }
    return new Reason(code, Arrays.asList(args));
  }

  /** The integer argument at {@code i}. */
  public long integer(int i) {
    return (Long) args.get(i);
  }

  /** The text argument at {@code i}. */
  public String text(int i) {
    return (String) args.get(i);
  }

  @Override
  public String toString() {
    return args.isEmpty() ? code.name() : code.name() + args;
  }
}
