package io.hivesafe.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

  @Test
  void theModuleChainGoesOneWay() {
    rule(noClasses().that().resideInAPackage("io.hivesafe.hive..").should().dependOnClassesThat()
        .resideInAnyPackage("io.hivesafe.state..", "io.hivesafe.chrono..", "io.hivesafe.ops..", "io.hivesafe.devnet..", "io.hivesafe.engine.."));
    rule(noClasses().that().resideInAPackage("io.hivesafe.state..").should().dependOnClassesThat()
        .resideInAnyPackage("io.hivesafe.chrono..", "io.hivesafe.ops..", "io.hivesafe.devnet..", "io.hivesafe.engine.."));
    rule(noClasses().that().resideInAPackage("io.hivesafe.chrono..").should().dependOnClassesThat()
        .resideInAnyPackage("io.hivesafe.ops..", "io.hivesafe.devnet..", "io.hivesafe.engine.."));
    rule(noClasses().that().resideInAPackage("io.hivesafe.ops..").should().dependOnClassesThat()
        .resideInAnyPackage("io.hivesafe.devnet..", "io.hivesafe.engine.."));
    rule(noClasses().that().resideInAPackage("io.hivesafe.devnet..").should().dependOnClassesThat()
        .resideInAnyPackage("io.hivesafe.state..", "io.hivesafe.chrono..", "io.hivesafe.ops..", "io.hivesafe.engine.."));
    rule(noClasses().that().resideInAnyPackage(PRODUCT).should().dependOnClassesThat()
        .resideInAnyPackage("io.hivesafe.testkit..", "io.hivesafe.sim..", "io.hivesafe.bench.."));
  }

  @Test
  void theCoreReadsNoClock() {
    rule(noClasses().that().resideInAnyPackage(CORE).and().resideOutsideOfPackage("io.hivesafe.hive.rpc..").should()
        .callMethod(System.class, "currentTimeMillis").orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(java.time.Instant.class, "now").orShould().callMethod(java.time.LocalDate.class, "now")
        .orShould().callMethod(java.time.LocalDateTime.class, "now")
        .orShould().dependOnClassesThat().haveFullyQualifiedName(java.time.Clock.class.getName()));
  }

  @Test
  void theCoreDrawsNoRandomNumber() {
    // Rfc6979Nonce implements BouncyCastle's DSAKCalculator, whose init(n, SecureRandom) it must declare
    // and refuses (deterministic nonces): the one class allowed to name SecureRandom.
    rule(noClasses().that().resideInAnyPackage(CORE).and().resideOutsideOfPackage("io.hivesafe.hive.rpc..")
        .and().doNotHaveFullyQualifiedName("io.hivesafe.hive.crypto.Rfc6979Nonce").should()
        .callMethod(Math.class, "random")
        .orShould().dependOnClassesThat().haveFullyQualifiedName(java.util.Random.class.getName())
        .orShould().dependOnClassesThat().haveFullyQualifiedName(java.security.SecureRandom.class.getName())
        .orShould().dependOnClassesThat().haveFullyQualifiedName(java.util.concurrent.ThreadLocalRandom.class.getName())
        .orShould().dependOnClassesThat().haveFullyQualifiedName(java.util.SplittableRandom.class.getName()));
  }

  @Test
  void theCoreUsesNoFloatingPoint() {
    rule(noClasses().that().resideInAnyPackage("io.hivesafe.ops..", "io.hivesafe.chrono..").should(USE_FLOATING_POINT));
  }

  @Test
  void theCoreTalksToNoNetworkAndUsesNoShellLibrary() {
    rule(noClasses().that().resideInAnyPackage(CORE).and().resideOutsideOfPackage("io.hivesafe.hive.rpc..").should()
        .dependOnClassesThat().resideInAnyPackage("java.net..", "okhttp3..", "okio..", "io.hivesafe.hive.rpc..", "picocli..",
            "io.micrometer..", "ch.qos.logback.."));
  }

  @Test
  void opsAndChronoTouchNoFileAndNoHashOrderedCollection() {
    rule(noClasses().that().resideInAnyPackage("io.hivesafe.ops..", "io.hivesafe.chrono..").should().dependOnClassesThat()
        .resideInAnyPackage("java.nio.file..", "org.mapdb..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName(java.io.File.class.getName())
        .orShould().dependOnClassesThat().haveFullyQualifiedName(java.util.HashMap.class.getName())
        .orShould().dependOnClassesThat().haveFullyQualifiedName(java.util.HashSet.class.getName())
        .orShould().dependOnClassesThat().haveFullyQualifiedName(java.util.Hashtable.class.getName())
        .orShould().dependOnClassesThat().haveFullyQualifiedName(java.util.IdentityHashMap.class.getName())
        .orShould().dependOnClassesThat().haveFullyQualifiedName(java.util.WeakHashMap.class.getName()));
  }

  @Test
  void opsAndChronoCatchNoCatchAll() {
    // A bug stops the node; it never becomes a recorded rejection (a fork).
    rule(noClasses().that().resideInAnyPackage("io.hivesafe.ops..", "io.hivesafe.chrono..").should(CATCH_ALL));
  }

  private static void rule(ArchRule r) {
    r.check(classes);
  }

  private static final Set<String> FLOATING = Set.of("double", "float", Double.class.getName(), Float.class.getName());

  private static boolean floating(JavaClass type) {
    return FLOATING.contains(type.getName());
  }

  /** A field, a parameter, a return value or a called method's signature of type double, float, Double or Float. */
  private static final ArchCondition<JavaClass> USE_FLOATING_POINT = new ArchCondition<>("use floating point") {
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

  /** A try block catching RuntimeException, Exception, Throwable or Error. */
  private static final ArchCondition<JavaClass> CATCH_ALL = new ArchCondition<>("catch RuntimeException, Exception, Throwable or Error") {
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
