package io.hivesafe.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Set;

/**
 * The JSON of one sidechain operation: read strictly ({@link OpArgs}: an object with only the
 * operation's fields, integers as JSON integers in range, bounded text), every refusal a reason code;
 * written field by field in a fixed order through Jackson's streaming generator (no reflection, no
 * string concatenation).
 */
interface SidechainOpCodec<T extends SidechainOp> {
  /** The fields the operation's JSON may hold. */
  Set<String> fields();

  /** Reads the operation from its parsed JSON; form checks only (no state). */
  T read(OpArgs in) throws OpRejected;

  /** Writes the operation's JSON object. */
  void write(JsonGenerator out, T op) throws IOException;
}
