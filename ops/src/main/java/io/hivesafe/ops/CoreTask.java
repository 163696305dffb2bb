package io.hivesafe.ops;

import io.hivesafe.chrono.ChronoTask;
import io.hivesafe.hive.protocol.AccountName;
import java.util.Map;
import java.util.TreeMap;

/**
 * A chrono task of the core, typed: chrono stores a kind and named text parameters, and this is the one
 * place that writes them and reads them back (strictly: a stored task that does not read is damage or a
 * bug, and stops the node).
 */
sealed interface CoreTask permits CoreTask.Unlock, CoreTask.Recast, CoreTask.Execute {
  /** The chrono form. */
  ChronoTask toChrono();

  /** {@code gov_unlock}: {@code amount} of {@code account}'s unlocking stake becomes liquid. */
  record Unlock(String account, long amount) implements CoreTask {
    public Unlock {
      AccountName.of(account);
      OpAmounts.check(amount);
    }

    @Override
    public ChronoTask toChrono() {
      return ChronoTask.of(TokenOperations.UNLOCK_TASK, Map.of("account", account, "amount", Long.toString(amount)));
    }
  }

  /** {@code ms_recast}: the next broadcast attempt of round {@code seq}. */
  record Recast(long seq) implements CoreTask {
    public Recast {
      if (seq < 1) {
        throw new IllegalArgumentException("a round's seq is at least 1, got " + seq);
      }
    }

    @Override
    public ChronoTask toChrono() {
      return ChronoTask.of(MultisigOperations.RECAST_TASK, Map.of("seq", Long.toString(seq)));
    }
  }

  /** {@code proposal_execute}: passed proposal {@code id} executes (or waits, or is void). */
  record Execute(long id) implements CoreTask {
    public Execute {
      OpAmounts.checkNonNegative("id", id);
    }

    @Override
    public ChronoTask toChrono() {
      return ChronoTask.of(GovernanceOperations.EXECUTE_TASK, Map.of("id", Long.toString(id)));
    }
  }

  /** Reads a stored task back; anything but exactly what {@link #toChrono} writes is an error. */
  static CoreTask of(ChronoTask task) {
    CoreTask read;
    switch (task.kind()) {
      case TokenOperations.UNLOCK_TASK:
        read = new Unlock(task.param("account"), number(task, "amount"));
        break;
      case MultisigOperations.RECAST_TASK:
        read = new Recast(number(task, "seq"));
        break;
      case GovernanceOperations.EXECUTE_TASK:
        read = new Execute(number(task, "id"));
        break;
      default:
        throw new IllegalStateException("chrono task of unknown kind " + task.kind());
    }
    if (!read.toChrono().equals(task)) {
      throw new IllegalStateException("stored chrono task is not in its canonical form: " + task + ", not "
          + new TreeMap<>(read.toChrono().params()));
    }
    return read;
  }

  private static long number(ChronoTask task, String name) {
    String text = task.param(name);
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("stored chrono task " + task.kind() + " has a " + name + " that is not a number: " + text, e);
    }
  }
}
