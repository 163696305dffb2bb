package io.hivesafe.ops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one table of sidechain operations: name → codec, as {@code OperationCodec} is for Hive's. Reading
 * the stream and building the node's own operations both go through it.
 */
public final class SidechainOps {
  private static final JsonFactory JSON = new JsonFactory();
  private static final List<String> NAMES = List.of("send", "gov_lock", "gov_unlock", "node_add", "report", "withdraw", "propose",
      "approve", "sig_submit", "ms_signed");
  private static final Map<String, SidechainOpCodec<? extends SidechainOp>> CODECS = table();

  private SidechainOps() {}

  private static Map<String, SidechainOpCodec<? extends SidechainOp>> table() {
    TreeMap<String, SidechainOpCodec<? extends SidechainOp>> t = new TreeMap<>();
    t.put("send", SendOp.CODEC);
    t.put("gov_lock", GovLockOp.CODEC);
    t.put("gov_unlock", GovUnlockOp.CODEC);
    t.put("node_add", NodeAddOp.CODEC);
    t.put("report", ReportOp.CODEC);
    t.put("withdraw", WithdrawOp.CODEC);
    t.put("propose", ProposeOp.CODEC);
    t.put("approve", ApproveOp.CODEC);
    t.put("sig_submit", SigSubmitOp.CODEC);
    t.put(MultisigBuilder.MS_SIGNED, MsSignedOp.CODEC);
    if (!t.keySet().equals(new java.util.TreeSet<>(NAMES))) {
      throw new IllegalStateException("the operation table and its list of names differ");
    }
    return java.util.Collections.unmodifiableMap(t);
  }

  /** The operations' names, in the order the protocol lists them (docs/protocol.md). */
  public static List<String> names() {
    return NAMES;
  }

  public static boolean known(String name) {
    return CODECS.containsKey(name);
  }

  /** Reads operation {@code name} from its JSON: the operation, or the reason it is not one. */
  static SidechainOp read(String name, String json) throws OpRejected {
    SidechainOpCodec<? extends SidechainOp> codec = CODECS.get(name);
    if (codec == null) {
      throw new OpRejected(ReasonCode.UNKNOWN_OPERATION, name);
    }
    return codec.read(OpArgs.parse(json, codec.fields()));
  }

  /** The custom_json body of {@code op}: its fields in its codec's order. */
  public static String json(SidechainOp op) {
    StringWriter out = new StringWriter();
    // No try-with-resources: it compiles to a catch of Throwable (the core catches no catch-all), and a
    // generator over a StringWriter holds nothing to release if writing fails.
    try {
      JsonGenerator g = JSON.createGenerator(out);
      g.writeStartObject();
      write(g, op);
      g.writeEndObject();
      g.close();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string cannot fail", e);
    }
    return out.toString();
  }

  /** {@code op} as the custom_json {@code sender} signs with its active authority. */
  public static CustomJsonOperation operation(NetworkGenesis genesis, AccountName sender, SidechainOp op) {
    return new CustomJsonOperation(List.of(sender), List.of(), genesis.opId(op.name()), json(op));
  }

  @SuppressWarnings("unchecked")
  private static <T extends SidechainOp> void write(JsonGenerator g, T op) throws IOException {
    SidechainOpCodec<T> codec = (SidechainOpCodec<T>) CODECS.get(op.name());
    codec.write(g, op);
  }
}
