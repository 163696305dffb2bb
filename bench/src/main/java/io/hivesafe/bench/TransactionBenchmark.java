package io.hivesafe.bench;

import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.protocol.WireFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Signing bytes, digest and id of two transactions a sidechain node builds:
 *
 * <ul>
 *   <li>{@code transfer}: one transfer with a memo, as a deposit or a payout;
 *   <li>{@code multisig}: a transfer out of the multisig account, a custom_json and an account_update
 *       rotating its active authority to 25 keys — the largest transaction the node signs.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
public class TransactionBenchmark {
  static final int MULTISIG_KEYS = 25;

  @Param({"transfer", "multisig"})
  public String shape;

  private Transaction transaction;

  @Setup(Level.Trial)
  public void prepare() {
    transaction = switch (shape) {
      case "transfer" -> transferTransaction();
      case "multisig" -> multisigTransaction();
      default -> throw new IllegalArgumentException("unknown shape '" + shape + "': expected transfer or multisig");
    };
    System.out.printf(
        "%n[bench] %s transaction: %d operations, %d signing bytes%n",
        shape, transaction.operations().size(), transaction.toBytes(WireFormat.MAINNET).length);
  }

  private static Transaction.Builder header() {
    return Transaction.builder()
        .refBlockNum(19_072)
        .refBlockPrefix(2_895_904_132L)
        .expiration(Instant.parse("2024-10-01T00:09:29Z"));
  }

  private static TransferOperation payout() {
    return new TransferOperation(
        AccountName.of("ragnarok-cc"),
        AccountName.of("alice-wonder"),
        Asset.parse("1234.567 HIVE"),
        "duat withdrawal 90012345:3 - payout for alice-wonder, thank you for using the bridge");
  }

  static Transaction transferTransaction() {
    return header().operation(payout()).build();
  }

  static Transaction multisigTransaction() {
    List<Authority.KeyWeight> keys = new ArrayList<>(MULTISIG_KEYS);
    for (int i = 0; i < MULTISIG_KEYS; i++) {
      keys.add(new Authority.KeyWeight(
          PrivateKey.fromPassword("ragnarok-cc", KeyRole.ACTIVE, "signer-" + i).publicKey(), 1));
    }
    Authority active = new Authority(MULTISIG_KEYS / 2 + 1, List.of(), keys);
    AccountUpdateOperation rotate = new AccountUpdateOperation(
        AccountName.of("ragnarok-cc"),
        Optional.empty(),
        Optional.of(active),
        Optional.empty(),
        Optional.of(PrivateKey.fromPassword("ragnarok-cc", KeyRole.MEMO, "memo").publicKey()),
        "{\"profile\":{\"name\":\"Ragnarok multisig\",\"about\":\"duat token bridge\"}}");
    CustomJsonOperation report = new CustomJsonOperation(
        List.of(AccountName.of("ragnarok-cc")),
        List.of(),
        "duat_report",
        "{\"block\":90012345,\"hash\":\"QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG\",\"sig\":[3,7,11]}");
    return header().operation(payout()).operation(report).operation(rotate).build();
  }

  @Benchmark
  public byte[] toBytes() {
    return transaction.toBytes(WireFormat.MAINNET);
  }

  /** What a signer computes before signing: the chain-prefixed digest and the transaction id. */
  @Benchmark
  public void digestAndId(Blackhole sink) {
    sink.consume(transaction.digest(ChainId.MAINNET, WireFormat.MAINNET));
    sink.consume(transaction.id(WireFormat.MAINNET));
  }
}
