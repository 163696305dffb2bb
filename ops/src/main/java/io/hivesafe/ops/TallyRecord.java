package io.hivesafe.ops;

import io.hivesafe.state.ValueCodec;
import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;

/**
 * The outcome of the last tally (DESIGN §3.3). {@code consensusHash} is empty when no hash reached the
 * quorum; {@code noConsensusInRow} (the chaos counter) counts such tallies in a row and
 * {@code noConsensusTotal} all of them. The multisig header is the agreed one, or derived from the
 * tally block when the reports agreed on none ({@code headerSource} says which).
 */
public record TallyRecord(
    long block,
    long reportBlock,
    String consensusHash,
    long reports,
    long runnersAgreeing,
    long runnerCount,
    long ageAgreeing,
    long ageTotal,
    long noConsensusInRow,
    long noConsensusTotal,
    long refBlockNum,
    long refBlockPrefix,
    String expiration,
    String headerSource) {
  /** The canonical encoding (docs/state.md, "State schema"): the fields in declaration order. */
  public static final ValueCodec<TallyRecord> CODEC = ValueCodec.of(
      (w, v) -> w.int64(v.block()).int64(v.reportBlock()).text(v.consensusHash()).int64(v.reports()).int64(v.runnersAgreeing()).int64(v.runnerCount()).int64(v.ageAgreeing()).int64(v.ageTotal()).int64(v.noConsensusInRow()).int64(v.noConsensusTotal()).int64(v.refBlockNum()).int64(v.refBlockPrefix()).text(v.expiration()).text(v.headerSource()),
      r -> new TallyRecord(r.int64(), r.int64(), r.text(), r.int64(), r.int64(), r.int64(), r.int64(), r.int64(), r.int64(), r.int64(), r.int64(), r.int64(), r.text(), r.text()));


  public boolean consensus() {
    return !consensusHash.isEmpty();
  }
}
