package io.hivesafe.devnet;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running devnet: one {@link DevnetChain}, its JSON-RPC endpoints, and a block producer — one daemon
 * thread that produces a block every block interval unless production is paused. With an interval of
 * {@link Duration#ZERO} there is no producer and blocks come only from {@link #step}. Endpoint 0 is
 * created with the devnet, without faults; {@link #addEndpoint} adds more on free ports, serving the
 * same chain. Every endpoint also serves the devnet's controls, {@link DevnetAdmin} ({@code devnet_admin.*}).
 * {@link #close()} stops the producer and every endpoint and waits for their threads.
 *
 * <p>Chain time does not follow the wall clock: block n is stamped genesis time + 3 s × n however fast
 * blocks are produced. Prints nothing.
 */
public final class Devnet implements AutoCloseable {
  private final DevnetChain chain;
  private final DevnetApi api;
  private final DevnetAdmin admin;
  private final Duration blockInterval;
  private final List<JsonRpcServer> endpoints = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService producer;
  private final ScheduledFuture<?> production;
  /** Held while the producer makes a block, so that {@link #pauseProduction()} returns only between blocks. */
  private final Object productionLock = new Object();
  private final AtomicLong ticks = new AtomicLong();
  private volatile boolean paused;
  private volatile RuntimeException productionFailure;
  private boolean closed;

  private Devnet(DevnetConfig config, Duration blockInterval) {
    this.chain = new DevnetChain(config);
    this.api = new DevnetApi(chain);
    this.blockInterval = blockInterval;
    this.admin = new DevnetAdmin(this);
    if (blockInterval.isZero()) {
      this.producer = null;
      this.production = null;
    } else {
      this.producer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "devnet-block-producer");
        thread.setDaemon(true);
        return thread;
      });
      long nanos = blockInterval.toNanos();
      this.production = producer.scheduleAtFixedRate(this::tick, nanos, nanos, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Starts a devnet on {@code config} with endpoint 0 listening on 127.0.0.1:{@code port} (0 for a free
   * port), producing a block every {@code blockInterval} ({@link Duration#ZERO}: only when stepped).
   *
   * @throws IOException when the port cannot be bound
   */
  public static Devnet start(DevnetConfig config, Duration blockInterval, int port) throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(blockInterval, "blockInterval");
    if (blockInterval.isNegative() || (!blockInterval.isZero() && blockInterval.toMillis() < 1)) {
      throw new IllegalArgumentException("block interval must be zero (stepped) or at least 1 ms, got " + blockInterval);
    }
    JsonRpcServer first = null;
    Devnet devnet = new Devnet(config, blockInterval);
    try {
      first = new JsonRpcServer(devnet.api, devnet.admin, port, FaultPlan.NONE);
      first.start();
      devnet.endpoints.add(first);
      return devnet;
    } catch (IOException | RuntimeException e) {
      if (first != null) {
        first.close();
      }
      devnet.close();
      throw e;
    }
  }

  private void tick() {
    synchronized (productionLock) {
      ticks.incrementAndGet();
      if (!paused) {
        try {
          chain.produceBlock();
        } catch (RuntimeException bug) {
          // A bug (in the chain or a block listener) stops production for good, visibly: a scheduled
          // task that throws would otherwise be cancelled without a trace.
          productionFailure = bug;
          paused = true;
          production.cancel(false);
        }
      }
    }
  }

  /** What stopped the block producer, if a bug did; production is then over for this devnet. */
  public Optional<RuntimeException> productionFailure() {
    return Optional.ofNullable(productionFailure);
  }

  public DevnetChain chain() {
    return chain;
  }

  public DevnetApi api() {
    return api;
  }

  /** The {@code devnet_admin} namespace every endpoint serves beside hived's APIs. */
  public DevnetAdmin admin() {
    return admin;
  }

  public Duration blockInterval() {
    return blockInterval;
  }

  /** Endpoint {@code index}: 0 is the first, then in the order added. */
  public JsonRpcServer endpoint(int index) {
    return endpoints.get(index);
  }

  /** {@code http://127.0.0.1:PORT} of endpoint {@code index}. */
  public URI url(int index) {
    return endpoint(index).url();
  }

  public List<JsonRpcServer> endpoints() {
    return List.copyOf(endpoints);
  }

  /** Another endpoint on a free port, serving the same chain with {@code faults}; already listening. */
  public synchronized JsonRpcServer addEndpoint(FaultPlan faults) throws IOException {
    if (closed) {
      throw new IllegalStateException("the devnet is closed");
    }
    JsonRpcServer endpoint = new JsonRpcServer(api, admin, 0, faults);
    try {
      endpoint.start();
    } catch (IOException e) {
      endpoint.close();
      throw e;
    }
    endpoints.add(endpoint);
    return endpoint;
  }

  /** Stops timed production; when this returns no timed block is being made, and none will be until resumed. */
  public void pauseProduction() {
    synchronized (productionLock) {
      paused = true;
    }
  }

  /** Resumes timed production (not after a {@link #productionFailure()}: that ends it). */
  public void resumeProduction() {
    if (productionFailure == null) {
      paused = false;
    }
  }

  public boolean isProductionPaused() {
    return paused;
  }

  /** Produces {@code count} blocks now, paused or not, and returns them. */
  public List<ProducedBlock> step(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, got " + count);
    }
    List<ProducedBlock> produced = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      produced.add(chain.produceBlock());
    }
    return produced;
  }

  /** How many times the producer has fired, including while paused (for tests). */
  long ticks() {
    return ticks.get();
  }

  /**
   * Stops the producer and every endpoint and waits for their threads. Idempotent.
   *
   * @throws IllegalStateException when block production had failed (a bug in the chain), with its cause
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    Throwable productionFailure = null;
    if (producer != null) {
      productionFailure = failureOf(production);
      producer.shutdownNow();
      try {
        producer.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    endpoints.forEach(JsonRpcServer::close);
    if (productionFailure != null) {
      throw new IllegalStateException("devnet block production failed", productionFailure);
    }
  }

  /** The exception that ended a periodic task (which then stops silently), or null while it runs. */
  private static Throwable failureOf(ScheduledFuture<?> task) {
    if (!task.isDone()) {
      return null;
    }
    try {
      task.get();
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (CancellationException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
