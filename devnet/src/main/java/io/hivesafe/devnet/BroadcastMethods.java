package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.json.TransactionJson;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransactionId;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * network_broadcast_api.broadcast_transaction and condenser_api.broadcast_transaction(_synchronous).
 * The transaction may come in either JSON form; a refusal is the chain's {@link HivedError}.
 */
final class BroadcastMethods {
  private final DevnetChain chain;
  private final FcVariant variant;
  private final Duration synchronousTimeout;
  /** Notified after every block, so that synchronous broadcasts wake to look for their transaction. */
  private final Object newBlock = new Object();

  BroadcastMethods(DevnetChain chain, FcVariant variant, Duration synchronousTimeout) {
    this.chain = chain;
    this.variant = variant;
    this.synchronousTimeout = synchronousTimeout;
    chain.onBlock(block -> {
      synchronized (newBlock) {
        newBlock.notifyAll();
      }
    });
  }

  /** network_broadcast_api.broadcast_transaction {"trx":tx, "max_block_age":n} → {}. */
  JsonNode broadcast(JsonNode params, BroadcastFate fate) throws JsonRpcError {
    accept(read(variant.object(params).get("trx")), fate);
    return JsonNodeFactory.instance.objectNode();
  }

  /** condenser_api.broadcast_transaction [tx] → {}. */
  JsonNode condenserBroadcast(JsonNode params, BroadcastFate fate) throws JsonRpcError {
    accept(read(variant.arguments(params, 1).get(0)), fate);
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * condenser_api.broadcast_transaction_synchronous [tx] → {"id","block_num","trx_num","expired"} once the
   * transaction is in a block; as hived does, {@code expired:true} with trx_num -1 when a block passes its
   * expiration first. After the timeout without either, a -32603 error.
   */
  JsonNode condenserBroadcastSynchronous(JsonNode params, BroadcastFate fate) throws JsonRpcError {
    Transaction tx = read(variant.arguments(params, 1).get(0));
    TransactionId id = accept(tx, fate);
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("id", id.toHex());
    long deadline = System.nanoTime() + synchronousTimeout.toNanos();
    try {
      synchronized (newBlock) {
        while (true) {
          Optional<DevnetChain.Inclusion> inclusion = chain.inclusion(id);
          if (inclusion.isPresent()) {
            result.put("block_num", inclusion.get().blockNumber());
            result.put("trx_num", inclusion.get().index());
            result.put("expired", false);
            return result;
          }
          ProducedBlock head = chain.head();
          if (head.timestamp().isAfter(tx.expiration())) {
            result.put("block_num", head.number());
            result.put("trx_num", -1);
            result.put("expired", true);
            return result;
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw JsonRpcError.plain(JsonRpcError.INTERNAL_ERROR,
                "transaction " + id.toHex() + " is in no block after " + synchronousTimeout.toSeconds() + " s");
          }
          TimeUnit.NANOSECONDS.timedWait(newBlock, left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw JsonRpcError.plain(JsonRpcError.INTERNAL_ERROR, "the devnet is shutting down");
    }
  }

  private Transaction read(JsonNode json) throws JsonRpcError {
    try {
      return TransactionJson.read(json);
    } catch (HiveFormatException e) {
      throw variant.parseError(e.getMessage());
    }
  }

  private TransactionId accept(Transaction tx, BroadcastFate fate) throws JsonRpcError {
    Admission admission = chain.broadcast(tx, fate.keep());
    if (!admission.isAccepted()) {
      throw variant.error(admission.error().orElseThrow());
    }
    return admission.id().orElseThrow();
  }
}
