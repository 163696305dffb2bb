package io.hivesafe.ops;

/**
 * A sidechain operation, typed (docs/protocol.md, "Operations"): one record per operation, each valid
 * by construction, each read from and written to its custom_json body by its own codec
 * ({@link SidechainOpCodec}), all dispatched from one table ({@link SidechainOps}). The same codecs read
 * the stream and build the node's own operations (reports, signatures, the round marker).
 */
public sealed interface SidechainOp permits SendOp, GovLockOp, GovUnlockOp, NodeAddOp, ReportOp, WithdrawOp, ProposeOp, ApproveOp,
    SigSubmitOp, MsSignedOp {
  /** The operation's name after the network's prefix. */
  String name();
}
