package org.spacemoe.hil.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spacemoe.ground.archfixture.GroundClassThatUsesOnboard;
import org.spacemoe.onboard.archfixture.OnboardClassThatUsesGround;
import org.spacemoe.shared.archfixture.SharedClassThatUsesHil;

/**
 * The module DAG over the main classes of every module (hil sees them all): shared depends on nothing of ours; orbit
 * and model-export only on shared; ground on those three; onboard only on shared, and not on the orbit, ONNX-export
 * or protobuf libraries either (the flight artifact does not carry them); hil may use them all.
 */
class ModuleRulesTest {
  private static final String SHARED = "org.spacemoe.shared..";
  private static final String GROUND = "org.spacemoe.ground..";
  private static final String ONBOARD = "org.spacemoe.onboard..";
  private static final String HIL = "org.spacemoe.hil..";
  private static final String ORBIT = "org.spacemoe.orbit..";
  private static final String MODEL_EXPORT = "org.spacemoe.modelexport..";

  static final ArchRule SHARED_RULE = noClasses().that().resideInAPackage(SHARED)
      .should().dependOnClassesThat().resideInAnyPackage(GROUND, ONBOARD, HIL, ORBIT, MODEL_EXPORT)
      .because("shared is the bottom of the module DAG");

  static final ArchRule ORBIT_AND_EXPORT_RULE = noClasses().that().resideInAnyPackage(ORBIT, MODEL_EXPORT)
      .should().dependOnClassesThat().resideInAnyPackage(GROUND, ONBOARD, HIL)
      .because("orbit and model-export -> shared only");

  static final ArchRule GROUND_RULE = noClasses().that().resideInAPackage(GROUND)
      .should().dependOnClassesThat().resideInAnyPackage(ONBOARD, HIL)
      .because("ground -> shared only");

  static final ArchRule ONBOARD_RULE = noClasses().that().resideInAPackage(ONBOARD)
      .should().dependOnClassesThat().resideInAnyPackage(GROUND, HIL, ORBIT, MODEL_EXPORT, "org.orekit..",
          "org.hipparchus..", "org.tribuo..", "ai.onnx.proto..", "com.google.protobuf..")
      .because("onboard -> shared only: the flight software never pulls in the ground tool, the bench, orbit"
          + " propagation or ONNX export");

  /** Within a module, the feature packages (with their sub-packages) form no cycle. */
  static ArchRule noPackageCycles(String module) {
    return slices().matching("org.spacemoe." + module + ".(*)..").should().beFreeOfCycles()
        .because("packages by feature depend one way: " + module + "'s features form a DAG");
  }

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.spacemoe");
  }

  private static long count(String pkg) {
    return classes.stream().map(JavaClass::getPackageName).filter(p -> p.startsWith(pkg)).count();
  }

  @Test
  void importHoldsMainClassesOfAllFourModules() {
    // otherwise the rules below could pass vacuously
    assertTrue(classes.contain("org.spacemoe.shared.frame.ActivationFrameCodec"));
    assertTrue(classes.contain("org.spacemoe.ground.cli.GroundCli"));
    assertTrue(classes.contain("org.spacemoe.onboard.runtime.OnboardRuntime"));
    assertTrue(classes.contain("org.spacemoe.hil.bench.BenchRunner"));
    assertTrue(classes.contain("org.spacemoe.orbit.TleConstellation"));
    assertTrue(classes.contain("org.spacemoe.modelexport.MoeModelExporter"));
    for (String pkg : new String[] {"org.spacemoe.shared", "org.spacemoe.ground", "org.spacemoe.onboard",
        "org.spacemoe.hil", "org.spacemoe.orbit", "org.spacemoe.modelexport"}) {
      assertTrue(count(pkg) >= 5, pkg + " has only " + count(pkg) + " classes in the import");
    }
    // main classes only
    assertFalse(classes.contain(ModuleRulesTest.class), "test classes must not be imported");
    assertFalse(classes.contain(OnboardClassThatUsesGround.class), "test classes must not be imported");
  }

  @Test
  void sharedDependsOnNothingOfOurs() {
    SHARED_RULE.check(classes);
  }

  @Test
  void orbitAndModelExportDependOnlyOnShared() {
    ORBIT_AND_EXPORT_RULE.check(classes);
  }

  @Test
  void groundDependsOnlyOnShared() {
    GROUND_RULE.check(classes);
  }

  @Test
  void onboardDependsOnlyOnShared() {
    ONBOARD_RULE.check(classes);
  }

  @Test
  void eachRuleCatchesAViolation() {
    // test-only fixtures that break each rule on purpose must be reported
    assertTrue(SHARED_RULE.evaluate(new ClassFileImporter().importClasses(SharedClassThatUsesHil.class))
        .hasViolation());
    assertTrue(GROUND_RULE.evaluate(new ClassFileImporter().importClasses(GroundClassThatUsesOnboard.class))
        .hasViolation());
    assertTrue(ONBOARD_RULE.evaluate(new ClassFileImporter().importClasses(OnboardClassThatUsesGround.class))
        .hasViolation());
  }

  @Test
  void noModuleHasPackageCycles() {
    for (String module : new String[] {"shared", "ground", "onboard", "hil"}) {
      noPackageCycles(module).check(classes);
    }
  }
}
