package io.hivesafe.bench;

import io.hivesafe.hive.crypto.Hashes;
import io.hivesafe.state.digest.MuHash3072;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link MuHash3072}, the state digest: what one write costs and what the digest at the end of a block costs.
 *
 * <ul>
 *   <li>{@code insert}, {@code remove}: one 100-byte element (SHA-256, 384 bytes of ChaCha20, one
 *       3072-bit multiplication and reduction), taking the next of {@value #ELEMENTS} precomputed elements;
 *   <li>{@code digestAfter1000Inserts}: digest of 1000 inserts — denominator 1, so no inverse;
 *   <li>{@code digestAfter1000InsertsAnd1000Removes}: digest with a denominator to divide out: one
 *       modular inverse, one multiplication, SHA-256 of 384 bytes.
 * </ul>
 *
 * <p>{@code digest()} normalizes the accumulator, so the digest benchmarks take a fresh, not yet
 * normalized copy per invocation (set up outside the measured time).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
public class MuHashBenchmark {
  static final int ELEMENTS = 1024;
  static final int ELEMENT_BYTES = 100;
  static final int WRITES = 1000;

  private byte[][] elements;
  private int next;
  private MuHash3072 accumulator;

  /** Element i: the first 100 bytes of SHA-256("element-i-0") || SHA-256("element-i-1") || ... */
  static byte[][] elements() {
    byte[][] out = new byte[ELEMENTS][ELEMENT_BYTES];
    for (int i = 0; i < ELEMENTS; i++) {
      for (int block = 0; block * 32 < ELEMENT_BYTES; block++) {
        byte[] hash = Hashes.sha256(("element-" + i + "-" + block).getBytes(StandardCharsets.UTF_8));
        System.arraycopy(hash, 0, out[i], block * 32, Math.min(32, ELEMENT_BYTES - block * 32));
      }
    }
    return out;
  }

  @Setup(Level.Trial)
  public void prepare() {
    elements = elements();
    accumulator = MuHash3072.empty();
  }

  private int advance() {
    int i = next;
    next = (i + 1) & (ELEMENTS - 1);
    return i;
  }

  @Benchmark
  public MuHash3072 insert() {
    accumulator.insert(elements[advance()]);
    return accumulator;
  }

  @Benchmark
  public MuHash3072 remove() {
    accumulator.remove(elements[advance()]);
    return accumulator;
  }

  /** Two accumulators of {@value #WRITES} writes each, copied afresh before every digest call. */
  @State(Scope.Thread)
  public static class Unnormalized {
    private MuHash3072 insertsOnly;
    private MuHash3072 insertsAndRemoves;
    MuHash3072 insertsOnlyCopy;
    MuHash3072 insertsAndRemovesCopy;

    @Setup(Level.Trial)
    public void prepare() {
      byte[][] elements = elements();
      insertsOnly = MuHash3072.empty();
      insertsAndRemoves = MuHash3072.empty();
      for (int i = 0; i < WRITES; i++) {
        insertsOnly.insert(elements[i]);
        insertsAndRemoves.insert(elements[i]);
        insertsAndRemoves.remove(elements[(i + 1) % ELEMENTS]);
      }
    }

    @Setup(Level.Invocation)
    public void copy() {
      insertsOnlyCopy = MuHash3072.empty();
      insertsOnlyCopy.combine(insertsOnly);
      insertsAndRemovesCopy = MuHash3072.empty();
      insertsAndRemovesCopy.combine(insertsAndRemoves);
    }
  }

  @Benchmark
  public byte[] digestAfter1000Inserts(Unnormalized state) {
    return state.insertsOnlyCopy.digest();
  }

  @Benchmark
  public byte[] digestAfter1000InsertsAnd1000Removes(Unnormalized state) {
    return state.insertsAndRemovesCopy.digest();
  }
}
