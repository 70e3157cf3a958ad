package org.spacemoe.onboard.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.shared.frame.ActivationFrame;

/** The roles one satellite plays and the serial executor they run on. */
final class SatelliteRoles {
  private final Executor serial;
  private final NodeTelemetry telemetry;
  private final Map<Integer, GatewayRole> gateways = new HashMap<>();
  private final Map<Long, ExpertRole> experts = new HashMap<>();

  SatelliteRoles(Executor serial, NodeTelemetry telemetry) {
    this.serial = serial;
    this.telemetry = telemetry;
  }

  Executor serial() {
    return serial;
  }

  void addGateway(int layer, GatewayRole role) {
    gateways.put(layer, role);
  }

  void addExpert(int layer, int expert, ExpertRole role) {
    experts.put(key(layer, expert), role);
  }

  private static long key(int layer, int expert) {
    return ((long) layer << 32) | (expert & 0xffffffffL);
  }

  /** Handles one frame; returns the compute time (ns), or -1 if the frame was dropped. */
  long handle(ActivationFrame f) throws Exception {
    switch (f.kind()) {
      case TOKEN: {
        GatewayRole g = gateways.get(0);
        return g == null ? unknown() : g.onToken(f);
      }
      case HIDDEN: {
        GatewayRole g = gateways.get(f.layer());
        return g == null ? unknown() : g.onHidden(f);
      }
      case EXPERT_REQUEST: {
        ExpertRole e = experts.get(key(f.layer(), f.expert()));
        return e == null ? unknown() : e.onRequest(f);
      }
      case EXPERT_RESPONSE: {
        // combined at the layer's own gateway, or forwarded to the next layer's gateway (plan combine point)
        GatewayRole g = gateways.get(f.layer());
        if (g != null && !g.combinesAtNext()) {
          return g.onExpertResponse(f);
        }
        GatewayRole next = gateways.get(f.layer() + 1);
        return next != null && next.takesForwardedOutputs() ? next.onForwardedOutput(f) : unknown();
      }
      default:
        return unknown();
    }
  }

  private long unknown() {
    telemetry.dropped(DropReason.UNKNOWN_ROLE);
    return -1;
  }
}
