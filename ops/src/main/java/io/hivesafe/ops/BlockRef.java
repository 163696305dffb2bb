package io.hivesafe.ops;

/**
 * The newest applied block with a given low 16 bits of its number (the TaPoS window, like hived's
 * block summary): lets every node check that a reported ref_block_num / ref_block_prefix names a block
 * it has applied.
 */
public record BlockRef(long block, String id) {}
