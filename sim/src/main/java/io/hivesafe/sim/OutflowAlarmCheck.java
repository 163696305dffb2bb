package io.hivesafe.sim;

import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.OperationEffects;
import io.hivesafe.ops.BlockOutcome;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.NetworkGenesis;
import java.util.List;
import java.util.Optional;

/** The invariant outflow-alarmed, checked on each block's transactions for {@link InvariantChecks}. */
final class OutflowAlarmCheck {
  private final NetworkGenesis genesis;
  private final InvariantTally tally;

  OutflowAlarmCheck(NetworkGenesis genesis, InvariantTally tally) {
    this.genesis = genesis;
    this.tally = tally;
  }

  /**
   * outflow-alarmed: every operation on the multisig account's funds or authority outside its round's
   * transaction is an alarm of the block, on that very operation (one alarm does not cover a
   * transaction's other operations); one that takes funds out is an OUTFLOW alarm. {@code round} is the
   * round in flight before the block.
   */
  void check(Block b, BlockOutcome outcome, Optional<MultisigTx> round) {
    for (BlockTransaction t : b.transactions()) {
      String id = t.id().toHex();
      if (round.isPresent() && round.get().id().equals(id)) {
        continue;
      }
      List<Operation> ops = t.transaction().operations();
      for (int i = 0; i < ops.size(); i++) {
        OperationEffects e = OperationEffects.of(ops.get(i));
        boolean debit = e.debits().stream().anyMatch(d -> d.account().equals(genesis.multisigAccount()));
        if (!debit && !e.needsOwnerOrActive(genesis.multisigAccount())
            && e.recoveryTarget().filter(genesis.multisigAccount()::equals).isEmpty()) {
          continue;
        }
        tally.count(Invariant.OUTFLOW_ALARMED);
        int op = i;
        boolean alarmed = outcome.alarms().stream().anyMatch(a -> a.tx().equals(id) && a.op() == op
            && (!debit || a.kind() == io.hivesafe.ops.AlarmKind.OUTFLOW));
        if (!alarmed) {
          tally.violation(Invariant.OUTFLOW_ALARMED, b.number(), "operation " + i + " of transaction " + id + " acts on the multisig"
              + " account outside round " + round.map(r -> r.seq() + " (" + r.id() + ")").orElse("(none in flight)")
              + " and raised no " + (debit ? "OUTFLOW " : "") + "alarm: " + ops.get(i));
        }
      }
    }
  }
}
