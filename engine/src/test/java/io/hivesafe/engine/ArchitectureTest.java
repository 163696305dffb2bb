package io.hivesafe.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.TryCatchBlock;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.hivesafe.ops.archfixture.Violations;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The module rules, checked on the compiled classes with ArchUnit (issue 16): the one-way module chain
 * (hive ← state ← chrono ← ops, devnet on hive only, engine on top; none of them on the test kit, the
 * simulator or the benchmarks, which sit on engine — the test kit's ProductBoundaryTest checks that
 * rule where the test kit's classes are on the class path), and the deterministic core (ops,
 * chrono, state, hive outside its RPC package) free of clocks, randomness, floating point, the network and
 * the shell's libraries; ops and chrono also free of files, MapDB, hash-ordered collections and catch-all
 * handlers. Bytecode sees what a source scan misses (a fully qualified name, a static import, a call
 * through a helper); the source scans (ModuleBoundaryTest in each module) stay for what bytecode does not
 * show: a {@code double} local variable, arithmetic on it.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.hivesafe.hive", "io.hivesafe.state", "io.hivesafe.chrono", "io.hivesafe.ops", "io.hivesafe.devnet",
            "io.hivesafe.engine");
  }

  private static final String[] PRODUCT = {"io.hivesafe.hive..", "io.hivesafe.state..", "io.hivesafe.chrono..",
      "io.hivesafe.ops..", "io.hivesafe.devnet..", "io.hivesafe.engine.."};
  private static final String[] CORE = {"io.hivesafe.ops..", "io.hivesafe.chrono..", "io.hivesafe.state..", "io.hivesafe.hive.."};

  static final ArchRule HIVE_BELOW_ALL = noClasses().that().resideInAPackage("io.hivesafe.hive..").should().dependOnClassesThat()
      .resideInAnyPackage("io.hivesafe.state..", "io.hivesafe.chrono..", "io.hivesafe.ops..", "io.hivesafe.devnet..",
          "io.hivesafe.engine..").allowEmptyShould(true);
  static final ArchRule STATE_BELOW_CHRONO = noClasses().that().resideInAPackage("io.hivesafe.state..").should()
      .dependOnClassesThat().resideInAnyPackage("io.hivesafe.chrono..", "io.hivesafe.ops..", "io.hivesafe.devnet..",
          "io.hivesafe.engine..").allowEmptyShould(true);
  static final ArchRule CHRONO_BELOW_OPS = noClasses().that().resideInAPackage("io.hivesafe.chrono..").should()
      .dependOnClassesThat().resideInAnyPackage("io.hivesafe.ops..", "io.hivesafe.devnet..", "io.hivesafe.engine..")
      .allowEmptyShould(true);
  static final ArchRule OPS_BELOW_THE_SHELL = noClasses().that().resideInAPackage("io.hivesafe.ops..").should()
      .dependOnClassesThat().resideInAnyPackage("io.hivesafe.devnet..", "io.hivesafe.engine..").allowEmptyShould(true);
  static final ArchRule DEVNET_ON_HIVE_ONLY = noClasses().that().resideInAPackage("io.hivesafe.devnet..").should()
      .dependOnClassesThat().resideInAnyPackage("io.hivesafe.state..", "io.hivesafe.chrono..", "io.hivesafe.ops..",
          "io.hivesafe.engine..").allowEmptyShould(true);

  static final ArchRule NO_CLOCK = noClasses().that().resideInAnyPackage(CORE).and().resideOutsideOfPackage("io.hivesafe.hive.rpc..")
      .should().callMethod(System.class, "currentTimeMillis").orShould().callMethod(System.class, "nanoTime")
      .orShould().callMethod(java.time.Instant.class, "now").orShould().callMethod(java.time.LocalDate.class, "now")
      .orShould().callMethod(java.time.LocalDateTime.class, "now")
      .orShould().dependOnClassesThat().haveFullyQualifiedName(java.time.Clock.class.getName()).allowEmptyShould(true);

  // Rfc6979Nonce implements BouncyCastle's DSAKCalculator, whose init(n, SecureRandom) it must declare
  // and refuses (deterministic nonces): the one class allowed to name SecureRandom.
  static final ArchRule NO_RANDOMNESS = noClasses().that().resideInAnyPackage(CORE).and()
      .resideOutsideOfPackage("io.hivesafe.hive.rpc..").and().doNotHaveFullyQualifiedName("io.hivesafe.hive.crypto.Rfc6979Nonce")
      .should().callMethod(Math.class, "random")
      .orShould().dependOnClassesThat().haveFullyQualifiedName(java.util.Random.class.getName())
      .orShould().dependOnClassesThat().haveFullyQualifiedName(java.security.SecureRandom.class.getName())
      .orShould().dependOnClassesThat().haveFullyQualifiedName(java.util.concurrent.ThreadLocalRandom.class.getName())
      .orShould().dependOnClassesThat().haveFullyQualifiedName(java.util.SplittableRandom.class.getName()).allowEmptyShould(true);

  static final ArchRule NO_FLOATING_POINT = noClasses().that().resideInAnyPackage("io.hivesafe.ops..", "io.hivesafe.chrono..",
      "io.hivesafe.state..").should(useFloatingPoint()).allowEmptyShould(true);

  static final ArchRule NO_NETWORK_OR_SHELL_LIBRARY = noClasses().that().resideInAnyPackage(CORE).and()
      .resideOutsideOfPackage("io.hivesafe.hive.rpc..").should().dependOnClassesThat().resideInAnyPackage("java.net..", "okhttp3..",
          "okio..", "io.hivesafe.hive.rpc..", "picocli..", "io.micrometer..", "ch.qos.logback..").allowEmptyShould(true);

  static final ArchRule NO_FILES_OR_HASH_ORDER = noClasses().that().resideInAnyPackage("io.hivesafe.ops..", "io.hivesafe.chrono..")
      .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "org.mapdb..")
      .orShould().dependOnClassesThat().haveFullyQualifiedName(java.io.File.class.getName())
      .orShould().dependOnClassesThat().haveFullyQualifiedName(java.util.HashMap.class.getName())
      .orShould().dependOnClassesThat().haveFullyQualifiedName(java.util.HashSet.class.getName())
      .orShould().dependOnClassesThat().haveFullyQualifiedName(java.util.Hashtable.class.getName())
      .orShould().dependOnClassesThat().haveFullyQualifiedName(java.util.IdentityHashMap.class.getName())
      .orShould().dependOnClassesThat().haveFullyQualifiedName(java.util.WeakHashMap.class.getName()).allowEmptyShould(true);

  /** A bug stops the node; it never becomes a recorded rejection (a fork). */
  static final ArchRule NO_CATCH_ALL = noClasses().that().resideInAnyPackage("io.hivesafe.ops..", "io.hivesafe.chrono..")
      .should(catchAll()).allowEmptyShould(true);

  /**
   * Consensus bytes are written by hand-written codecs (docs/state.md): the state module and chrono use
   * no JSON or reflection library, and ops uses Jackson only to read operation JSON and genesis files
   * (OpArgs, NetworkGenesisFile) and to write the genesis file, never to encode a state value.
   */
  static final ArchRule NO_JACKSON_IN_STATE_BYTES = noClasses().that().resideInAnyPackage("io.hivesafe.state..",
      "io.hivesafe.chrono..").should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..").allowEmptyShould(true);
  // NetworkGenesisFile writes the genesis file for operators (init, keys): a file format read back by
  // NetworkGenesisFile.read, not state bytes; the one ops class allowed to write JSON with Jackson.
  static final ArchRule NO_JACKSON_WRITING_IN_OPS = noClasses().that().resideInAPackage("io.hivesafe.ops..").and()
      .doNotHaveFullyQualifiedName("io.hivesafe.ops.NetworkGenesisFile").should()
      .dependOnClassesThat().haveFullyQualifiedName("com.fasterxml.jackson.databind.ObjectWriter")
      .orShould().callMethod("com.fasterxml.jackson.databind.ObjectMapper", "writeValueAsBytes", "java.lang.Object")
      .orShould().callMethod("com.fasterxml.jackson.databind.ObjectMapper", "writeValueAsString", "java.lang.Object")
      .orShould().callMethod("com.fasterxml.jackson.databind.ObjectMapper", "valueToTree", "java.lang.Object")
      .orShould().callMethod("com.fasterxml.jackson.databind.ObjectMapper", "writerFor", "java.lang.Class").allowEmptyShould(true);

  /**
   * The product holds nothing of the test kit, the simulator or the benchmarks. Its deliberate violation
   * lives in testkit's ProductBoundaryTest (engine cannot see the test kit's classes).
   */
  static final ArchRule PRODUCT_BELOW_THE_TEST_KIT = noClasses().that().resideInAnyPackage(PRODUCT).should().dependOnClassesThat()
      .resideInAnyPackage("io.hivesafe.testkit..", "io.hivesafe.sim..", "io.hivesafe.bench..").allowEmptyShould(true);

  static List<ArchRule> rules() {
    return List.of(HIVE_BELOW_ALL, STATE_BELOW_CHRONO, CHRONO_BELOW_OPS, OPS_BELOW_THE_SHELL, DEVNET_ON_HIVE_ONLY,
        PRODUCT_BELOW_THE_TEST_KIT, NO_CLOCK, NO_RANDOMNESS, NO_FLOATING_POINT, NO_NETWORK_OR_SHELL_LIBRARY, NO_FILES_OR_HASH_ORDER,
        NO_CATCH_ALL, NO_JACKSON_IN_STATE_BYTES, NO_JACKSON_WRITING_IN_OPS);
  }

  @Test
  void theProductKeepsEveryRule() {
    for (ArchRule r : rules()) {
      r.check(classes);
    }
  }

  /**
   * No JSON assembled by string concatenation in the product's main code (issue 16): a line holding a
   * JSON fragment in a string literal ({"... or ...":) and a concatenation. Operations are written by
   * their codecs (SidechainOps), other JSON by Jackson's tree or generator. Source, not bytecode: the
   * compiler folds the literal into a StringBuilder chain that no longer looks like JSON. The test kit
   * (its own module, not scanned) crafts malformed JSON on purpose.
   */
  static final java.util.regex.Pattern JSON_CONCATENATION =
      java.util.regex.Pattern.compile("(\\{\\\\\"|\\\\\":).*\\+|\\+.*(\\{\\\\\"|\\\\\":)");

  static List<String> jsonConcatenations(java.nio.file.Path root) throws java.io.IOException {
    List<String> found = new java.util.ArrayList<>();
    try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(root)) {
      for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = java.nio.file.Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).trim();
          if (!line.startsWith("*") && !line.startsWith("//") && JSON_CONCATENATION.matcher(line).find()) {
            found.add(root.relativize(f) + ":" + (i + 1) + ": " + line);
          }
        }
      }
    }
    return found;
  }

  @Test
  void noJsonIsAssembledByConcatenation() throws java.io.IOException {
    List<String> found = new java.util.ArrayList<>();
    for (String module : List.of("hive", "state", "chrono", "ops", "devnet", "engine")) {
      found.addAll(jsonConcatenations(java.nio.file.Path.of("..", module, "src", "main", "java")));
    }
    org.junit.jupiter.api.Assertions.assertEquals(List.of(), found);
    assertTrue(JSON_CONCATENATION.matcher("String json = \"{\\\"seq\\\":\" + seq + \"}\";").find(),
        "the pattern sees the old marker's concatenation");
  }

  /** Each rule, and the class that breaks it on purpose (test sources, in the package the rule covers). */
  static Stream<Arguments> violations() {
    return Stream.of(
        Arguments.of(HIVE_BELOW_ALL, io.hivesafe.hive.archfixture.ReachesState.class),
        Arguments.of(STATE_BELOW_CHRONO, io.hivesafe.state.archfixture.ReachesOps.class),
        Arguments.of(CHRONO_BELOW_OPS, io.hivesafe.chrono.archfixture.ReachesOps.class),
        Arguments.of(OPS_BELOW_THE_SHELL, Violations.ReachesTheShell.class),
        Arguments.of(DEVNET_ON_HIVE_ONLY, io.hivesafe.devnet.archfixture.ReachesOps.class),
        Arguments.of(NO_CLOCK, Violations.ReadsTheClock.class),
        Arguments.of(NO_RANDOMNESS, Violations.DrawsRandomness.class),
        Arguments.of(NO_FLOATING_POINT, Violations.UsesFloatingPoint.class),
        Arguments.of(NO_NETWORK_OR_SHELL_LIBRARY, Violations.TalksToTheNetwork.class),
        Arguments.of(NO_FILES_OR_HASH_ORDER, Violations.UsesAHashMap.class),
        Arguments.of(NO_CATCH_ALL, Violations.CatchesEverything.class),
        Arguments.of(NO_JACKSON_IN_STATE_BYTES, io.hivesafe.state.archfixture.UsesJackson.class),
        Arguments.of(NO_JACKSON_WRITING_IN_OPS, Violations.UsesJackson.class));
  }

  @ParameterizedTest
  @MethodSource("violations")
  void eachRuleFailsOnADeliberateViolationAndPassesWithoutIt(ArchRule rule, Class<?> violator) {
    JavaClasses bad = new ClassFileImporter().importClasses(violator);
    AssertionError e = assertThrows(AssertionError.class, () -> rule.check(bad), rule.getDescription());
    assertTrue(e.getMessage().contains(violator.getName()) || e.getMessage().contains(violator.getSimpleName()), e.getMessage());
    rule.check(new ClassFileImporter().importClasses(Violations.Clean.class, io.hivesafe.state.archfixture.Clean.class));
  }

  private static final Set<String> FLOATING = Set.of("double", "float", Double.class.getName(), Float.class.getName());

  private static boolean floating(JavaClass type) {
    return FLOATING.contains(type.getName());
  }

  /** A field, a parameter, a return value or a called method's signature of type double, float, Double or Float. */
  private static ArchCondition<JavaClass> useFloatingPoint() {
    return new ArchCondition<>("use floating point") {
    @Override
    public void check(JavaClass c, ConditionEvents events) {
      for (JavaField f : c.getFields()) {
        if (floating(f.getRawType())) {
          events.add(SimpleConditionEvent.satisfied(f, f.getFullName() + " is " + f.getRawType().getName()));
        }
      }
      for (JavaCodeUnit m : c.getCodeUnits()) {
        if (floating(m.getRawReturnType()) || m.getRawParameterTypes().stream().anyMatch(ArchitectureTest::floating)) {
          events.add(SimpleConditionEvent.satisfied(m, m.getFullName() + " takes or returns floating point"));
        }
        for (JavaMethodCall call : m.getMethodCallsFromSelf()) {
          if (floating(call.getTarget().getRawReturnType())
              || call.getTarget().getRawParameterTypes().stream().anyMatch(ArchitectureTest::floating)) {
            events.add(SimpleConditionEvent.satisfied(call, call.getDescription()));
          }
        }
      }
    }
    };
  }

  /** A try block catching RuntimeException, Exception, Throwable or Error. */
  private static ArchCondition<JavaClass> catchAll() {
    return new ArchCondition<>("catch RuntimeException, Exception, Throwable or Error") {
    @Override
    public void check(JavaClass c, ConditionEvents events) {
      for (JavaCodeUnit m : c.getCodeUnits()) {
        for (TryCatchBlock block : m.getTryCatchBlocks()) {
          for (JavaClass caught : block.getCaughtThrowables()) {
            String n = caught.getName();
            if (n.equals(RuntimeException.class.getName()) || n.equals(Exception.class.getName())
                || n.equals(Throwable.class.getName()) || n.equals(Error.class.getName())) {
              events.add(SimpleConditionEvent.satisfied(m, m.getFullName() + " catches " + n + " at " + block.getSourceCodeLocation()));
            }
          }
        }
      }
    }
  };
  }
}
