package io.hivesafe.ops.archfixture;

/**
 * Deliberate violations of the module rules, one class per rule, in the core's package so the rules
 * apply to them: ArchitectureTest shows each rule fails on its violator and passes on {@link Clean}.
 * Test sources only; the product jar never holds them.
 */
public final class Violations {
  private Violations() {}

  /** The core reaches up into the shell. */
  public static final class ReachesTheShell {
    public String name() {
      return io.hivesafe.engine.ReasonText.class.getName();
    }
  }

  /** The core reads the wall clock. */
  public static final class ReadsTheClock {
    public long now() {
      return System.currentTimeMillis();
    }
  }

  /** The core draws a random number. */
  public static final class DrawsRandomness {
    public int draw() {
      return new java.util.Random(1).nextInt();
    }
  }

  /** The core holds a floating-point number. */
  public static final class UsesFloatingPoint {
    public double share;
  }

  /** The core talks to the network. */
  public static final class TalksToTheNetwork {
    public java.net.URI where() {
      return java.net.URI.create("http://localhost");
    }
  }

  /** The core iterates a hash-ordered collection. */
  public static final class UsesAHashMap {
    public java.util.Map<String, Long> map() {
      return new java.util.HashMap<>();
    }
  }

  /** The core turns any exception into a value. */
  public static final class CatchesEverything {
    public boolean run(Runnable r) {
      try {
        r.run();
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    }
  }

  /** The core decides bytes with a reflection library. */
  public static final class UsesJackson {
    public byte[] bytes(Object value) throws com.fasterxml.jackson.core.JsonProcessingException {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(value);
    }
  }

  /** A class that keeps every rule: the control. */
  public static final class Clean {
    public long add(long a, long b) {
      return Math.addExact(a, b);
    }
  }
}
