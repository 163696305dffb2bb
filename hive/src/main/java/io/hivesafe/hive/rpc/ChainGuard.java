package io.hivesafe.hive.rpc;

import io.hivesafe.hive.protocol.ChainId;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The chain a client's answers must come from. A client with a guard asks each endpoint's chain id
 * (database_api.get_config) before it uses an answer of that endpoint: before its first use, after any
 * failed attempt there, after a new connection to it was opened (a server swapped in on the same
 * address), and again once {@code recheckEvery} has passed. An endpoint that serves another chain id
 * fails the call with {@link WrongChainException} (no other endpoint is tried) and is told to
 * {@code onWrongChain}, on the calling thread; an endpoint whose chain id cannot be read is treated as
 * one that did not answer.
 */
public record ChainGuard(ChainId chainId, Duration recheckEvery, Consumer<WrongChainException> onWrongChain) {
  public ChainGuard {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(recheckEvery, "recheckEvery");
    Objects.requireNonNull(onWrongChain, "onWrongChain");
    if (recheckEvery.isNegative() || recheckEvery.isZero()) {
      throw new IllegalArgumentException("ChainGuard.recheckEvery must be positive, got " + recheckEvery);
    }
  }
}
