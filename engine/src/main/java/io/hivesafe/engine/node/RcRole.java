package io.hivesafe.engine.node;

import java.util.Locale;

/**
 * Whose resource credits pay for what the node sends: its own account (its reports and {@code sig_submit}s,
 * custom_jsons it signs) or the multisig account (the rounds' transfers and account updates, whose
 * first operation names it — hived's payer rule, {@link io.hivesafe.hive.protocol.ResourcePayer}).
 */
public enum RcRole {
  NODE,
  MULTISIG;

  /** The metric tag and API field: {@code node} or {@code multisig}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
