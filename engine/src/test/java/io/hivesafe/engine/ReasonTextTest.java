package io.hivesafe.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.ops.Reason;
import io.hivesafe.ops.ReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReasonTextTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

  @Test
  void everyCodeHasATemplateNamingExactlyItsArguments() {
    for (ReasonCode code : ReasonCode.values()) {
      String template = ReasonText.template(code);
      assertNotNull(template, code.name());
      TreeSet<String> named = new TreeSet<>();
      Matcher m = PLACEHOLDER.matcher(template);
      while (m.find()) {
        named.add(m.group(1));
      }
      TreeSet<String> declared = new TreeSet<>();
      code.args().forEach(a -> declared.add(a.name()));
      assertEquals(declared, named, code + ": the text shows every argument and only those");
    }
  }

  @Test
  void renderingFillsEveryPlaceholderWithItsArgument() {
    for (ReasonCode code : ReasonCode.values()) {
      List<Object> args = new ArrayList<>();
      for (int i = 0; i < code.args().size(); i++) {
        args.add(code.args().get(i).integer() ? (Object) (1_000L + i) : "text" + i);
      }
      String text = ReasonText.render(new Reason(code, args));
      assertFalse(PLACEHOLDER.matcher(text).find(), code + " left a placeholder: " + text);
      for (Object a : args) {
        assertTrue(text.contains(a.toString()), code + " shows " + a + ": " + text);
      }
    }
  }

  @Test
  void docsProtocolListsEveryCode() throws java.io.IOException {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "protocol.md"));
    for (ReasonCode code : ReasonCode.values()) {
      assertTrue(doc.contains("| `" + code.name() + "` |"), "docs/protocol.md lists " + code);
    }
  }

  @Test
  void numbersAreWrittenWithoutLocaleGroupingAndApostrophesSurvive() {
    assertEquals("governance stake 1234567 is less than amount 2345678",
        ReasonText.render(Reason.of(ReasonCode.GOV_BALANCE_LOW, 1_234_567, 2_345_678)));
    assertEquals("proof is not a signature by key over this account's node_add message",
        ReasonText.render(Reason.of(ReasonCode.PROOF_WRONG_KEY)));
  }
}
