package io.hivesafe.devnet;

import io.hivesafe.hive.authority.AuthorityCheck;
import io.hivesafe.hive.authority.AuthorityVerifier;
import io.hivesafe.hive.authority.SignatureRules;
import io.hivesafe.hive.codec.TransactionCodec;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.HiveLimits;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.ResourcePayer;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransactionId;
import io.hivesafe.hive.protocol.WireFormat;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One attempt at a broadcast in one packing, checked as hived's database does it (libraries/chain/database.cpp
 * push_transaction, _push_transaction, _apply_transaction, validate_transaction), in this order, stopping
 * at the first failure:
 *
 * <ol>
 *   <li>size: the signed transaction at most maximum_block_size − 256 bytes;
 *   <li>duplicate: its id not among the ids known until their expiration;
 *   <li>custom operations: at most 5 per account in the block being built (node policy);
 *   <li>expiration: not beyond the hardfork's limit ahead of head time, and not expired;
 *   <li>TaPoS: ref_block_prefix matches the block that last had ref_block_num's low 16 bits;
 *   <li>the transaction's validate(): at least one operation, each operation's validate();
 *   <li>signatures and authorities ({@link AuthorityVerifier});
 *   <li>each operation's evaluator, all or nothing;
 *   <li>resource credits, last, as hived's rc plugin charges them after the evaluators
 *       (rc_utility.cpp {@code finalize_transaction}): the payer ({@link ResourcePayer}) must hold the
 *       transaction's cost ({@link RcCosts}) at head time, or the whole transaction is undone and refused.
 * </ol>
 *
 * An accepted transaction that is kept changes the state at once, is remembered until its expiration and
 * waits in the {@link PendingPool}. Not thread-safe; {@link DevnetChain} serialises access.
 */
final class BroadcastCheck {
  private final DevnetConfig config;
  private final ChainState state;
  private final BlockLog blocks;
  private final PendingPool pending;
  private final RcPools rc;
  private final OperationRules operations;
  private final AuthorityVerifier verifier;
  private final SignatureScheme scheme;

  BroadcastCheck(DevnetConfig config, ChainState state, BlockLog blocks, PendingPool pending, RcPools rc, SignatureScheme scheme) {
    this.config = config;
    this.state = state;
    this.blocks = blocks;
    this.pending = pending;
    this.rc = rc;
    this.scheme = scheme;
    this.verifier = new AuthorityVerifier(config.rules());
    this.operations = new OperationRules(config.symbols());
  }

