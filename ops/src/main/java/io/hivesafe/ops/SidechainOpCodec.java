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

  /** How an operation is read from its JSON. */
  interface Reader<T> {
    T read(OpArgs in) throws OpRejected;
  }

  /** How an operation's fields are written. */
  interface Writer<T> {
    void write(JsonGenerator out, T op) throws IOException;
  }

  /** A codec from the operation's fields, its reader and its writer. */
  static <T extends SidechainOp> SidechainOpCodec<T> of(Set<String> fields, Reader<T> reader, Writer<T> writer) {
    Set<String> allowed = Set.copyOf(fields);
    return new SidechainOpCodec<>() {
      @Override
      public Set<String> fields() {
        return allowed;
      }

      @Override
      public T read(OpArgs in) throws OpRejected {
        return reader.read(in);
      }

      @Override
      public void write(JsonGenerator out, T op) throws IOException {
        writer.write(out, op);
      }
    };
  }
}
