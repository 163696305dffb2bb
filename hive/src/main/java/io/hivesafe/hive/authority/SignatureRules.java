package io.hivesafe.hive.authority;

/**
 * The signature rules of a hardfork, passed to {@link AuthorityVerifier}. hived switches two flags at
 * HF28 (libraries/protocol/hardfork.d/1_28.hf; used in libraries/chain/database.cpp when it calls
 * verify_authority):
 *
 * <ul>
 *   <li>strict and mixed authorities: a role is satisfied only by its own authority (before HF28 a
 *       stronger one was accepted: owner for active, active or owner for posting), and posting may be
 *       combined with active/owner in one transaction;
 *   <li>redundant signatures: a signature the authority walk did not use is no longer an error.
 * </ul>
 */
public enum SignatureRules {
  /** Before HF28: role upgrades, no posting mixed with active/owner, no unused signatures. */
  PRE_HF28(false, false),
  /** HF28 and later: strict roles, mixing allowed, redundant signatures allowed. */
  HF28(true, true);

  private final boolean strictAndMixedAuthorities;
  private final boolean redundantSignatures;

  SignatureRules(boolean strictAndMixedAuthorities, boolean redundantSignatures) {
    this.strictAndMixedAuthorities = strictAndMixedAuthorities;
    this.redundantSignatures = redundantSignatures;
  }

  /** hived's HIVE_HARDFORK_1_28_ALLOW_STRICT_AND_MIXED_AUTHORITIES. */
  public boolean strictAndMixedAuthorities() {
    return strictAndMixedAuthorities;
  }

  /** hived's HIVE_HARDFORK_1_28_ALLOW_REDUNDANT_SIGNATURES. */
  public boolean redundantSignatures() {
    return redundantSignatures;
  }
}
