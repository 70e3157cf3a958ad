package org.spacemoe.onboard.planstore;

import java.util.List;
import java.util.Objects;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.plan.PlanInputs;

/**
 * What this node is, against which an uplinked plan is checked.
 *
 * @param authenticator verifies the envelope and parses the plan
 * @param constellationId the constellation this node belongs to, e.g. {@code walker-star:6x12:550km:87deg:F1}
 * @param model the model this node runs (name and dimensions, as a plan stores them)
 * @param device this node's computer: its memory bounds the shards one satellite may hold
 * @param satellites the satellites this node plays (one on a board, many on the bench)
 * @param intraOpThreads ONNX Runtime intra-op threads for the load check, >= 1
 */
public record StagingContext(PlanAuthenticator authenticator, String constellationId, PlanInputs.ModelDims model,
    DeviceProfile device, List<String> satellites, int intraOpThreads) {
  public StagingContext {
    Objects.requireNonNull(authenticator, "authenticator");
    Objects.requireNonNull(constellationId, "constellationId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(device, "device");
    satellites = List.copyOf(satellites);
    if (satellites.isEmpty()) {
      throw new IllegalArgumentException("a node plays at least one satellite");
    }
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intra-op threads must be >= 1, got " + intraOpThreads);
    }
  }

  /** With one intra-op thread. */
  public StagingContext(PlanAuthenticator authenticator, String constellationId, PlanInputs.ModelDims model,
      DeviceProfile device, List<String> satellites) {
    this(authenticator, constellationId, model, device, satellites, 1);
  }
}
