package org.spacemoe.ground.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanEdits;
import org.spacemoe.shared.plan.PlanJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edit-plan}: a new plan version from an old one by hand edits that keep every satellite's load. */
@Command(name = "edit-plan", mixinStandardHelpOptions = true,
    description = {"Writes a new version of a plan with the hosts of pairs of experts swapped (each satellite keeps",
        "its load; only the swapped experts' shards move, so an uplink sends only what their new hosts lack).",
        "Exit 0 when written, 2 on bad input."})
final class EditPlanCommand implements Callable<Integer> {
  @Option(names = "--plan", required = true, paramLabel = "FILE", description = "the plan to start from")
  Path planFile;

  @Option(names = "--swap-experts", required = true, paramLabel = "L:A,B",
      description = "swap the hosts of experts A and B of layer L; repeat for more swaps")
  List<String> swaps = new ArrayList<>();

  @Option(names = "--plan-version", paramLabel = "V", description = "version of the new plan (default: the plan's + 1)")
  Long planVersion;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "new plan JSON")
  Path out;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PlacementPlan plan = PlanJson.read(planFile);
    long version = planVersion == null ? plan.planVersion() + 1 : planVersion;
    if (version < 1) {
      throw new InvalidInputException("--plan-version", "must be >= 1, got " + version);
    }
    if (Files.isDirectory(out)) {
      throw new InvalidInputException("--out", "'" + out + "' is a directory; give a file");
    }
    PrintWriter o = spec.commandLine().getOut();
    PlacementPlan edited = plan;
    for (String swap : swaps) {
      int[] lab = parseSwap(swap);
      edited = PlanEdits.swapExperts(edited, lab[0], lab[1], lab[2], "--swap-experts " + swap);
      List<String> nowA = hostsOf(edited, lab[0], lab[1]);
      List<String> nowB = hostsOf(edited, lab[0], lab[2]);
      o.printf("layer %d: expert %d %s -> %s, expert %d %s -> %s%n", lab[0], lab[1], nowB, nowA, lab[2], nowA,
          nowB);
    }
    edited = PlanEdits.withVersion(edited, version);
    Path abs = out.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    PlanJson.write(edited, abs);
    o.printf("wrote %s: plan version %d (from version %d)%n", out, version, plan.planVersion());
    o.flush();
    return 0;
  }

  private static List<String> hostsOf(PlacementPlan plan, int layer, int expert) {
    return plan.layers().get(layer).experts().get(expert);
  }

  /** {@code L:A,B} as {layer, a, b}. */
  static int[] parseSwap(String s) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*(\\d+)\\s*:\\s*(\\d+)\\s*,\\s*(\\d+)\\s*")
        .matcher(s);
    if (!m.matches()) {
      throw new InvalidInputException("--swap-experts", "'" + s + "' is not LAYER:EXPERT,EXPERT (e.g. 0:1,2)");
    }
    try {
      return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    } catch (NumberFormatException e) {
      throw new InvalidInputException("--swap-experts", "'" + s + "': number out of range");
    }
  }
}
