package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.json.JsonFields;
import java.util.List;

/**
 * {@code devnet_admin.status}: the head, how blocks are produced ({@code running}, {@code paused},
 * {@code stepped} without a timer, or {@code failed} after a bug), pending transactions, and each endpoint
 * with its URL, whether it listens, and its fault plan in {@link FaultPlanJson}'s form.
 */
final class DevnetStatus {
  private DevnetStatus() {}

  static ObjectNode write(Devnet devnet) {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    DevnetChain chain = devnet.chain();
    ProducedBlock head = chain.head();
    status.put("head_block_number", head.number());
    status.put("head_block_id", head.id().toHex());
    status.put("time", JsonFields.formatTime(head.timestamp()));
    status.put("last_irreversible_block_num", chain.lastIrreversibleBlockNumber());
    status.put("production", production(devnet));
    status.put("block_ms", devnet.blockInterval().toMillis());
    status.put("pending_transactions", chain.pendingCount());
    devnet.productionFailure().ifPresent(bug -> status.put("production_failure", bug.toString()));
    ArrayNode endpoints = status.putArray("endpoints");
    List<JsonRpcServer> all = devnet.endpoints();
    for (int i = 0; i < all.size(); i++) {
      JsonRpcServer endpoint = all.get(i);
      ObjectNode json = endpoints.addObject();
      json.put("endpoint", i);
      json.put("url", endpoint.url().toString());
      json.put("running", endpoint.isRunning());
      json.set("faults", FaultPlanJson.write(endpoint.faults()));
    }
    return status;
  }

  private static String production(Devnet devnet) {
    if (devnet.productionFailure().isPresent()) {
      return "failed";
    }
    if (devnet.blockInterval().isZero()) {
      return "stepped";
    }
    return devnet.isProductionPaused() ? "paused" : "running";
  }
}
