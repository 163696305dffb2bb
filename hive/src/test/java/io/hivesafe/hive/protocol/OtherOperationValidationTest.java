package io.hivesafe.hive.protocol;

import static io.hivesafe.hive.protocol.OperationJsonForms.hbd;
import static io.hivesafe.hive.protocol.OperationJsonForms.hf26;
import static io.hivesafe.hive.protocol.OperationJsonForms.hive;
import static io.hivesafe.hive.protocol.OperationJsonForms.json;
import static io.hivesafe.hive.protocol.OperationJsonForms.toLegacy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.Fixtures;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.json.BlockJson;
import io.hivesafe.hive.json.OperationJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A known operation whose fields cannot be classified is refused when it is parsed, with a message that
 * names the operation and the field; everything recorded still parses and classifies.
 */
class OtherOperationValidationTest {
  static Stream<Arguments> malformed() {
    return Stream.of(
        bad("vote without voter", "vote", "{'author':'bob','permlink':'p','weight':1}", "voter"),
        bad("vote with a numeric voter", "vote", "{'voter':7,'author':'bob','permlink':'p','weight':1}", "voter"),
        bad("comment by an invalid account", "comment", "{'author':'Bob','permlink':'p','parent_author':'','parent_permlink':'x',"
            + "'title':'','body':'','json_metadata':''}", "author"),
        bad("transfer_to_vesting from an invalid account", "transfer_to_vesting", "{'from':'a','to':'bob','amount':" + hive(1) + "}", "from"),
        bad("transfer_to_vesting without amount", "transfer_to_vesting", "{'from':'alice','to':'bob'}", "amount"),
        bad("convert with an unknown asset", "convert",
            "{'owner':'alice','requestid':1,'amount':{'amount':'1','precision':3,'nai':'@@000000099'}}",
            "['convert',{'owner':'alice','requestid':1,'amount':'0.001 XYZ'}]", "amount"),
        bad("limit_order_create with a malformed amount", "limit_order_create",
            "{'owner':'alice','orderid':1,'amount_to_sell':{'amount':'x1','precision':3,'nai':'@@000000021'},'min_to_receive':" + hbd(1)
                + ",'fill_or_kill':false,'expiration':'2030-01-01T00:00:00'}",
            "['limit_order_create',{'owner':'alice','orderid':1,'amount_to_sell':'1.0 HIVE','min_to_receive':'0.001 HBD',"
                + "'fill_or_kill':false,'expiration':'2030-01-01T00:00:00'}]", "amount_to_sell"),
        bad("custom with required_auths not an array", "custom", "{'required_auths':'alice','id':1,'data':''}", "required_auths"),
        bad("custom_binary with an invalid posting account", "custom_binary",
            "{'required_owner_auths':[],'required_active_auths':[],'required_posting_auths':['ok-name','x'],'required_auths':[],"
                + "'id':'x','data':''}", "required_posting_auths"),
        bad("recover_account with a broken authority", "recover_account",
            "{'account_to_recover':'alice','new_owner_authority':{'weight_threshold':1,'account_auths':[],'key_auths':[['STM1',1]]},"
                + "'recent_owner_authority':{'weight_threshold':1,'account_auths':[],'key_auths':[]},'extensions':[]}", "new_owner_authority"),
        bad("request_account_recovery without account_to_recover", "request_account_recovery",
            "{'recovery_account':'bob','new_owner_authority':{'weight_threshold':1,'account_auths':[],'key_auths':[]},'extensions':[]}",
            "account_to_recover"),
        bad("escrow_transfer without fee", "escrow_transfer",
            "{'from':'alice','to':'bob','agent':'carol','escrow_id':1,'hbd_amount':" + hbd(0) + ",'hive_amount':" + hive(1)
                + ",'ratification_deadline':'2030-01-01T00:00:00','escrow_expiration':'2030-01-02T00:00:00','json_meta':''}", "fee"),
        bad("escrow_transfer whose debit overflows", "escrow_transfer",
            "{'from':'alice','to':'bob','agent':'carol','escrow_id':1,'hbd_amount':" + hbd(0) + ",'hive_amount':" + hive(Long.MAX_VALUE)
                + ",'fee':" + hive(1) + ",'ratification_deadline':'2030-01-01T00:00:00','escrow_expiration':'2030-01-02T00:00:00',"
                + "'json_meta':''}", "alice"),
        bad("create_proposal with a malformed end date", "create_proposal",
            "{'creator':'alice','receiver':'bob','start_date':'2030-01-01T00:00:00','end_date':'soon','daily_pay':" + hbd(1)
                + ",'subject':'s','permlink':'p','extensions':[]}", "end_date"),
        bad("set_reset_account without current_reset_account", "set_reset_account", "{'account':'alice','reset_account':'bob'}",
            "current_reset_account"),
        bad("pow2 without a worker", "pow2", "{'work':{'type':'pow2','value':{'input':{'nonce':1},'pow_summary':1}},'props':{}}",
            "worker_account"),
        bad("pow2 with a bad new owner key", "pow2", "{'work':[0,{}],'new_owner_key':'STMxyz','props':{}}", "new_owner_key"),
        bad("change_recovery_account with a long account name", "change_recovery_account",
            "{'account_to_recover':'a-very-long-account-name','new_recovery_account':'bob','extensions':[]}", "account_to_recover"));
  }

