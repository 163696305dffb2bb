package io.hivesafe.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.hivesafe.engine.TestKitLeak;
import io.hivesafe.engine.cli.HivesafeCommand;
import io.hivesafe.testkit.cluster.DevnetCluster;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product holds nothing of the test kit (issue 16; STYLE 16), checked on the bytecode with ArchUnit
 * here, the one module that sees both: every main class of every io.hivesafe module on this class path
 * (the product — hive, state, chrono, ops, devnet, engine, whose classes make up engine/target/hivesafe.jar
 * — and the test kit), tests excluded. No product class uses a test kit class, and a class is in
 * {@code io.hivesafe.testkit} exactly when it comes from the test kit's own classes: the test kit puts
 * nothing into the product's packages and the product's classes hold no test kit class. The last two
 * tests show each rule red on a deliberate violation ({@link TestKitLeak}, a test class).
 */
class ProductBoundaryTest {
  private static final String TEST_KIT = "io.hivesafe.testkit..";
  private static final String[] PRODUCT = {"io.hivesafe.hive..", "io.hivesafe.state..", "io.hivesafe.chrono..",
      "io.hivesafe.ops..", "io.hivesafe.devnet..", "io.hivesafe.engine.."};

  /** No class of the product's packages depends on a class of the test kit. */
  static final ArchRule PRODUCT_USES_NO_TEST_KIT = noClasses().that().resideInAnyPackage(PRODUCT).should()
      .dependOnClassesThat().resideInAPackage(TEST_KIT)
      .because("the product jar holds nothing of the test kit");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.hivesafe");
  }

  /** Where {@code type}'s class file was loaded from: a classes directory (ending in /) or a jar. */
  private static String location(Class<?> type) {
    try {
      return type.getProtectionDomain().getCodeSource().getLocation().toURI().getPath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code c}'s class file is inside {@code location}, a classes directory or a jar. */
  private static boolean isInside(JavaClass c, String location) {
    String uri = c.getSource().orElseThrow(() -> new AssertionError(c.getName() + " has no source")).getUri().toString();
    String path = URI.create(uri.startsWith("jar:") ? uri.substring("jar:".length()) : uri).getPath();
    return location.endsWith("/") ? path.startsWith(location) : path.startsWith(location + "!/");
  }

  /** Classes of io.hivesafe come from {@code kitLocation} exactly when they are in the test kit's packages. */
  static ArchRule testKitPackagesAreTheTestKitsClasses(String kitLocation) {
    return classes().that().resideInAPackage("io.hivesafe..").should(new ArchCondition<>(
        "be in " + TEST_KIT + " exactly when they are the test kit's classes (" + kitLocation + ")") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        boolean inKitPackage = c.getPackageName().startsWith("io.hivesafe.testkit");
        boolean fromKit = isInside(c, kitLocation);
        if (inKitPackage != fromKit) {
          events.add(SimpleConditionEvent.violated(c, fromKit
              ? c.getName() + " is one of the test kit's classes, in a package of the product"
              : c.getName() + " is in the test kit's packages but comes from " + c.getSource().orElseThrow().getUri()));
        }
      }
    });
  }

  @Test
  void theImportSeesEveryModuleOfTheProductAndTheTestKitButNoTest() {
    for (Class<?> c : List.of(io.hivesafe.hive.protocol.Transaction.class, io.hivesafe.state.StateStore.class,
        io.hivesafe.chrono.Chrono.class, io.hivesafe.ops.BlockApplier.class, io.hivesafe.devnet.Devnet.class,
        HivesafeCommand.class, DevnetCluster.class)) {
      assertTrue(classes.contain(c), c + " imported");
    }
    assertEquals(List.of(), classes.stream().filter(c -> c.getSimpleName().equals(TestKitLeak.class.getSimpleName())).toList(),
        "no test class imported");
  }

  @Test
  void noProductClassUsesTheTestKit() {
    PRODUCT_USES_NO_TEST_KIT.check(classes);
  }

  @Test
  void theTestKitsClassesAreInItsPackagesAndTheProductHoldsNone() {
    assertTrue(!location(DevnetCluster.class).equals(location(HivesafeCommand.class)), location(DevnetCluster.class));
    testKitPackagesAreTheTestKitsClasses(location(DevnetCluster.class)).check(classes);
  }

  @Test
  void aProductClassThatUsesTheTestKitBreaksTheRule() {
    EvaluationResult result = PRODUCT_USES_NO_TEST_KIT.evaluate(new ClassFileImporter().importClasses(TestKitLeak.class));
    assertTrue(result.hasViolation(), "the rule saw nothing");
    String report = result.getFailureReport().toString();
    assertTrue(report.contains("io.hivesafe.engine.TestKitLeak") && report.contains("io.hivesafe.testkit.traffic.TrafficNetwork"), report);
  }

  @Test
  void aClassOfTheProductsPackagesAmongTheTestKitsClassesBreaksTheRule() {
    // TestKitLeak's classes directory stands for the test kit's: a class of io.hivesafe.engine in it.
    EvaluationResult result = testKitPackagesAreTheTestKitsClasses(location(TestKitLeak.class))
        .evaluate(new ClassFileImporter().importClasses(TestKitLeak.class, DevnetCluster.class));
    String report = result.getFailureReport().toString();
    assertTrue(report.contains("io.hivesafe.engine.TestKitLeak is one of the test kit's classes, in a package of the product"), report);
    assertTrue(report.contains("io.hivesafe.testkit.cluster.DevnetCluster is in the test kit's packages but comes from"), report);
  }
}
