package io.hivesafe.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code report} {"block", "hash", "ms": {"ref_block_num", "ref_block_prefix", "expiration"}, "version"}:
 * a node's state digest after report block {@code block} and its proposed multisig header. The form is
 * checked here; which block is the current report block, and whether the sender may report, are the
 * handler's questions.
 */
public record ReportOp(long block, String hash, long refBlockNum, long refBlockPrefix, String expiration, String version)
    implements SidechainOp {
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
  private static final Set<String> MS_FIELDS = Set.of("ref_block_num", "ref_block_prefix", "expiration");

  public ReportOp {
    if (block < 0 || block > 0xffff_ffffL || refBlockNum < 0 || refBlockNum > 0xffff || refBlockPrefix < 0
        || refBlockPrefix > 0xffff_ffffL || !HASH.matcher(hash).matches() || !TIME.matcher(expiration).matches()
        || version.length() > 32) {
      throw new IllegalArgumentException("not a report's form: block " + block + ", hash " + hash + ", ref " + refBlockNum + "/"
          + refBlockPrefix + ", expiration " + expiration);
    }
  }

  @Override
  public String name() {
    return "report";
  }

  /** Parses Hive's UTC time form {@code YYYY-MM-DDTHH:MM:SS}. */
  static Instant parseTime(String text, String field) throws OpRejected {
    if (!TIME.matcher(text).matches()) {
      throw new OpRejected(ReasonCode.FIELD_NOT_TIME_FORM, field);
    }
    try {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new OpRejected(ReasonCode.FIELD_NOT_TIME, field);
    }
  }

  static final SidechainOpCodec<ReportOp> CODEC = SidechainOpCodec.of(Set.of("block", "hash", "ms", "version"),
      in -> {
        long block = in.integer("block", 0, 0xffff_ffffL);
        String hash = in.text("hash", 64);
        if (!HASH.matcher(hash).matches()) {
          throw new OpRejected(ReasonCode.FIELD_NOT_HASH, "hash");
        }
        OpArgs ms = in.object("ms");
        ms.only(MS_FIELDS, "ms");
        long refNum = ms.integer("ref_block_num", 0, 0xffff);
        long refPrefix = ms.integer("ref_block_prefix", 0, 0xffff_ffffL);
        String expiration = ms.text("expiration", 19);
        parseTime(expiration, "ms.expiration");
        return new ReportOp(block, hash, refNum, refPrefix, expiration, in.text("version", 32));
      },
      (out, op) -> {
        out.writeNumberField("block", op.block);
        out.writeStringField("hash", op.hash);
        out.writeObjectFieldStart("ms");
        out.writeNumberField("ref_block_num", op.refBlockNum);
        out.writeNumberField("ref_block_prefix", op.refBlockPrefix);
        out.writeStringField("expiration", op.expiration);
        out.writeEndObject();
        out.writeStringField("version", op.version);
      });
}
