package io.hivesafe.testkit.traffic;

import io.hivesafe.devnet.Admission;
import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.devnet.ProducedBlock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Drives a {@link DevnetChain} in the process with a {@link TrafficGenerator}: one {@link #step()}
 * generates the transactions for the next block on the current head, broadcasts them and produces the
 * block. Counts what the devnet admitted and why it refused the rest.
 */
public final class DevnetTraffic {
  private final DevnetChain chain;
  private final TrafficGenerator generator;
  private final TreeMap<String, Long> refusals = new TreeMap<>();
  private long admitted;
  private long refused;
  private List<TrafficTransaction> last = List.of();

  public DevnetTraffic(DevnetChain chain, TrafficGenerator generator) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.generator = Objects.requireNonNull(generator, "generator");
  }

  /** Generates and broadcasts the next block's transactions, then produces the block. */
  public ProducedBlock step() {
    last = generator.nextBlock(ChainHead.of(chain.head()));
    for (TrafficTransaction tx : last) {
      Admission admission = chain.broadcast(tx.transaction());
      if (admission.isAccepted()) {
        admitted++;
      } else {
        refused++;
        String message = admission.message();
        refusals.merge(message.length() > 120 ? message.substring(0, 120) : message, 1L, Long::sum);
      }
    }
    return chain.produceBlock();
  }

  /** The transactions the last {@link #step()} broadcast. */
  public List<TrafficTransaction> lastTransactions() {
    return last;
  }

  public long admitted() {
    return admitted;
  }

  public long refused() {
    return refused;
  }

  /** The devnet's refusal messages (cut to 120 characters) and how often each came. */
  public Map<String, Long> refusals() {
    return new TreeMap<>(refusals);
  }

  public DevnetChain chain() {
    return chain;
  }

  public TrafficGenerator generator() {
    return generator;
  }
}
