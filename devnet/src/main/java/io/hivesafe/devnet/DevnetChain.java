package io.hivesafe.devnet;

import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetPacking;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransactionId;
import io.hivesafe.hive.protocol.WireFormat;
import io.hivesafe.hive.rpc.RcAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The devnet's chain: accounts, blocks and the pending transactions of the next block. A broadcast is
 * checked as hived's chain_plugin and database do it (libraries/plugins/chain/chain_plugin.cpp
 * determine_encoding_and_accept_transaction), each attempt by a {@link BroadcastCheck} in hived's order.
 * The whole check runs first with the HF26 packing (ids and digests from asset numbers); if that fails
 * only for a missing authority, it runs again with the legacy packing, and the id on chain is the one
 * of the packing that passed — as hived does. An accepted transaction changes the state at once and waits
 * in the {@link PendingPool} for the next block; each block the {@link BlockProducer} makes goes into the
 * {@link BlockLog} and its
 * operations into the account history of the accounts they impact ({@link #accountHistory}), as hived's
 * account_history plugin records them. Test hooks: {@link #virtualTransfer} (an outflow seen only as a
 * virtual operation, held by {@link VirtualTransfers}), {@link #setRecoveryAccount}, {@link #setRc} and
 * {@link #drainRc} (an account's resource credits, {@link RcPools}; what they cost is {@link RcCosts}'s).
 * Thread-safe: every method holds the chain's lock, which also guards the parts it is made of.
 */
public final class DevnetChain {
  /** hived's block interval; chain time advances by exactly this per block. */
  public static final Duration BLOCK_INTERVAL = Duration.ofSeconds(3);
  public static final String WITNESS = "initminer";

  private final DevnetConfig config;
  private final SignatureScheme scheme = new Secp256k1Signatures();
  private final WireFormat hf26Packing;
  private final WireFormat legacyPacking;
  private final ChainState state = new ChainState();
  private final BlockLog blocks = new BlockLog();
  private final PendingPool pending = new PendingPool();
  private final RcPools rc = new RcPools();
  private final BroadcastCheck check;
  private final VirtualTransfers virtualTransfers = new VirtualTransfers(state);
  private final AccountHistory history = new AccountHistory();
  private final BlockProducer producer;
  private volatile Predicate<Transaction> lost = tx -> false;
  private final List<Consumer<ProducedBlock>> listeners = new CopyOnWriteArrayList<>();
  private long broadcastsChecked;

  /** A transaction found in a block: its block and its index there. */
  public record Inclusion(long blockNumber, int index) {}

  /** A new chain from genesis, with block 1 (empty) already produced so that clients always see a head block. */
  public DevnetChain(DevnetConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.hf26Packing = new WireFormat(AssetPacking.HF26, config.symbols());
    this.legacyPacking = new WireFormat(AssetPacking.LEGACY, config.symbols());
    this.check = new BroadcastCheck(config, state, blocks, pending, rc, scheme);
    this.producer = new BlockProducer(config, scheme, state, blocks, pending, virtualTransfers, history);
    for (GenesisAccount account : config.genesis().accounts()) {
      state.put(ChainAccount.fromGenesis(config.genesis(), account));
      rc.create(account.name(), account.maxRc(), config.genesis().genesisTime());
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
    ChainAccount found = state.existing(account);
    state.existing(recovery);
    state.put(found.withRecoveryAccount(recovery));
  }

  /**
   * An account's resource credits as rc_api.find_rc_accounts shows them: max_rc and the manabar at its
   * last update (regenerate it to a time with {@link RcAccount#manaAt}); empty for an unknown account.
   */
  public synchronized Optional<RcAccount> rcAccount(AccountName account) {
    return rc.stored(account);
  }

  /**
   * Test hook: empties {@code account}'s resource credits at the head block's time. They regenerate from
   * there as hived's do: max_rc × elapsed chain time ÷ 5 days ({@link GenesisAccount#DEFAULT_MAX_RC} gives
   * more than any transaction costs within one block; {@link #setRc(AccountName, long, long)} sets a
   * smaller max_rc to keep an account short for longer).
   *
   * @throws IllegalArgumentException when the account does not exist
   */
  public synchronized void drainRc(AccountName account) {
    RcAccount pool = rc.stored(account).orElseThrow(() -> new IllegalArgumentException("account " + account + " does not exist on the devnet"));
    rc.set(account, pool.maxRc(), 0, headTime());
  }

  /** Test hook: sets {@code account}'s mana to {@code mana} (0..max_rc) at the head block's time, keeping its max_rc. */
  public synchronized void setRc(AccountName account, long mana) {
    RcAccount pool = rc.stored(account).orElseThrow(() -> new IllegalArgumentException("account " + account + " does not exist on the devnet"));
    rc.set(account, pool.maxRc(), mana, headTime());
  }

  /** Test hook: gives {@code account} a max_rc of {@code maxRc} and {@code mana} (0..maxRc) at the head block's time. */
  public synchronized void setRc(AccountName account, long maxRc, long mana) {
    rc.set(account, maxRc, mana, headTime());
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
    virtualTransfers.add(transfer);
  }

  /** Virtual transfers waiting for the next block. */
  public synchronized int pendingVirtualTransfers() {
    return virtualTransfers.size();
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
    Admission first = check.attempt(tx, hf26Packing, keep, headTime());
    if (first.isAccepted() || !first.error().orElseThrow().isMissingAuthority()) {
      return first;
    }
    Admission legacy = check.attempt(tx, legacyPacking, keep, headTime());
    if (legacy.isAccepted() || !legacy.error().orElseThrow().isMissingAuthority()) {
      // hived catches only a transaction_auth_exception of the legacy attempt to add its note
      return legacy;
    }
    return Admission.refused(legacy.error().orElseThrow().rethrownWith(HivedError.Frame.of(
        "Transaction failed to validate using both new (hf26) and legacy serialization", Map.of(), "chain_plugin.cpp", 2112,
        "determine_encoding_and_accept_transaction")));
  }

  /** Produces the next block from the pending transactions (as many as fit in maximum_block_size). */
  public ProducedBlock produceBlock() {
    ProducedBlock block;
    synchronized (this) {
      block = producer.produce();
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

  // ---- queries ----

  public synchronized long headBlockNumber() {
    return blocks.size();
  }

  public synchronized Instant headTime() {
    return blocks.isEmpty() ? config.genesis().genesisTime() : blocks.head().timestamp();
  }

  public synchronized ProducedBlock head() {
    return blocks.head();
  }

  public synchronized long lastIrreversibleBlockNumber() {
    return Math.max(0, blocks.size() - (long) config.irreversibleLag());
  }

  /** Block {@code number}, or empty when it is past the head (or 0). */
  public synchronized Optional<ProducedBlock> block(long number) {
    return blocks.block(number);
  }

  /** Blocks {@code start}, {@code start+1}, … — at most {@code count}, cut at the head. */
  public synchronized List<ProducedBlock> blocks(long start, int count) {
    return blocks.range(start, count);
  }

  public synchronized ChainProperties properties() {
    ProducedBlock head = blocks.head();
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
    return blocks.inclusion(id);
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
