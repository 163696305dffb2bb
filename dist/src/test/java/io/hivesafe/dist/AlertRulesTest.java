package io.hivesafe.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus/alerts.yml: {@code promtool check rules} accepts it; {@code promtool test rules}
 * passes alerts.test.yml, which holds, for every alert, a case where it fires and an instance where it
 * stays quiet; every alert has a severity and names its section of docs/runbook.md. promtool comes from
 * Debian's prometheus package (scripts/install-prometheus); without it these tests fail saying so.
 */
class AlertRulesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern INSTANCE = Pattern.compile("instance=\"([^\"]+)\"");

  /** alert name → its rule, in file order. */
  static Map<String, JsonNode> alerts() throws IOException {
    Map<String, JsonNode> alerts = new LinkedHashMap<>();
    for (JsonNode group : YAML.readTree(RepoFiles.alerts().toFile()).get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        assertTrue(rule.has("alert"), "only alerting rules: " + rule);
        assertEquals(null, alerts.put(rule.get("alert").asText(), rule), "one rule per alert name: " + rule.get("alert"));
      }
    }
    return alerts;
  }

  @Test
  void promtoolChecksTheRules() throws Exception {
    CommandRun r = CommandRun.of(RepoFiles.alerts().getParent(), List.of(RequiredTool.PROMTOOL.path(), "check", "rules", "alerts.yml"));
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("SUCCESS: " + alerts().size() + " rules found"), r.toString());
  }

  @Test
  void promtoolChecksTheExampleConfigThatLoadsTheRules() throws Exception {
    CommandRun r = CommandRun.of(RepoFiles.alerts().getParent(),
        List.of(RequiredTool.PROMTOOL.path(), "check", "config", "prometheus.yml"));
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("SUCCESS: 1 rule files found"), r.toString());
    assertTrue(r.out().contains("SUCCESS: " + alerts().size() + " rules found"), r.toString());
  }

  @Test
  void promtoolPassesTheUnitTestsOfEveryAlert() throws Exception {
    CommandRun r = CommandRun.of(RepoFiles.alerts().getParent(),
        List.of(RequiredTool.PROMTOOL.path(), "test", "rules", "alerts.test.yml"));
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("SUCCESS"), r.toString());
  }

  @Test
  void everyAlertIsTestedFiringAndQuiet() throws Exception {
    JsonNode tests = YAML.readTree(RepoFiles.alertTests().toFile());
    assertEquals(List.of("alerts.yml"), YAML.convertValue(tests.get("rule_files"), List.class));
    Set<String> fired = new TreeSet<>();
    Set<String> quiet = new TreeSet<>();
    for (JsonNode test : tests.get("tests")) {
      Set<String> instances = new TreeSet<>();
      for (JsonNode series : test.get("input_series")) {
        Matcher m = INSTANCE.matcher(series.get("series").asText());
        assertTrue(m.find(), "every input series names its instance: " + series);
        instances.add(m.group(1));
      }
      Map<String, Set<String>> firing = new LinkedHashMap<>();
      for (JsonNode check : test.get("alert_rule_test")) {
        Set<String> at = firing.computeIfAbsent(check.get("alertname").asText(), k -> new TreeSet<>());
        for (JsonNode expected : check.get("exp_alerts")) {
          at.add(expected.get("exp_labels").get("instance").asText());
        }
      }
      firing.forEach((alert, at) -> {
        if (!at.isEmpty()) {
          fired.add(alert);
        }
        List<String> never = new ArrayList<>(instances);
        never.removeAll(at);
        if (!never.isEmpty()) {
          quiet.add(alert);
        }
      });
    }
    Set<String> names = new TreeSet<>(alerts().keySet());
    assertEquals(names, fired, "every alert has a case that fires it");
    assertEquals(names, quiet, "every alert has an instance fed that must not fire it");
  }

  @Test
  void everyAlertHasASeverityASummaryAndItsRunbookSection() throws Exception {
    String runbook = java.nio.file.Files.readString(RepoFiles.root().resolve("docs/runbook.md"));
    for (Map.Entry<String, JsonNode> e : alerts().entrySet()) {
      assertTrue(runbook.contains("\n### " + e.getKey() + "\n"), "docs/runbook.md has no section '### " + e.getKey() + "'");
      JsonNode rule = e.getValue();
      assertTrue(Set.of("critical", "warning").contains(rule.path("labels").path("severity").asText()), e.getKey());
      assertEquals("docs/runbook.md#" + e.getKey().toLowerCase(java.util.Locale.ROOT),
          rule.path("annotations").path("runbook_url").asText(), e.getKey());
      assertFalse(rule.path("annotations").path("summary").asText().isBlank(), e.getKey());
      assertTrue(e.getKey().startsWith("Hivesafe"), e.getKey());
    }
  }
}
