package io.hivesafe.devnet;

import io.hivesafe.hive.authority.AuthorityCheck;
import io.hivesafe.hive.authority.AuthorityVerifier;
import io.hivesafe.hive.authority.SignatureRules;
import io.hivesafe.hive.codec.TransactionCodec;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetPacking;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.HiveLimits;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransactionId;
import io.hivesafe.hive.protocol.WireFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The devnet's chain: accounts, blocks and the pending transactions of the next block. A broadcast is
 * checked as hived's chain_plugin and database do it (libraries/plugins/chain/chain_plugin.cpp
 * determine_encoding_and_accept_transaction; libraries/chain/database.cpp push_transaction,
 * _push_transaction, _apply_transaction, validate_transaction), in this order, stopping at the first
 * failure:
 *
 * <ol>
 *   <li>size: the signed transaction at most maximum_block_size − 256 bytes;
 *   <li>duplicate: its id not among the ids known until their expiration;
 *   <li>custom operations: at most 5 per account in the block being built (node policy);
 *   <li>expiration: not beyond the hardfork's limit ahead of head time, and not expired;
 *   <li>TaPoS: ref_block_prefix matches the block that last had ref_block_num's low 16 bits;
 *   <li>the transaction's validate(): at least one operation, each operation's validate();
 *   <li>signatures and authorities ({@link AuthorityVerifier});
 *   <li>each operation's evaluator, all or nothing.
 * </ol>
 *
 * The whole check runs first with the HF26 packing (ids and digests from asset numbers); if that fails
 * only for a missing authority, it runs again with the legacy packing, and the id on chain is the one
 * of the packing that passed — as hived does. An accepted transaction changes the state at once and goes
 * into the next block; each produced block's operations go into the account history of the accounts they
 * impact ({@link #accountHistory}), as hived's account_history plugin records them. Test hooks:
 * {@link #virtualTransfer} (an outflow seen only as a virtual operation), {@link #setRecoveryAccount}.
 * Thread-safe: every method holds the chain's lock.
 */
public final class DevnetChain {
  /** hived's block interval; chain time advances by exactly this per block. */
  public static final Duration BLOCK_INTERVAL = Duration.ofSeconds(3);
  public static final String WITNESS = "initminer";
  private static final int TAPOS_SLOTS = 1 << 16;

  private final DevnetConfig config;
  private final SignatureScheme scheme = new Secp256k1Signatures();
  private final AuthorityVerifier verifier;
  private final OperationRules operations;
  private final PrivateKey witnessKey = Genesis.INIT_KEY;
  private final WireFormat hf26Packing;
  private final WireFormat legacyPacking;
  private final ChainState state = new ChainState();
  private final List<ProducedBlock> blocks = new ArrayList<>();
  private final BlockId[] tapos = new BlockId[TAPOS_SLOTS];
  private volatile Predicate<Transaction> lost = tx -> false;
  private final List<PendingTransaction> pending = new ArrayList<>();
  private final Map<TransactionId, long[]> included = new HashMap<>();
  private final List<Consumer<ProducedBlock>> listeners = new CopyOnWriteArrayList<>();
  private final AccountHistory history = new AccountHistory();
  /** Virtual transfers asked for by {@link #virtualTransfer}, made in the next block. */
  private final List<FillRecurrentTransferOperation> virtualTransfers = new ArrayList<>();
  private long broadcastsChecked;

  private record PendingTransaction(Transaction transaction, TransactionId id, byte[] signedBytes, Map<AccountName, Integer> customOps) {}

  /** A transaction found in a block: its block and its index there. */
  public record Inclusion(long blockNumber, int index) {}

  /** A new chain from genesis, with block 1 (empty) already produced so that clients always see a head block. */
  public DevnetChain(DevnetConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.verifier = new AuthorityVerifier(config.rules());
    this.operations = new OperationRules(config.symbols());
    this.hf26Packing = new WireFormat(AssetPacking.HF26, config.symbols());
    this.legacyPacking = new WireFormat(AssetPacking.LEGACY, config.symbols());
    for (GenesisAccount account : config.genesis().accounts()) {
      state.put(ChainAccount.fromGenesis(config.genesis(), account));
    }
    produceBlock();
  }

  public DevnetConfig config() {
    return config;
  }

  /** Runs after each produced block, outside the chain's lock. */
  public void onBlock(Consumer<ProducedBlock> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * From now on, an accepted broadcast that {@code which} matches is answered as accepted and then lost,
   * whichever way it came (the fault "dropped broadcast", aimed: e.g. only the multisig account's
   * transactions). {@code tx -> false} ends it.
   */
  public void loseBroadcasts(Predicate<Transaction> which) {
    lost = Objects.requireNonNull(which, "which");
  }

  /**
   * Test hook: makes {@code recovery} the recovery account of {@code account}, at once and without an
   * operation (hived's change_recovery_account takes effect 30 days later with a
   * changed_recovery_account virtual operation; the devnet models neither).
   *
   * @throws IllegalArgumentException when either account does not exist
   */
  public synchronized void setRecoveryAccount(AccountName account, AccountName recovery) {
    ChainAccount found = existing(account);
    existing(recovery);
    state.put(found.withRecoveryAccount(recovery));
  }

  /** {@link #virtualTransfer(AccountName, AccountName, Asset, String)} with an empty memo. */
  public void virtualTransfer(AccountName from, AccountName to, Asset amount) {
    virtualTransfer(from, to, amount, "");
  }

  /**
   * Test hook: an outflow that no block's transactions show. In the next produced block, after its
   * transactions, {@code amount} moves from {@code from}'s liquid balance to {@code to}'s and both
   * accounts' history gets hived's virtual operation fill_recurrent_transfer (remaining_executions 0) —
   * as when hived executes a recurrent transfer (database::process_recurrent_transfers). Until that block
   * the balances do not change, as in hived, where the virtual operation happens only when a block is
   * applied.
   *
   * @throws IllegalArgumentException when an account does not exist, or the amount is not positive HIVE or HBD
   * @throws IllegalStateException when {@code from}'s balance, less the virtual transfers already waiting,
   *     is short of {@code amount}
   */
  public synchronized void virtualTransfer(AccountName from, AccountName to, Asset amount, String memo) {
    FillRecurrentTransferOperation transfer = new FillRecurrentTransferOperation(from, to, amount, memo, 0);
    existing(from);
    existing(to);
    List<FillRecurrentTransferOperation> all = new ArrayList<>(virtualTransfers);
    all.add(transfer);
    Optional<String> shortfall = shortfall(all);
    if (shortfall.isPresent()) {
      throw new IllegalStateException(shortfall.get());
    }
    virtualTransfers.add(transfer);
  }

  /** Virtual transfers waiting for the next block. */
  public synchronized int pendingVirtualTransfers() {
    return virtualTransfers.size();
  }

  /** The first of {@code transfers}, made in order on the current balances, that a balance cannot cover. */
  private Optional<String> shortfall(List<FillRecurrentTransferOperation> transfers) {
    Map<AccountName, ChainAccount> balances = new HashMap<>();
    for (FillRecurrentTransferOperation t : transfers) {
      ChainAccount from = balances.computeIfAbsent(t.from(), this::existing);
      Asset balance = from.balance(t.amount().symbol());
      if (balance.amount() < t.amount().amount()) {
        return Optional.of("virtual transfer of " + t.amount() + " from " + t.from() + " to " + t.to() + ": the balance is short ("
            + balance + " left after the virtual transfers before it)");
      }
      balances.put(t.from(), from.withBalance(balance.minus(t.amount())));
      ChainAccount to = balances.computeIfAbsent(t.to(), this::existing);
      balances.put(t.to(), to.withBalance(to.balance(t.amount().symbol()).plus(t.amount())));
    }
    return Optional.empty();
  }

  private ChainAccount existing(AccountName name) {
    return state.account(Objects.requireNonNull(name, "name"))
        .orElseThrow(() -> new IllegalArgumentException("account " + name + " does not exist on the devnet"));
  }

  /** Checks {@code tx}; when accepted it goes into the next block. */
  public Admission broadcast(Transaction tx) {
    return broadcast(tx, true);
  }

  /**
   * Checks {@code tx} as {@link #broadcast(Transaction)} does; when {@code keep} is false an accepted
   * transaction is answered as accepted but then forgotten: no state change, no block, its id not
   * remembered (an API node that took it and lost it — the fault "dropped broadcast").
   */
  public synchronized Admission broadcast(Transaction tx, boolean keep) {
    Objects.requireNonNull(tx, "tx");
    broadcastsChecked++;
    keep = keep && !lost.test(tx);
    Admission first = attempt(tx, hf26Packing, keep);
    if (first.isAccepted() || !first.error().orElseThrow().isMissingAuthority()) {
      return first;
    }
    Admission legacy = attempt(tx, legacyPacking, keep);
    if (legacy.isAccepted() || !legacy.error().orElseThrow().isMissingAuthority()) {
      // hived catches only a transaction_auth_exception of the legacy attempt to add its note
      return legacy;
    }
    return Admission.refused(legacy.error().orElseThrow().rethrownWith(HivedError.Frame.of(
        "Transaction failed to validate using both new (hf26) and legacy serialization", Map.of(), "chain_plugin.cpp", 2112,
        "determine_encoding_and_accept_transaction")));
  }

  private Admission attempt(Transaction tx, WireFormat packing, boolean keep) {
    Instant now = headTime();
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
    BlockId reference = tapos[tx.refBlockNum()];
    long expectedPrefix = reference == null ? 0 : reference.refBlockPrefix();
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
    if (!keep) {
      state.undo();
      return Admission.accepted(id, packing);
    }
    state.keep();
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

  /** Produces the next block from the pending transactions (as many as fit in maximum_block_size). */
  public ProducedBlock produceBlock() {
    ProducedBlock block;
    synchronized (this) {
      block = produceLocked();
    }
    listeners.forEach(l -> l.accept(block));
    return block;
  }

  /** Produces {@code count} blocks. */
  public void produceBlocks(int count) {
    for (int i = 0; i < count; i++) {
      produceBlock();
    }
  }

  private ProducedBlock produceLocked() {
    // A broadcast accepted after a virtual transfer was asked for may have spent its funds: refuse the
    // block (loudly, before any change) rather than make a balance negative.
    Optional<String> shortfall = shortfall(virtualTransfers);
    if (shortfall.isPresent()) {
      throw new IllegalStateException("cannot produce the next block: " + shortfall.get());
    }
    long number = blocks.size() + 1L;
    BlockId previous = blocks.isEmpty() ? BlockId.fromBytes(new byte[20]) : blocks.get(blocks.size() - 1).id();
    Instant timestamp = config.genesis().genesisTime().plus(BLOCK_INTERVAL.multipliedBy(number));
    List<PendingTransaction> chosen = new ArrayList<>();
    long size = 0;
    while (!pending.isEmpty() && size + pending.get(0).signedBytes().length <= config.maximumBlockSize()) {
      PendingTransaction next = pending.remove(0);
      size += next.signedBytes().length;
      chosen.add(next);
    }
    List<byte[]> signed = new ArrayList<>();
    List<BlockTransaction> transactions = new ArrayList<>();
    for (PendingTransaction p : chosen) {
      signed.add(p.signedBytes());
      transactions.add(new BlockTransaction(p.id(), p.transaction()));
    }
    byte[] merkle = BlockHeaders.merkleRoot(signed);
    byte[] header = BlockHeaders.header(previous, timestamp, WITNESS, merkle);
    BlockId id = BlockHeaders.id(number, header);
    ProducedBlock block = new ProducedBlock(new Block(id, previous, timestamp, WITNESS, transactions), merkle,
        BlockHeaders.digest(header), witnessKey, scheme);
    blocks.add(block);
    tapos[(int) (number & 0xffff)] = id;
    for (int i = 0; i < chosen.size(); i++) {
      included.put(chosen.get(i).id(), new long[] {number, i});
    }
    recordHistory(number, timestamp, chosen);
    state.clearCustomOps();
    pending.forEach(p -> state.addCustomOps(p.customOps()));
    state.forgetExpired(timestamp);
    return block;
  }

  /**
   * Records block {@code number}'s operations in account history in the order hived applies them
   * (database::_apply_block): in block 1 first the account_created virtual operation of every genesis
   * account (process_genesis_accounts), then each transaction's operations, then the virtual transfers
   * (which are also made now). Outside a transaction hived numbers virtual operations 1, 2, … per block;
   * it also pays a producer_reward before them, which the devnet, holding no vests, does not.
   */
  private void recordHistory(long number, Instant timestamp, List<PendingTransaction> chosen) {
    int counter = 0;
    if (number == 1) {
      for (GenesisAccount account : config.genesis().accounts()) {
        history.record(HistoryEntry.ofBlock(number, ++counter, timestamp, new AccountCreatedOperation(account.name())));
      }
    }
    for (int i = 0; i < chosen.size(); i++) {
      PendingTransaction p = chosen.get(i);
      List<Operation> ops = p.transaction().operations();
      for (int j = 0; j < ops.size(); j++) {
        history.record(HistoryEntry.inTransaction(p.id(), number, i, j, timestamp, new TransactionOperation(ops.get(j))));
      }
    }
    counter = 0;
    for (FillRecurrentTransferOperation t : virtualTransfers) {
      ChainAccount from = existing(t.from());
      state.put(from.withBalance(from.balance(t.amount().symbol()).minus(t.amount())));
      ChainAccount to = existing(t.to());
      state.put(to.withBalance(to.balance(t.amount().symbol()).plus(t.amount())));
      history.record(HistoryEntry.ofBlock(number, ++counter, timestamp, t));
    }
    virtualTransfers.clear();
  }

  // ---- queries ----

  public synchronized long headBlockNumber() {
    return blocks.size();
  }

  public synchronized Instant headTime() {
    return blocks.isEmpty() ? config.genesis().genesisTime() : blocks.get(blocks.size() - 1).timestamp();
  }

  public synchronized ProducedBlock head() {
    return blocks.get(blocks.size() - 1);
  }

  public synchronized long lastIrreversibleBlockNumber() {
    return Math.max(0, blocks.size() - (long) config.irreversibleLag());
  }

  /** Block {@code number}, or empty when it is past the head (or 0). */
  public synchronized Optional<ProducedBlock> block(long number) {
    if (number < 1 || number > blocks.size()) {
      return Optional.empty();
    }
    return Optional.of(blocks.get((int) (number - 1)));
  }

  /** Blocks {@code start}, {@code start+1}, … — at most {@code count}, cut at the head. */
  public synchronized List<ProducedBlock> blocks(long start, int count) {
    List<ProducedBlock> out = new ArrayList<>();
    for (long n = Math.max(1, start); n < start + count && n <= blocks.size(); n++) {
      out.add(blocks.get((int) (n - 1)));
    }
    return out;
  }

  public synchronized ChainProperties properties() {
    ProducedBlock head = blocks.get(blocks.size() - 1);
    long hive = 0;
    long hbd = 0;
    for (ChainAccount account : state.accounts()) {
      hive = Math.addExact(hive, account.hive().amount());
      hbd = Math.addExact(hbd, account.hbd().amount());
    }
    return new ChainProperties(head.number(), head.id(), head.timestamp(), lastIrreversibleBlockNumber(), config.maximumBlockSize(),
        WITNESS, Asset.of(hive, AssetSymbol.HIVE), Asset.of(hbd, AssetSymbol.HBD));
  }

  public synchronized Optional<ChainAccount> account(AccountName name) {
    return state.account(name);
  }

  /** The accounts among {@code names} that exist, in the order asked (unknown names left out, as hived does). */
  public synchronized List<ChainAccount> accounts(List<AccountName> names) {
    List<ChainAccount> found = new ArrayList<>();
    for (AccountName name : names) {
      state.account(name).ifPresent(found::add);
    }
    return found;
  }

  /** Every account, in name order. */
  public synchronized List<ChainAccount> accounts() {
    return state.accounts();
  }

  /** Where a transaction landed, if it did. */
  public synchronized Optional<Inclusion> inclusion(TransactionId id) {
    long[] at = included.get(id);
    return at == null ? Optional.empty() : Optional.of(new Inclusion(at[0], (int) at[1]));
  }

  /**
   * How many entries {@code account}'s history has: all of them, or with {@code includeReversible} false
   * only those in irreversible blocks (at most {@link #lastIrreversibleBlockNumber()}), as hived's
   * account_history_api answers by default. Sequence numbers run from 0 to this minus 1.
   */
  public synchronized int accountHistorySize(AccountName account, boolean includeReversible) {
    return includeReversible ? history.size(account) : history.sizeUpTo(account, lastIrreversibleBlockNumber());
  }

  /** The entries of {@code account}'s history with sequence numbers {@code from} (inclusive) to {@code to} (exclusive). */
  public synchronized List<HistoryEntry> accountHistory(AccountName account, int from, int to) {
    return history.range(account, from, to);
  }

  /** Broadcasts checked since start, accepted or not (tests wait on it). */
  public synchronized long broadcastsChecked() {
    return broadcastsChecked;
  }

  /** Transactions accepted and waiting for the next block. */
  public synchronized int pendingCount() {
    return pending.size();
  }
}
