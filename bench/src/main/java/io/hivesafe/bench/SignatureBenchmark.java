package io.hivesafe.bench;

import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.Hashes;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.crypto.SignatureScheme;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
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
 * Signatures and recoveries per second with {@link Secp256k1Signatures}.
 *
 * <p>Each invocation takes the next of {@value #DIGESTS} precomputed digests, so the number of
 * attempts {@code sign} needs to find an fc-canonical signature (about two on average) is the one a
 * node sees, not the fixed count of a single digest. The digests are SHA-256 of "digest-&lt;i&gt;".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
public class SignatureBenchmark {
  static final int DIGESTS = 1024;

  private final SignatureScheme scheme = new Secp256k1Signatures();
  private PrivateKey key;
  private byte[][] digests;
  private CompactSignature[] signatures;
  private int next;

  @Setup(Level.Trial)
  public void prepare() {
    key = PrivateKey.fromSeed("hivesafe-bench");
    digests = new byte[DIGESTS][];
    signatures = new CompactSignature[DIGESTS];
    PublicKey expected = key.publicKey();
    for (int i = 0; i < DIGESTS; i++) {
      digests[i] = Hashes.sha256(("digest-" + i).getBytes(StandardCharsets.UTF_8));
      signatures[i] = scheme.sign(key, digests[i]);
      if (!scheme.verify(signatures[i], digests[i], expected)) {
        throw new IllegalStateException("signature " + i + " does not recover to the signing key");
      }
    }
  }

  private int advance() {
    int i = next;
    next = (i + 1) & (DIGESTS - 1);
    return i;
  }

  @Benchmark
  public CompactSignature sign() {
    return scheme.sign(key, digests[advance()]);
  }

  @Benchmark
  public Optional<PublicKey> recover() {
    int i = advance();
    return scheme.recover(signatures[i], digests[i]);
  }
}