  /**
   * Checks {@code tx} with its ids and digests in {@code packing} at head time {@code now}; when
   * {@code keep} is false an accepted transaction leaves no trace.
   */
  Admission attempt(Transaction tx, WireFormat packing, boolean keep, Instant now) {
    byte[] signedBytes = TransactionCodec.writeSigned(tx, packing);
    long limit = HiveLimits.maxTransactionSize(config.maximumBlockSize());
    if (signedBytes.length > limit) {
      return Admission.refused(HivedError.assertion("trx_size <= trx_size_limit", "Transaction too large - size = ${trx_size}, limit ${trx_size_limit}",
          Map.of("trx_size", Integer.toString(signedBytes.length), "trx_size_limit", Long.toString(limit)), "database.cpp", 565, "push_transaction"));
    }
    TransactionId id = tx.id(packing);
    if (state.isKnown(id)) {
      return Admission.refused(HivedError.assertion("!is_known_transaction( trx_id )", "Duplicate transaction check failed",
          Map.of("trx_id", id.toHex()), "database.cpp", 621, "_push_transaction"));
    }
    Map<AccountName, Integer> customOps = customOps(tx.operations());
    for (Map.Entry<AccountName, Integer> entry : customOps.entrySet()) {
      if (state.customOps(entry.getKey()) + entry.getValue() > HiveLimits.CUSTOM_OP_BLOCK_LIMIT) {
        return Admission.refused(HivedError.assertion("insert_info.first->second <= HIVE_CUSTOM_OP_BLOCK_LIMIT",
            "Account ${a} already submitted ${n} custom json operation(s) this block.",
            Map.of("a", entry.getKey().value(), "n", Integer.toString(HiveLimits.CUSTOM_OP_BLOCK_LIMIT)), "database.cpp", 600, "limit_custom_op_count"));
      }
    }
    Optional<HivedError> expired = checkExpiration(tx, now);
    if (expired.isPresent()) {
      return Admission.refused(expired.get());
    }
    long expectedPrefix = blocks.expectedRefBlockPrefix(tx.refBlockNum());
    if (tx.refBlockPrefix() != expectedPrefix) {
      return Admission.refused(HivedError.tapos(Map.of("trx.ref_block_prefix", Long.toString(tx.refBlockPrefix()),
          "tapos_block_summary", Long.toString(expectedPrefix))));
    }
    Optional<HivedError> invalid = operations.validate(tx);
    if (invalid.isPresent()) {
      return Admission.refused(invalid.get());
    }
    AuthorityCheck authority = verifier.verify(tx, config.genesis().chainId(), packing, scheme,
        name -> state.account(name).map(ChainAccount::authorities));
    if (!authority.isAccepted()) {
      return Admission.refused(HivedError.authority(authority.rejection().orElseThrow()));
    }
    state.begin();
    for (Operation op : tx.operations()) {
      Optional<HivedError> failed = operations.apply(op, state, now);
      if (failed.isPresent()) {
        state.undo();
        return Admission.refused(failed.get());
      }
    }
    Optional<AccountName> payer = ResourcePayer.of(tx);
    long cost = RcCosts.of(tx, signedBytes.length);
    if (payer.isPresent()) {
      long mana = rc.regenerated(payer.get(), now).currentMana();
      if (mana < cost) {
        state.undo();
        return Admission.refused(HivedError.notEnoughRc(payer.get().value(), mana, cost));
      }
    }
    if (!keep) {
      state.undo();
      return Admission.accepted(id, packing);
    }
    state.keep();
    payer.ifPresent(p -> rc.charge(p, cost, now));
    state.remember(id, tx.expiration());
    state.addCustomOps(customOps);
    pending.add(new PendingTransaction(tx, id, signedBytes, customOps));
    return Admission.accepted(id, packing);
  }

  private Optional<HivedError> checkExpiration(Transaction tx, Instant now) {
    long ahead = config.maxSecondsUntilExpiration();
    Instant expiration = tx.expiration();
    Map<String, String> data = new TreeMap<>();
    data.put("trx.expiration", JsonFields.formatTime(expiration));
    data.put("now", JsonFields.formatTime(now));
    if (expiration.isAfter(now.plusSeconds(ahead))) {
      data.put("max_til_exp", Long.toString(ahead));
      return Optional.of(HivedError.expiration(data));
    }
    Instant runtime = config.rules() == SignatureRules.HF28 && expiration.isAfter(now.plusSeconds(HiveLimits.MAX_TIME_UNTIL_EXPIRATION_SECONDS))
        ? now.plusSeconds(HiveLimits.MAX_TIME_UNTIL_EXPIRATION_SECONDS)
        : expiration;
    if (!now.isBefore(runtime)) {
      return Optional.of(HivedError.expiration(data));
    }
    return Optional.empty();
  }

  /** hived's custom_op_visitor: each custom_json counts once for every account it names. */
  private static Map<AccountName, Integer> customOps(List<Operation> ops) {
    Map<AccountName, Integer> counts = new TreeMap<>();
    for (Operation op : ops) {
      if (op instanceof CustomJsonOperation c) {
        SortedSet<AccountName> impacted = new TreeSet<>(c.requiredAuths());
        impacted.addAll(c.requiredPostingAuths());
        impacted.forEach(name -> counts.merge(name, 1, Integer::sum));
      }
    }
    return counts;
  }
}
