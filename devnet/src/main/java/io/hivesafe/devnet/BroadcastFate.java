package io.hivesafe.devnet;

/**
 * Whether an accepted broadcast is kept (goes into a block) or dropped: answered as accepted, then lost,
 * like a transaction an API node took and never relayed. Asked once per broadcast call; an
 * endpoint's fault plan decides.
 */
@FunctionalInterface
public interface BroadcastFate {
  BroadcastFate KEEP = () -> true;

  boolean keep();
}
