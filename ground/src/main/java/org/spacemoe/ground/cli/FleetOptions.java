package org.spacemoe.ground.cli;

import org.spacemoe.shared.cli.JsonReportWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.uplink.PlanShards;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The satellites of a plan, the broker that reaches them and how long to wait for their answers. */
final class FleetOptions {
  @Option(names = "--plan", required = true, paramLabel = "FILE", description = "the plan (names its satellites)")
  Path planFile;

  @Mixin BrokerOptions broker;

  @Option(names = "--json", paramLabel = "FILE", description = "also write the outcome per satellite as JSON")
  Path json;

  @Option(names = "--key", required = true, paramLabel = "FILE",
      description = {"ground private key (PEM) that signs the commands; the counter used per satellite is kept",
          "beside it in KEYID.counters.json (never reused, also after a restart)"})
  Path key;

  @Option(names = "--timeout", defaultValue = "30", paramLabel = "S", description = "seconds to wait (default: ${DEFAULT-VALUE})")
  double timeoutS;

  PlacementPlan plan() {
    return PlanJson.read(planFile);
  }

  /** Every satellite with a role in the plan, sorted. */
  List<String> satellites() {
    return new ArrayList<>(PlanShards.satellites(plan()));
  }

  /** Writes {@code report} to {@code --json FILE} when given. */
  void writeJson(Object report) throws java.io.IOException {
    if (json != null) {
      JsonReportWriter.write(json, report);
    }
  }

  /** Signs commands with {@code --key} and that key's counters. */
  org.spacemoe.ground.ops.uplink.CommandIssuer issuer() {
    return org.spacemoe.ground.ops.uplink.CommandIssuer.fromKeyFile(key);
  }

  long timeoutMs() {
    return (long) (timeoutS * 1000);
  }
}
