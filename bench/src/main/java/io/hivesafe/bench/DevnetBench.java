package io.hivesafe.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hivesafe.devnet.Admission;
import io.hivesafe.devnet.Devnet;
import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.devnet.DevnetConfig;
import io.hivesafe.devnet.Genesis;
import io.hivesafe.devnet.GenesisAccount;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetPacking;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.protocol.WireFormat;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The devnet's speed: broadcasts validated per second (in the process, and over HTTP with the project's
 * own client) and the latency of block_api.get_block_range(1000). Run by {@code scripts/bench/devnet}.
 *
 * <p>A plain main class: a run is a batch of thousands of distinct transactions that change the chain
 * (each is accepted once, then a duplicate), which JMH's repeated invocations of one stateless method do
 * not model. Each batch runs on a fresh chain after a warm-up batch; batches are repeated and reported
 * as min/median/max. Only the broadcast calls are timed (block production between them is not).
 */
public final class DevnetBench {
  static final int USERS = 50;
  static final ChainId CHAIN = ChainId.TESTNET;

  private final int batch;
  private final int repeats;
  private final Map<String, Object> json = new LinkedHashMap<>();
  private final SignatureScheme scheme = new Secp256k1Signatures();
  private final List<PrivateKey> userKeys = new ArrayList<>();
  private final List<PrivateKey> multisigKeys = new ArrayList<>();

