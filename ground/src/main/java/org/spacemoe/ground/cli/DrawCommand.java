package org.spacemoe.ground.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spacemoe.ground.draw.PlacementMapRenderer;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code draw}: the placement on a map. */
@Command(name = "draw", mixinStandardHelpOptions = true,
    description = "Draws a plan on a map of the constellation: each layer's subnet in its colour, gateways as squares, experts as circles.")
final class DrawCommand implements Callable<Integer> {
  @Option(names = "--plan", paramLabel = "FILE", required = true, description = "placement plan JSON")
  Path planFile;

  @Option(names = "--out", paramLabel = "FILE.png", required = true, description = "PNG to write")
  Path out;

  @Option(names = "--time-s", paramLabel = "S", defaultValue = "0", description = "seconds after the constellation epoch (default: ${DEFAULT-VALUE})")
  double timeS;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Checks.nonNegative("--time-s", timeS);
    PlacementPlan plan = PlanJson.read(planFile);
    Constellation c = ConstellationSpecs.parse(plan.inputs().constellationSpec());
    PlacementMapRenderer.writePng(plan, c, timeS, out);
    spec.commandLine().getOut().printf("wrote %s%n", out);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
