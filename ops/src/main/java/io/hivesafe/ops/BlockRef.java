package io.hivesafe.ops;

import io.hivesafe.state.ValueCodec;
import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;

/**
 * The newest applied block with a given low 16 bits of its number (the TaPoS window, like hived's
 * block summary): lets every node check that a reported ref_block_num / ref_block_prefix names a block
 * it has applied.
 */
public record BlockRef(long block, String id) {
  public BlockRef {
    ValueChecks.nonNegative("a block reference", block);
    ValueChecks.hex("a block id", id, 40);
  }

  /** The canonical encoding (docs/state.md, "State schema"): the fields in declaration order. */
  public static final ValueCodec<BlockRef> CODEC = ValueCodec.of(
      (w, v) -> w.int64(v.block()).text(v.id()),
      r -> new BlockRef(r.int64(), r.text()));
}
