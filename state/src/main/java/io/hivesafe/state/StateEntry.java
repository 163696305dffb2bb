package io.hivesafe.state;

import java.util.Arrays;

/** One stored entry: a key and the canonical bytes of its value. */
public record StateEntry(StateKey key, byte[] value) {
  public StateEntry {
    if (key == null || value == null) {
      throw new IllegalArgumentException("state entry needs a key and a value");
    }
  }

  public <T> T value(ValueCodec<T> codec) {
    return codec.decode(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateEntry e && e.key.equals(key) && Arrays.equals(e.value, value);
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return key + "=" + java.util.HexFormat.of().formatHex(value);
  }
}
