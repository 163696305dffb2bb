package io.hivesafe.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/grafana/hivesafe.json: every panel query is PromQL Prometheus parses (each written into a
 * recording rule that {@code promtool check rules} checks), panels have distinct ids and fit Grafana's
 * 24-column grid, and every query reads the dashboard's datasource and node variables.
 */
class DashboardTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyPanelQueryParsesAndFollowsTheNodeVariable() throws Exception {
    JsonNode dashboard = JSON.readTree(RepoFiles.dashboard().toFile());
    ObjectNode rules = JSON.createObjectNode();
    ObjectNode group = rules.putArray("groups").addObject().put("name", "dashboard");
    ArrayNode records = group.putArray("rules");
    Set<Integer> ids = new HashSet<>();
    int queries = 0;
    for (JsonNode panel : dashboard.get("panels")) {
      assertTrue(ids.add(panel.get("id").asInt()), "panel ids are distinct: " + panel.get("id"));
      JsonNode grid = panel.get("gridPos");
      assertTrue(grid.get("x").asInt() + grid.get("w").asInt() <= 24, panel.get("title") + " fits the grid");
      for (JsonNode target : panel.path("targets")) {
        String expr = target.get("expr").asText();
        assertTrue(expr.contains("instance=~\"$instance\""), panel.get("title") + ": follows the node variable: " + expr);
        assertEquals("${datasource}", target.get("datasource").get("uid").asText(), panel.get("title").asText());
        records.addObject().put("record", "dashboard:query_" + queries++).put("expr", expr);
      }
    }
    assertTrue(queries >= 30, "the panels were read: " + queries);
    Path file = dir.resolve("dashboard-queries.yml");
    new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(), rules);
    CommandRun r = CommandRun.of(dir, List.of(RequiredTool.PROMTOOL.path(), "check", "rules", file.toString()));
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("SUCCESS: " + queries + " rules found"), r.toString());
  }
}
