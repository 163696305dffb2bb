package io.hivesafe.engine;

import io.hivesafe.ops.Reason;
import io.hivesafe.ops.ReasonCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The English for a {@link Reason}, for people only (API, status page, logs): the core records codes
 * and arguments, this renders them from {@code reason-text.properties}. Placeholders are filled by hand
 * ({@code {name}} → the argument's value): {@code MessageFormat} would format numbers by locale
 * ("1,000") and read apostrophes as quotes.
 */
public final class ReasonText {
  private static final Map<ReasonCode, String> TEMPLATES = load();

  private ReasonText() {}

  /** The sentence for {@code reason}. */
  public static String render(Reason reason) {
    String text = TEMPLATES.get(reason.code());
    List<ReasonCode.Arg> declared = reason.code().args();
    for (int i = 0; i < declared.size(); i++) {
      text = text.replace("{" + declared.get(i).name() + "}", String.valueOf(reason.args().get(i)));
    }
    return text;
  }

  /** The template of {@code code}, as written (for the docs' catalogue and its test). */
  public static String template(ReasonCode code) {
    return TEMPLATES.get(code);
  }

  private static Map<ReasonCode, String> load() {
    Properties p = new Properties();
    try (InputStream in = ReasonText.class.getResourceAsStream("reason-text.properties")) {
      if (in == null) {
        throw new IllegalStateException("reason-text.properties is missing from the jar");
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<ReasonCode, String> out = new EnumMap<>(ReasonCode.class);
    for (ReasonCode code : ReasonCode.values()) {
      String t = p.getProperty(code.name());
      if (t == null) {
        throw new IllegalStateException("reason-text.properties has no text for " + code);
      }
      out.put(code, t);
    }
    if (p.size() != out.size()) {
      throw new IllegalStateException("reason-text.properties names codes the core does not have");
    }
    return out;
  }
}