  private DevnetBench(int batch, int repeats) {
    this.batch = batch;
    this.repeats = repeats;
    for (int i = 0; i < USERS; i++) {
      userKeys.add(PrivateKey.fromSeed("bench-user-" + i));
    }
    for (int i = 0; i < 3; i++) {
      multisigKeys.add(PrivateKey.fromSeed("bench-multisig-" + i));
    }
  }

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Path out = Path.of("bench/target/bench-devnet.json");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: DevnetBench [--quick] [--out FILE]");
      }
    }
    DevnetBench bench = quick ? new DevnetBench(200, 2) : new DevnetBench(3_000, 5);
    bench.json.put("setup", Map.of("batch", bench.batch, "repeats", bench.repeats, "cores", Runtime.getRuntime().availableProcessors(),
        "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")));
    bench.inProcess();
    bench.overHttp();
    bench.blockRange();
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), bench.json);
    System.out.println("results: " + out);
  }

  private Genesis genesis() {
    List<GenesisAccount> accounts = new ArrayList<>(Genesis.testnet().accounts());
    Asset hive = Asset.of(1_000_000_000L, AssetSymbol.HIVE);
    Asset hbd = Asset.of(0, AssetSymbol.HBD);
    for (int i = 0; i < USERS; i++) {
      var key = userKeys.get(i).publicKey();
      accounts.add(GenesisAccount.singleKeys(user(i), key, key, key, key, hive, hbd));
    }
    Authority twoOfThree = new Authority(2, List.of(),
        multisigKeys.stream().map(k -> new Authority.KeyWeight(k.publicKey(), 1)).toList());
    var init = Genesis.INIT_KEY.publicKey();
    accounts.add(new GenesisAccount(AccountName.of("multisig"), twoOfThree, twoOfThree, twoOfThree, init, hive, hbd));
    return new Genesis(CHAIN, Genesis.DEFAULT_GENESIS_TIME, accounts);
  }

  private static AccountName user(int i) {
    return AccountName.of("user" + i);
  }

  enum Kind {
    ONE_SIGNATURE_HF26("transfer, 1 signature, HF26 packing"),
    ONE_SIGNATURE_LEGACY("transfer, 1 signature, legacy packing (checked twice: HF26 fails first)"),
    TWO_OF_THREE_HF26("transfer from a 2-of-3 account, 2 signatures, HF26 packing");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** {@code count} distinct signed transfers of {@code kind}, anchored on {@code head}. */
  private List<Transaction> transactions(Kind kind, int count, BlockId head, Instant headTime) {
    return transactions(kind, count, head, headTime, "bench");
  }

  /** As above, with {@code memo} before each transaction's number (so that batches never share an id). */
  private List<Transaction> transactions(Kind kind, int count, BlockId head, Instant headTime, String memo) {
    WireFormat hf26 = new WireFormat(AssetPacking.HF26, WireFormat.TESTNET.names());
    List<Transaction> txs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int from = i % USERS;
      AccountName sender = kind == Kind.TWO_OF_THREE_HF26 ? AccountName.of("multisig") : user(from);
      Transaction tx = Transaction.builder().referenceBlock(head).expiration(headTime.plusSeconds(3_000))
          .operation(new TransferOperation(sender, user((from + 1) % USERS), Asset.of(1, AssetSymbol.HIVE), memo + " " + i))
          .build();
      WireFormat packing = kind == Kind.ONE_SIGNATURE_LEGACY ? WireFormat.TESTNET : hf26;
      byte[] digest = tx.digest(CHAIN, packing);
      List<CompactSignature> sigs = kind == Kind.TWO_OF_THREE_HF26
          ? List.of(scheme.sign(multisigKeys.get(0), digest), scheme.sign(multisigKeys.get(1), digest))
          : List.of(scheme.sign(userKeys.get(from), digest));
      txs.add(tx.withSignatures(sigs));
    }
    return txs;
  }

  private void inProcess() {
    Map<String, Object> results = new LinkedHashMap<>();
    System.out.printf("%nbroadcasts validated per second, in the process (DevnetChain.broadcast), batches of %d:%n", batch);
    for (Kind kind : Kind.values()) {
      runInProcess(kind); // warm-up
      double[] rates = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        rates[r] = runInProcess(kind);
      }
      results.put(kind.name(), stats(rates));
      System.out.printf("  %-75s %s%n", kind.label, format(rates, "/s"));
    }
    json.put("inProcessBroadcastsPerSecond", results);
  }

  private double runInProcess(Kind kind) {
    DevnetChain chain = new DevnetChain(DevnetConfig.of(genesis()));
    List<Transaction> txs = transactions(kind, batch, chain.head().id(), chain.headTime());
    long nanos = 0;
    for (int i = 0; i < txs.size(); i++) {
      long start = System.nanoTime();
      Admission admission = chain.broadcast(txs.get(i));
      nanos += System.nanoTime() - start;
      if (!admission.isAccepted()) {
        throw new IllegalStateException("benchmark transaction " + i + " refused: " + admission);
      }
      if (i % 200 == 199) {
        chain.produceBlock();
      }
    }
    return txs.size() / (nanos / 1e9);
  }

  private void overHttp() throws Exception {
    Map<String, Object> results = new LinkedHashMap<>();
    System.out.printf("%nbroadcasts per second over HTTP (HiveRpcClient.broadcastTransaction -> network_broadcast_api), batches of %d:%n", batch);
    for (int threads : new int[] {1, 4}) {
      runOverHttp(threads);
      double[] rates = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        rates[r] = runOverHttp(threads);
      }
      results.put(threads + "-client-threads", stats(rates));
      System.out.printf("  %-75s %s%n", "transfer, 1 signature, HF26 JSON, " + threads + " client thread(s)", format(rates, "/s"));
    }
    json.put("httpBroadcastsPerSecond", results);
  }

  private double runOverHttp(int threads) throws Exception {
    try (Devnet devnet = Devnet.start(DevnetConfig.of(genesis()), Duration.ZERO, 0)) {
      DevnetChain chain = devnet.chain();
      List<Transaction> txs = transactions(Kind.ONE_SIGNATURE_HF26, batch, chain.head().id(), chain.headTime());
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<HiveRpcClient> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          clients.add(new HiveRpcClient(RpcConfig.withEndpoints(List.of(devnet.url(0)))));
        }
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          work.add(pool.submit(() -> {
            for (int i = thread; i < txs.size(); i += threads) {
              clients.get(thread).broadcastTransaction(txs.get(i));
            }
            return null;
          }));
        }
        for (Future<?> f : work) {
          f.get();
        }
        long nanos = System.nanoTime() - start;
        clients.forEach(HiveRpcClient::close);
        if (chain.pendingCount() != txs.size()) {
          throw new IllegalStateException("expected " + txs.size() + " pending, found " + chain.pendingCount());
        }
        return txs.size() / (nanos / 1e9);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private void blockRange() throws Exception {
    Map<String, Object> results = new LinkedHashMap<>();
    System.out.printf("%nblock_api.get_block_range(1000) latency (raw HTTP POST, whole response read):%n");
    for (int perBlock : new int[] {0, 5}) {
      try (Devnet devnet = Devnet.start(DevnetConfig.of(genesis()), Duration.ZERO, 0)) {
        DevnetChain chain = devnet.chain();
        for (int b = 0; b < 1_000; b++) {
          if (perBlock > 0) {
            for (Transaction tx : transactions(Kind.ONE_SIGNATURE_HF26, perBlock, chain.head().id(), chain.headTime(),
                "block " + chain.headBlockNumber())) {
              Admission admission = chain.broadcast(tx);
              if (!admission.isAccepted()) {
                throw new IllegalStateException("block-range fill transaction refused: " + admission);
              }
            }
          }
          chain.produceBlock();
        }
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"block_api.get_block_range\",\"params\":{\"starting_block_num\":2,\"count\":1000}}";
        HttpRequest request = HttpRequest.newBuilder(devnet.url(0)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long coldStart = System.nanoTime();
        byte[] first = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
        double cold = (System.nanoTime() - coldStart) / 1e6;
        for (int w = 0; w < 5; w++) {
          http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        int reps = repeats * 4;
        double[] millis = new double[reps];
        for (int r = 0; r < reps; r++) {
          long start = System.nanoTime();
          http.send(request, HttpResponse.BodyHandlers.ofByteArray());
          millis[r] = (System.nanoTime() - start) / 1e6;
        }
        HiveRpcClient client = new HiveRpcClient(RpcConfig.withEndpoints(List.of(devnet.url(0))));
        double[] parsed = new double[reps];
        for (int r = 0; r < reps + 5; r++) {
          long start = System.nanoTime();
          int n = client.getBlockRange(2, 1_000).size();
          if (n != 1_000) {
            throw new IllegalStateException("got " + n + " blocks");
          }
          if (r >= 5) {
            parsed[r - 5] = (System.nanoTime() - start) / 1e6;
          }
        }
        client.close();
        String label = perBlock == 0 ? "empty blocks" : perBlock + " transfers per block";
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("responseBytes", first.length);
        row.put("firstRequestMillis", cold);
        row.put("rawMillis", stats(millis));
        row.put("hiveRpcClientMillis", stats(parsed));
        results.put(label, row);
        System.out.printf("  %-24s %,9d bytes  first %7.1f ms (signs 1,000 headers)  then %s  with HiveRpcClient parsing %s%n",
            label, first.length, cold, format(millis, " ms"), format(parsed, " ms"));
      }
    }
    json.put("getBlockRange1000", results);
  }

  private static Map<String, Object> stats(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return Map.of("min", sorted[0], "median", sorted[sorted.length / 2], "max", sorted[sorted.length - 1]);
  }

  private static String format(double[] values, String unit) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return String.format("min %,.1f / median %,.1f / max %,.1f%s", sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1], unit);
  }
}
