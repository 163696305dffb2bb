package io.hivesafe.ops;

import io.hivesafe.state.ValueCodec;
import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;

import io.hivesafe.hive.crypto.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The multisig transaction in flight (DESIGN §3.5): at most one at a time. Built at a tally from
 * state alone, so every node holds the same bytes ({@code unsignedHex}, HF26 packing), the same
 * {@code digest} (what signers sign, with the chain id) and the same {@code id}.
 *
 * @param seq the round number, named by the transaction's last operation ({@code ms_signed})
 * @param kind {@link #TRANSFER} or {@link #ROTATION}
 * @param payouts the queued payouts it pays, by sequence number (reserved until confirmed or expired)
 * @param requirements the authorities of the multisig account the transaction needs, as in force now:
 *     the active one for a transfer batch (transfers and the marker need active); the owner and the
 *     active one for a rotation (account_update with an owner needs owner; the marker needs active,
 *     and since HF28 an owner key no longer satisfies active)
 * @param signatures counted signatures, key (STM) → compact signature (hex), each key once
 * @param readyBlock the block every requirement was met in (0 while signing)
 * @param attempt broadcast attempts scheduled since ready: the shell picks the broadcaster from it
 * @param recastTask the chrono task of the next recast (0 when none)
 * @param isolated whether it holds one suspect payout in a round of its own
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
    List<Requirement> requirements,
    SortedMap<String, String> signatures,
    long readyBlock,
    long attempt,
    long recastTask,
    boolean isolated) {

  public static final String TRANSFER = "transfer";
  public static final String ROTATION = "rotation";
  public static final String OWNER = "owner";
  public static final String ACTIVE = "active";

  /** One authority the transaction must satisfy: its role and the authority as in force. */
  public record Requirement(String role, SignerAuthority authority) {}

  /**
   * The canonical encoding: the fields in declaration order; requirements as (role, authority);
   * signatures as (key, signature) pairs in key order.
   */
  public static final ValueCodec<MultisigTx> CODEC = ValueCodec.of(
      (w, v) -> w.int64(v.seq).text(v.kind).text(v.id).text(v.digest).text(v.unsignedHex).int64(v.builtBlock)
          .text(v.expiration).list(v.payouts, ValueWriter::int64)
          .list(v.requirements, (ww, q) -> ww.text(q.role()).then(q.authority(), SignerAuthority::write))
          .textMap(v.signatures)
          .int64(v.readyBlock).int64(v.attempt).int64(v.recastTask).bool(v.isolated),
      r -> new MultisigTx(r.int64(), r.text(), r.text(), r.text(), r.text(), r.int64(), r.text(), r.list(ValueReader::int64),
          r.list(rr -> new Requirement(rr.text(), SignerAuthority.read(rr))), r.textMap(), r.int64(), r.int64(),
          r.int64(), r.bool()));



  public MultisigTx {
    ValueChecks.oneOf("a round's kind", kind, TRANSFER, ROTATION);
    ValueChecks.nonNegative("a round", seq, builtBlock, readyBlock, attempt, recastTask);
    ValueChecks.hex("a round's id", id, 40);
    ValueChecks.hex("a round's digest", digest, 64);
    ValueChecks.hex("a round's bytes", unsignedHex, -1);
    payouts = List.copyOf(payouts);
    requirements = List.copyOf(requirements);
    signatures = Collections.unmodifiableSortedMap(new TreeMap<>(signatures));
  }

  public boolean ready() {
    return readyBlock > 0;
  }

  /** The authorities a round of {@code kind} needs under {@code auth}. */
  static List<Requirement> requirementsFor(String kind, MultisigAuthority auth) {
    return kind.equals(ROTATION)
        ? List.of(new Requirement(OWNER, auth.owner()), new Requirement(ACTIVE, auth.active()))
        : List.of(new Requirement(ACTIVE, auth.active()));
  }

  /** Every key whose signature counts: the key members of every requirement, sorted (STM order). */
  public TreeSet<String> signers() {
    TreeSet<String> all = new TreeSet<>();
    for (Requirement r : requirements) {
      all.addAll(r.authority().keyNames());
    }
    return all;
  }

  /** Whether the counted signatures meet every requirement. */
  public boolean met() {
    for (Requirement r : requirements) {
      if (!r.authority().metBy(signatures.keySet())) {
        return false;
      }
    }
    return true;
  }

  /** "weight/threshold" per requirement, for people: {@code active 3/4} or {@code owner 2/3, active 3/4}. */
  public String progress() {
    List<String> parts = new ArrayList<>();
    for (Requirement r : requirements) {
      parts.add(r.role() + " " + r.authority().signedWeight(signatures.keySet()) + "/" + r.authority().threshold());
    }
    return String.join(", ", parts);
  }

  /**
   * The keys whose signatures the broadcast carries: for each requirement, the keys hived's walk uses
   * (key members in hived's order, stopping at the threshold), together — so every signature is used
   * by some walk and none is redundant with or without HF28. In hived's order (the compressed key's
   * bytes, unsigned).
   */
  public List<String> broadcastKeys() {
    TreeMap<String, String> byBytes = new TreeMap<>();
    for (Requirement r : requirements) {
      for (String k : r.authority().walk(signatures.keySet())) {
        byBytes.put(PublicKey.fromString(k).toHex(), k);
      }
    }
    return List.copyOf(byBytes.values());
  }

  /**
   * The broadcast attempt this round is on, as the node, the API and the feed number it: 1 is the first
   * broadcast (by the first signer node), each recast the next ({@link #attempt()} counts from 0).
   */
  public long broadcastAttempt() {
    return attempt + 1;
  }

  MultisigTx withSignature(String key, String signatureHex) {
    TreeMap<String, String> more = new TreeMap<>(signatures);
    more.put(key, signatureHex);
    return new MultisigTx(seq, kind, id, digest, unsignedHex, builtBlock, expiration, payouts, requirements, more, readyBlock,
        attempt, recastTask, isolated);
  }

  MultisigTx readyAt(long block, long task) {
    return new MultisigTx(seq, kind, id, digest, unsignedHex, builtBlock, expiration, payouts, requirements, signatures, block,
        attempt, task, isolated);
  }

  MultisigTx recast(long task) {
    return new MultisigTx(seq, kind, id, digest, unsignedHex, builtBlock, expiration, payouts, requirements, signatures,
        readyBlock, attempt + 1, task, isolated);
  }

  /**
   * The round under the authority in force now: the requirements follow it, and only signatures by
   * keys that still count are kept (the digest does not depend on the authority, so they stay valid).
   * Whether it is still ready is the caller's question ({@link #met()}).
   */
  MultisigTx underAuthority(MultisigAuthority auth) {
    List<Requirement> now = requirementsFor(kind, auth);
    TreeSet<String> keys = new TreeSet<>();
    for (Requirement r : now) {
      keys.addAll(r.authority().keyNames());
    }
    TreeMap<String, String> kept = new TreeMap<>();
    for (Map.Entry<String, String> e : signatures.entrySet()) {
      if (keys.contains(e.getKey())) {
        kept.put(e.getKey(), e.getValue());
      }
    }
    return new MultisigTx(seq, kind, id, digest, unsignedHex, builtBlock, expiration, payouts, now, kept, readyBlock, attempt,
        recastTask, isolated);
  }

  /**
   * Back to signing: not ready, no recast scheduled. The attempt number moves on, so that when the round
   * is ready again its broadcast is a new attempt the shell has not made yet (a node that broadcast the
   * old attempt would otherwise wait a whole recast interval).
   */
  MultisigTx unready() {
    return new MultisigTx(seq, kind, id, digest, unsignedHex, builtBlock, expiration, payouts, requirements, signatures, 0,
        attempt + 1, 0, isolated);
  }
}
