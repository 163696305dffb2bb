package io.hivesafe.ops;

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

  public boolean consensus() {
    return !consensusHash.isEmpty();
  }
}
