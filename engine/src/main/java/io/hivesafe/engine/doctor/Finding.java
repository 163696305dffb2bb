package io.hivesafe.engine.doctor;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of doctor's report: a check's verdict, what it found and, when there is something to do,
 * what. Printed as {@code OK    check: found} or {@code FAIL  check: found — todo}. Never holds a private key.
 *
 * @param verdict OK, WARN or FAIL
 * @param check the check's short name ({@code api}, {@code key files}, …)
 * @param found what was found, one line
 * @param todo what the operator should do; empty when nothing
 */
public record Finding(Verdict verdict, String check, String found, Optional<String> todo) {
  public Finding {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(todo, "todo");
    if (check == null || check.isBlank() || found == null || found.isBlank()) {
      throw new IllegalArgumentException("a finding names its check and what it found");
    }
  }

  public static Finding ok(String check, String found) {
    return new Finding(Verdict.OK, check, found, Optional.empty());
  }

  public static Finding warn(String check, String found, String todo) {
    return new Finding(Verdict.WARN, check, found, Optional.of(todo));
  }

  public static Finding fail(String check, String found, String todo) {
    return new Finding(Verdict.FAIL, check, found, Optional.of(todo));
  }

  /** The line as printed: the verdict padded to 4 characters, two spaces, the check, what was found, and what to do. */
  public String line() {
    String text = String.format("%-4s  %s: %s", verdict, check, found) + todo.map(t -> " — " + t).orElse("");
    return text.replace('\n', ' ').replace('\r', ' ');
  }
}
