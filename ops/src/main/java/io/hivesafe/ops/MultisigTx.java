package io.hivesafe.ops;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The multisig transaction in flight (DESIGN §3.5): at most one at a time. Built at a tally from
 * state alone, so every node holds the same bytes ({@code unsignedHex}, HF26 packing), the same
 * {@code digest} (what signers sign, with the chain id) and the same {@code id}.
 *
 * @param seq the round number, named by the transaction's last operation ({@code ms_signed})
 * @param kind {@link #TRANSFER} or {@link #ROTATION}
 * @param payouts the queued payouts it pays, by sequence number (reserved until confirmed or expired)
 * @param threshold the signer threshold of the authority it was built under
 * @param signers that authority's keys (STM form, sorted): the only keys whose signatures count
 * @param signatures counted signatures, key → compact signature (hex), each key once
 * @param readyBlock the block the threshold was reached in (0 while signing)
 * @param attempt broadcast attempts scheduled since ready: the shell picks the broadcaster from it
 * @param recastTask the chrono task of the next recast (0 when none)
 */
public record MultisigTx(
    long seq,
    String kind,
    String id,
    String digest,
    String unsignedHex,
    long builtBlock,
    String expiration,
    List<Long> payouts,
    long threshold,
    List<String> signers,
    SortedMap<String, String> signatures,
    long readyBlock,
    long attempt,
    long recastTask) {

  public static final String TRANSFER = "transfer";
  public static final String ROTATION = "rotation";

  public MultisigTx {
    payouts = List.copyOf(payouts);
    signers = List.copyOf(signers);
    signatures = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(signatures));
  }

  public boolean ready() {
    return readyBlock > 0;
  }

  MultisigTx withSignature(String key, String signatureHex) {
    TreeMap<String, String> more = new TreeMap<>(signatures);
    more.put(key, signatureHex);
    return new MultisigTx(seq, kind, id, digest, unsignedHex, builtBlock, expiration, payouts, threshold, signers, more,
        readyBlock, attempt, recastTask);
  }

  MultisigTx readyAt(long block, long task) {
    return new MultisigTx(seq, kind, id, digest, unsignedHex, builtBlock, expiration, payouts, threshold, signers,
        signatures, block, attempt, task);
  }

  MultisigTx recast(long task) {
    return new MultisigTx(seq, kind, id, digest, unsignedHex, builtBlock, expiration, payouts, threshold, signers,
        signatures, readyBlock, attempt + 1, task);
  }
}
