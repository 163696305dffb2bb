package io.hivesafe.engine.node;

import io.hivesafe.hive.rpc.AccountHistoryEntry;
import io.hivesafe.hive.rpc.AccountInfo;
import io.hivesafe.hive.rpc.RpcException;
import io.hivesafe.hive.rpc.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * How the chain checks read the multisig account so that what they compare is well defined
 * (docs/multisig.md, "The custody check"):
 *
 * <ul>
 *   <li>{@link #read}: the head, the account, its history after the node's block, and the head again; a
 *       reading counts only if the head did not move meanwhile, so the account shows the state after that
 *       head plus the transactions pending at the API, and the history holds exactly the blocks between the
 *       node's block and the head.
 *   <li>{@link #awaitPending}: what pending transactions add is in the account but in no block yet. hived
 *       keeps them in arrival order and puts them into the next blocks in that order, so the transactions
 *       pending when the account was read are a prefix of the account's transactions in the blocks after
 *       the head. This waits for up to {@link #PENDING_BLOCKS} blocks after the head, and after each new
 *       block hands the account's transactions so far to the check, which tests its prefixes.
 * </ul>
 */
final class ChainReadings {
  /** A node further behind the API's head than this is catching up: it checks once it is close. */
  static final long MAX_BLOCKS_BEHIND = 300;
  /** Blocks after the head in which the transactions pending at a reading must have landed. */
  static final int PENDING_BLOCKS = 3;
  /** Pause between asks for the head while waiting for blocks. */
  static final Duration POLL = Duration.ofMillis(500);
  /** Asks for the head before a wait gives up (a chain that does not move): 30 s at {@link #POLL}. */
  static final int MAX_POLLS = 60;
  /** Readings tried before giving up on a head that keeps moving. */
  static final int HEAD_TRIES = 3;

  /** The account at a head that stood still while it was read, and its history in blocks {@code block+1..head}. */
  record Reading(long block, long head, AccountInfo account, List<AccountHistoryEntry> history) {}

  /**
   * The account's transactions in the blocks after a reading's head, each a list of history entries (its
   * operations and the virtual operations it caused), in block and transaction order; whether the check
   * found them to explain the reading; whether every one of the {@link #PENDING_BLOCKS} blocks was seen.
   */
  record Pending(List<List<AccountHistoryEntry>> transactions, boolean explained, boolean complete) {}

  private final AccountChain chain;
  private final Sleeper sleeper;

  ChainReadings(AccountChain chain, Sleeper sleeper) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** A reading for the node's {@code block}. */
  Reading read(long block) throws RpcException, CheckNotMade {
    for (int attempt = 0; attempt < HEAD_TRIES; attempt++) {
      long head = chain.head();
      if (head < block) {
        throw new CheckNotMade("the API's head " + head + " is behind this node");
      }
      if (head - block > MAX_BLOCKS_BEHIND) {
        throw new CheckNotMade("this node is " + (head - block) + " blocks behind the head");
      }
      AccountInfo account = chain.account().orElseThrow(() -> new CheckNotMade("the API does not know the multisig account"));
      List<AccountHistoryEntry> history = chain.historyAfter(block);
      if (chain.head() != head) {
        continue;
      }
      for (AccountHistoryEntry e : history) {
        if (e.block() > head) {
          throw new CheckNotMade("the API's history holds block " + e.block() + ", after its head " + head);
        }
      }
      return new Reading(block, head, account, history);
    }
    throw new CheckNotMade("the head moved during each of " + HEAD_TRIES + " readings");
  }

  /**
   * Waits for blocks after {@code head}; after each new one, gives {@code explains} the account's
   * transactions in blocks {@code head+1 ..} (at most {@link #PENDING_BLOCKS} blocks) and stops when it
   * says they explain the reading, or when all those blocks were seen, or after {@link #MAX_POLLS} asks
   * without them.
   */
  Pending awaitPending(long head, Predicate<List<List<AccountHistoryEntry>>> explains) throws RpcException, InterruptedException {
    long seen = head;
    long last = head + PENDING_BLOCKS;
    List<List<AccountHistoryEntry>> transactions = List.of();
    for (int poll = 0; poll < MAX_POLLS; poll++) {
      long now = chain.head();
      if (now > seen) {
        seen = now;
        transactions = transactions(chain.historyAfter(head), head, last);
        if (explains.test(transactions)) {
          return new Pending(transactions, true, now >= last);
        }
        if (now >= last) {
          return new Pending(transactions, false, true);
        }
        continue;
      }
      sleeper.sleep(POLL);
    }
    return new Pending(transactions, false, false);
  }

  /**
   * The transactions among {@code entries} of blocks {@code after+1 .. through}, each as its entries, in
   * (block, transaction) order. Virtual operations of a block itself (trx_in_block -1: a recurrent
   * transfer's execution, a reward) happen only when a block is applied, never in a pending state, and are
   * left out.
   */
  static List<List<AccountHistoryEntry>> transactions(List<AccountHistoryEntry> entries, long after, long through) {
    TreeMap<Long, List<AccountHistoryEntry>> byPlace = new TreeMap<>();
    for (AccountHistoryEntry e : entries) {
      if (e.block() > after && e.block() <= through && e.trxInBlock() >= 0) {
        byPlace.computeIfAbsent(e.block() * (1L << 32) + e.trxInBlock(), k -> new ArrayList<>()).add(e);
      }
    }
    List<List<AccountHistoryEntry>> out = new ArrayList<>();
    for (Map.Entry<Long, List<AccountHistoryEntry>> t : byPlace.entrySet()) {
      out.add(List.copyOf(t.getValue()));
    }
    return List.copyOf(out);
  }
}
