package io.hivesafe.ops;

import io.hivesafe.state.ValueCodec;
import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;

import io.hivesafe.hive.protocol.CustomJsonOperation;
import java.util.Optional;

/**
 * A node's report for block {@code block}: its state digest after that block (hex) and its proposed
 * multisig header. {@code landed} is the block the report was applied in.
 */
public record Report(String account, long block, String hash, long refBlockNum, long refBlockPrefix, String expiration,
    String version, long landed) {
  /** The canonical encoding (docs/state.md, "State schema"): the fields in declaration order. */
  public static final ValueCodec<Report> CODEC = ValueCodec.of(
      (w, v) -> w.text(v.account()).int64(v.block()).text(v.hash()).int64(v.refBlockNum()).int64(v.refBlockPrefix()).text(v.expiration()).text(v.version()).int64(v.landed()),
      r -> new Report(r.text(), r.int64(), r.text(), r.int64(), r.int64(), r.text(), r.text(), r.int64()));


  /**
   * The report {@code op} makes when it lands in block {@code landed}, if it passes every check of the
   * {@code report} operation that needs no state: its id is {@code prefix + "report"}, it is signed with
   * the active authority (the sender is the first of {@code required_auths}), and its JSON is a report
   * for the latest report block before {@code landed} whose tally has not run yet. Empty when the core
   * would reject it for its own content. Whether the sender is a registered node, and whether it
   * reported before, depends on state and is the caller's question. For the shell, which reads reports
   * off the chain (the snapshot bootstrap); the core applies them through {@link BlockApplier}.
   */
  public static Optional<Report> read(NetworkGenesis genesis, CustomJsonOperation op, long landed) {
    if (!op.id().equals(genesis.prefix() + "report") || op.requiredAuths().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(NodeOperations.readReport(op.requiredAuths().get(0).value(), landed, op.json(), genesis));
    } catch (OpRejected e) {
      return Optional.empty();
    }
  }
}
