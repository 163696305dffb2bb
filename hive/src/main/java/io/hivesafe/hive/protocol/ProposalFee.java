package io.hivesafe.hive.protocol;

import java.time.Instant;

/** The fee hived's create_proposal_evaluator (dhf_evaluator.cpp) takes from a proposal's creator, by the HF24 rule. */
final class ProposalFee {
  /** hived's {@code HIVE_TREASURY_FEE} (config.hpp): 10.000 HBD for every proposal. */
  static final long BASE = 10_000;
  /** {@code HIVE_PROPOSAL_FEE_INCREASE_AMOUNT}: 1.000 HBD per day of run time beyond 60 days. */
  static final long PER_EXTRA_DAY = 1_000;
  /** {@code HIVE_PROPOSAL_FEE_INCREASE_DAYS}. */
  static final long FREE_DAYS = 60;
  private static final long DAY_SECONDS = 86_400;

  private ProposalFee() {}

  /** create_proposal_evaluator's fee: 10 HBD, plus 1 HBD per whole day of run time beyond 60 days. */
  static Asset of(Instant start, Instant end) {
    long fee = BASE;
    long runSeconds = end.getEpochSecond() - start.getEpochSecond();
    if (runSeconds > FREE_DAYS * DAY_SECONDS) {
      fee += PER_EXTRA_DAY * (runSeconds / DAY_SECONDS - FREE_DAYS);
    }
    return new Asset(fee, AssetSymbol.HBD);
  }
}
