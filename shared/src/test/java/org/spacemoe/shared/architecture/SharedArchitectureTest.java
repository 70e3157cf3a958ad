package org.spacemoe.shared.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shared depends on nothing of ours and on no runtime framework (Micronaut, ONNX Runtime, MQTT) nor on what only the
 * ground and the bench need (orbit propagation with Orekit and Hipparchus, ONNX graph writing with Tribuo's protos
 * and protobuf: the orbit and model-export modules), so the flight artifact does not carry them; only its
 * command-line core ({@code org.spacemoe.shared.cli}, picocli an optional dependency) may use picocli.
 */
class SharedArchitectureTest {
  private static final String[] FORBIDDEN = {
    "org.spacemoe.ground..", "org.spacemoe.onboard..", "org.spacemoe.hil..", "io.micronaut..", "ai.onnxruntime..",
    "org.eclipse.paho..", "org.spacemoe.orbit..", "org.spacemoe.modelexport..", "org.orekit..", "org.hipparchus..",
    "org.tribuo..", "ai.onnx..", "com.google.protobuf.."
  };
  private static final String CLI = "org.spacemoe.shared.cli..";

  private static JavaClasses shared;

  @BeforeAll
  static void importShared() {
    shared = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
        .importPackages("org.spacemoe.shared");
  }

  static ArchRule sharedIsSelfContained() {
    return noClasses().that().resideInAPackage("org.spacemoe.shared..")
        .should().dependOnClassesThat().resideInAnyPackage(FORBIDDEN)
        .because("shared is used by ground and onboard and must not pull either in, nor their frameworks");
  }

  static ArchRule onlyTheCliCoreUsesPicocli() {
    return noClasses().that().resideInAPackage("org.spacemoe.shared..").and().resideOutsideOfPackage(CLI)
        .should().dependOnClassesThat().resideInAnyPackage("picocli..", CLI)
        .because("picocli is optional in shared: formats and model code must load without it");
  }

  @Test
  void importSawTheProductionClassesOnly() {
    // guards against a vacuous pass: the rule must have classes to check, and no test classes among them
    assertTrue(shared.containPackage("org.spacemoe.shared.constellation"));
    assertTrue(shared.containPackage("org.spacemoe.shared.plan"));
    assertTrue(shared.contain("org.spacemoe.shared.routing.CompactIslGraph"));
    assertFalse(shared.contain(SharedArchitectureTest.class.getName()));
    assertTrue(shared.size() > 30, "imported " + shared.size() + " classes");
  }

  @Test
  void sharedDependsOnNoOtherModuleOrRuntimeFramework() {
    sharedIsSelfContained().check(shared);
  }

  @Test
  void onlyTheCliCoreDependsOnPicocli() {
    assertTrue(shared.containPackage("org.spacemoe.shared.cli"));
    onlyTheCliCoreUsesPicocli().check(shared);
    // not vacuous: the CLI core itself does use picocli
    assertTrue(noClasses().that().resideInAPackage(CLI).should().dependOnClassesThat().resideInAPackage("picocli..")
        .evaluate(shared).hasViolation());
  }

  @Test
  void theSameRuleShapeDetectsARealDependency() {
    // shared does use Jackson (PlanJson) and java.nio: the rule with those packages must report violations, so the
    // import sees dependencies and the rule above is not vacuous
    for (String used : new String[] {"com.fasterxml.jackson..", "java.nio.."}) {
      EvaluationResult r = noClasses().that().resideInAPackage("org.spacemoe.shared..")
          .should().dependOnClassesThat().resideInAnyPackage(used).evaluate(shared);
      assertTrue(r.hasViolation(), used);
    }
  }
}
