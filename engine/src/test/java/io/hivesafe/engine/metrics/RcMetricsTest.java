package io.hivesafe.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.node.Outbox;
import io.hivesafe.engine.node.RcCheck;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.hive.rpc.RpcErrorException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The RC meters under the names another engineer's alert rules use: hivesafe_rc_{percent,mana,max}{role,account}, hivesafe_rc_refusals_total{role}. */
class RcMetricsTest {
  @Test
  void theMetersHaveTheAgreedNamesAndTags() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    NodeEvents events = new NodeEvents();
    AccountName ms = AccountName.of("hivesafe-ms");
    Outbox outbox = Outbox.inline(tx -> {
      throw new RpcErrorException("network_broadcast_api.broadcast_transaction", -32000,
          "payer has not enough RC mana for transaction:has_mana: Account: node0 has 1 RC, needs 2 RC. Please wait to transact or power up HIVE.",
          null);
    }, events, ms);
    try (HiveRpcClient client = new HiveRpcClient(RpcConfig.withEndpoints(List.of(URI.create("http://127.0.0.1:9"))));
        RcCheck rc = new RcCheck(Optional.of(AccountName.of("node0")), ms, client, Optional.of(outbox), events)) {
      RcMetrics.register(registry, rc, Optional.of(outbox));
      outbox.send(io.hivesafe.engine.node.Duty.report(50), "report for block 50", io.hivesafe.hive.protocol.Transaction.builder()
          .referenceBlock(io.hivesafe.hive.protocol.BlockId.fromHex("00000064" + "ab".repeat(16)))
          .expiration(java.time.Instant.parse("2026-01-01T00:10:00Z"))
          .operation(new io.hivesafe.hive.protocol.CustomJsonOperation(List.of(AccountName.of("node0")), List.of(), "x", "{}")).build(),
          java.time.Instant.parse("2026-01-01T00:00:00Z"));
      String scrape = registry.scrape();
      for (String role : List.of("node", "multisig")) {
        String account = role.equals("node") ? "node0" : "hivesafe-ms";
        for (String name : List.of("hivesafe_rc_percent", "hivesafe_rc_mana", "hivesafe_rc_max", "hivesafe_rc_low")) {
          assertTrue(scrape.contains(name + "{account=\"" + account + "\",role=\"" + role + "\"} NaN"), name + " " + role + "\n" + scrape);
        }
      }
      assertTrue(scrape.contains("hivesafe_rc_refusals_total{role=\"node\"} 1.0"), scrape);
      assertTrue(scrape.contains("hivesafe_rc_refusals_total{role=\"multisig\"} 0.0"), scrape);
      assertEquals(1, outbox.rcHeld(io.hivesafe.engine.node.RcRole.NODE));
    }
  }
}
