package io.hivesafe.devnet;

import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.TransactionId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The produced blocks, in order from block 1, with what the checks and queries look up in them: the
 * block that last had each 16-bit ref_block_num (TaPoS, as hived's block_summary_object) and where
 * each included transaction landed. Append-only. Not thread-safe; {@link DevnetChain} serialises access.
 */
final class BlockLog {
  private static final int TAPOS_SLOTS = 1 << 16;

  private final List<ProducedBlock> blocks = new ArrayList<>();
  private final BlockId[] tapos = new BlockId[TAPOS_SLOTS];
  private final Map<TransactionId, DevnetChain.Inclusion> included = new HashMap<>();

  /** Appends {@code block}, the next one, whose transactions are {@code transactions} in block order. */
  void append(ProducedBlock block, List<PendingTransaction> transactions) {
    blocks.add(block);
    long number = blocks.size();
    tapos[(int) (number & 0xffff)] = block.id();
    for (int i = 0; i < transactions.size(); i++) {
      included.put(transactions.get(i).id(), new DevnetChain.Inclusion(number, i));
    }
  }

  /** How many blocks there are: the head's number, 0 before block 1. */
  long size() {
    return blocks.size();
  }

  boolean isEmpty() {
    return blocks.isEmpty();
  }

  /** The last block; there must be one. */
  ProducedBlock head() {
    return blocks.get(blocks.size() - 1);
  }

  /** The id block {@code number + 1} names as its previous: the head's, or all zeros before block 1. */
  BlockId previousOfNext() {
    return blocks.isEmpty() ? BlockId.fromBytes(new byte[20]) : head().id();
  }

  /** The ref_block_prefix a transaction with {@code refBlockNum} must carry: the last such block's, or 0 when there was none. */
  long expectedRefBlockPrefix(int refBlockNum) {
    BlockId reference = tapos[refBlockNum];
    return reference == null ? 0 : reference.refBlockPrefix();
  }

  /** Block {@code number}, or empty when it is past the head (or 0). */
  Optional<ProducedBlock> block(long number) {
    if (number < 1 || number > blocks.size()) {
      return Optional.empty();
    }
    return Optional.of(blocks.get((int) (number - 1)));
  }

  /** Blocks {@code start}, {@code start+1}, … — at most {@code count}, cut at the head. */
  List<ProducedBlock> range(long start, int count) {
    List<ProducedBlock> out = new ArrayList<>();
    for (long n = Math.max(1, start); n < start + count && n <= blocks.size(); n++) {
      out.add(blocks.get((int) (n - 1)));
    }
    return out;
  }

  Optional<DevnetChain.Inclusion> inclusion(TransactionId id) {
    return Optional.ofNullable(included.get(id));
  }
}
