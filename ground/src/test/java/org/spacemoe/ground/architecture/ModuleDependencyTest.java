package org.spacemoe.ground.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.archfixture.SharedClassThatUsesGround;

/**
 * The module DAG of DESIGN.md: {@code ground -> shared}, {@code onboard -> shared}, {@code hil -> onboard, ground,
 * shared}; {@code shared} depends on nothing of ours and {@code onboard} never on {@code ground}.
 */
class ModuleDependencyTest {
  private static final String SHARED = "org.spacemoe.shared..";
  private static final String GROUND = "org.spacemoe.ground..";
  private static final String ONBOARD = "org.spacemoe.onboard..";
  private static final String HIL = "org.spacemoe.hil..";

  static final ArchRule SHARED_DEPENDS_ON_NOTHING_OF_OURS = noClasses().that().resideInAPackage(SHARED)
      .should().dependOnClassesThat().resideInAnyPackage(GROUND, ONBOARD, HIL)
      .because("shared is the bottom of the module DAG");

  static final ArchRule GROUND_DEPENDS_ONLY_ON_SHARED = noClasses().that().resideInAPackage(GROUND)
      .should().dependOnClassesThat().resideInAnyPackage(ONBOARD, HIL)
      .because("ground -> shared only");

  /** No onboard classes yet: the rule is in place for when the module arrives. */
  static final ArchRule ONBOARD_NEVER_DEPENDS_ON_GROUND = noClasses().that().resideInAPackage(ONBOARD)
      .should().dependOnClassesThat().resideInAnyPackage(GROUND, HIL)
      .because("onboard -> shared only; the flight software never pulls in the ground tool")
      .allowEmptyShould(true);

  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.spacemoe");
  }

  @Test
  void importSeesBothModules() {
    // otherwise the rules below would pass vacuously
    assertTrue(classes.contain("org.spacemoe.shared.plan.PlanJson"));
    assertTrue(classes.contain("org.spacemoe.ground.cli.GroundCli"));
    assertFalse(classes.contain(SharedClassThatUsesGround.class), "test classes must not be imported");
  }

  @Test
  void sharedDependsOnNothingOfOurs() {
    SHARED_DEPENDS_ON_NOTHING_OF_OURS.check(classes);
  }

  @Test
  void groundDependsOnlyOnShared() {
    GROUND_DEPENDS_ONLY_ON_SHARED.check(classes);
  }

  @Test
  void onboardNeverDependsOnGroundOrHil() {
    ONBOARD_NEVER_DEPENDS_ON_GROUND.check(classes);
  }

  @Test
  void theSharedRuleCatchesAViolation() {
    // a (test-only) class in a shared package that uses a ground class must be reported
    JavaClasses bad = new ClassFileImporter().importClasses(SharedClassThatUsesGround.class);
    assertTrue(SHARED_DEPENDS_ON_NOTHING_OF_OURS.evaluate(bad).hasViolation());
  }
}