  private static Arguments bad(String label, String name, String body, String field) {
    JsonNode hf26 = hf26(name, body);
    return Arguments.of(label, name, hf26, toLegacy(hf26), field);
  }

  private static Arguments bad(String label, String name, String body, String legacy, String field) {
    return Arguments.of(label, name, hf26(name, body), json(legacy), field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void refusedInBothFormsNamingOperationAndField(String label, String name, JsonNode hf26, JsonNode legacy, String field) {
    for (JsonNode form : List.of(hf26, legacy)) {
      HiveFormatException e = assertThrows(HiveFormatException.class, () -> OperationJson.read(form), form.toString());
      assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
      assertTrue(e.getMessage().contains(field), e.getMessage());
    }
  }

  @Test
  void aMalformedOperationFailsItsBlock() {
    JsonNode block = null;
    for (JsonNode candidate : Fixtures.json("block_api/get_block_range/milion.json").get("blocks")) {
      if (candidate.toString().contains("feed_publish_operation")) {
        block = candidate.deepCopy();
        break;
      }
    }
    BlockJson.read(block);
    for (JsonNode tx : block.get("transactions")) {
      for (JsonNode op : tx.get("operations")) {
        if (op.get("type").asText().equals("feed_publish_operation")) {
          ((ObjectNode) op.get("value")).remove("publisher");
        }
      }
    }
    JsonNode broken = block;
    HiveFormatException e = assertThrows(HiveFormatException.class, () -> BlockJson.read(broken));
    assertTrue(e.getMessage().contains("feed_publish") && e.getMessage().contains("publisher"), e.getMessage());
  }

  @Test
  void theConstructorChecksToo() {
    HiveFormatException missing = assertThrows(HiveFormatException.class, () -> new OtherOperation("vote", json("{}")));
    assertTrue(missing.getMessage().contains("vote") && missing.getMessage().contains("voter"), missing.getMessage());
    HiveFormatException typed = assertThrows(HiveFormatException.class,
        () -> new OtherOperation("transfer", json("{'from':'alice','to':'bob','amount':'1.000 HIVE','memo':''}")));
    assertTrue(typed.getMessage().contains("transfer"), typed.getMessage());
    new OtherOperation("producer_reward", json("{'producer':'NOT VALIDATED'}"));
    new OtherOperation("a_future_operation", json("[]"));
  }

  @Test
  void theBodyCannotBeChangedAfterTheCheck() {
    ObjectNode body = (ObjectNode) json("{'voter':'alice','author':'bob','permlink':'p','weight':1}");
    OtherOperation op = new OtherOperation("vote", body);
    body.remove("voter");
    ((ObjectNode) op.body()).remove("voter");
    assertEquals(List.of(AccountName.of("alice")), OperationEffects.of(op).posting());
    assertEquals("alice", op.body().get("voter").asText());
  }

  @Test
  void everyRecordedOperationClassifies() throws IOException {
    int nonVirtual = 0;
    try (Stream<Path> files = Files.walk(Fixtures.hive(""))) {
      // Not errors/: their data holds hived's own half-filled operation templates (a transfer from "").
      for (Path file : files.filter(p -> p.toString().endsWith(".json") && !p.toString().contains("/errors/")).toList()) {
        ArrayNode ops = Fixtures.MAPPER.createArrayNode();
        collect(Fixtures.MAPPER.readTree(file.toFile()), ops);
        for (JsonNode node : ops) {
          Operation op = OperationJson.read(node);
          OperationEffects effects = OperationEffects.of(op);
          if (OperationEffects.isNonVirtual(op.name())) {
            nonVirtual++;
            if (!op.name().equals("pow")) {
              assertTrue(!effects.owner().isEmpty() || !effects.active().isEmpty() || !effects.posting().isEmpty(),
                  file + ": " + node);
            }
          } else {
            assertEquals(OperationEffects.NONE, effects, node.toString());
          }
        }
      }
    }
    assertTrue(nonVirtual >= 200, "non-virtual operations recorded: " + nonVirtual);
  }

  /** Every operation in either form anywhere in a response (blocks, histories, errors' data). */
  private static void collect(JsonNode node, ArrayNode ops) {
    if (node.isObject() && node.path("type").asText().endsWith("_operation") && node.path("value").isObject()) {
      ops.add(node);
    } else if (isLegacyOperation(node)) {
      ops.add(node);
    }
    node.elements().forEachRemaining(child -> collect(child, ops));
  }

  private static boolean isLegacyOperation(JsonNode node) {
    if (!node.isArray() || node.size() != 2 || !node.get(0).isTextual() || !node.get(1).isObject()) {
      return false;
    }
    String name = node.get(0).asText();
    return OperationEffects.isNonVirtual(name)
        || List.of("fill_order", "producer_reward", "account_created", "effective_comment_vote").contains(name);
  }
}
