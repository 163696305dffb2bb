package io.hivesafe.state;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The hand-written canonical encoding of one kind of state value (DESIGN §3; docs/state.md, "State
 * schema"): the bytes the store keeps and the digest hashes. Each value starts with the format byte
 * {@value #FORMAT}, then its fields as the codec writes them; a value decodes only from exactly the
 * bytes its own encoding produces. No reflection and no library decides these bytes.
 */
public interface ValueCodec<T> {
  /** The first byte of every stored value: the encoding's format. */
  int FORMAT = 1;

  void write(ValueWriter out, T value);

  T read(ValueReader in);

  default byte[] encode(T value) {
    if (value == null) {
      throw new IllegalArgumentException("state values are never null; delete the key instead");
    }
    ValueWriter w = new ValueWriter();
    w.bytesOf(FORMAT);
    write(w, value);
    return w.toByteArray();
  }

  default T decode(byte[] bytes) {
    if (bytes.length == 0 || bytes[0] != FORMAT) {
      throw new IllegalStateException("stored value is not in format " + FORMAT + (bytes.length == 0 ? " (empty)"
          : " (first byte " + bytes[0] + ")"));
    }
    ValueReader r = new ValueReader(bytes, 1);
    T value = read(r);
    r.end();
    return value;
  }

  /** A codec from a writer and a reader. */
  static <T> ValueCodec<T> of(BiConsumer<ValueWriter, T> write, Function<ValueReader, T> read) {
    return new ValueCodec<>() {
      @Override
      public void write(ValueWriter out, T value) {
        write.accept(out, value);
      }

      @Override
      public T read(ValueReader in) {
        return read.apply(in);
      }
    };
  }

  /** A plain integer value (counters). */
  ValueCodec<Long> INT64 = of(ValueWriter::int64, ValueReader::int64);
  /** A plain text value. */
  ValueCodec<String> TEXT = of(ValueWriter::text, ValueReader::text);
}
