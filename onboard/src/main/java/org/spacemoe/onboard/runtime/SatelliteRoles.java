package org.spacemoe.onboard.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.SequenceStartCodec;

/** The roles one satellite plays and the serial executor they run on. */
final class SatelliteRoles {
  private final Executor serial;
  private final NodeTelemetry telemetry;
  private final Map<Integer, GatewayRole> gateways = new HashMap<>();
  private final Map<Long, ExpertRole> experts = new HashMap<>();
  /** Attention shares this satellite computes for other satellites' layers, by (layer, share). */
  private final Map<Long, AttentionPartRole> attentionParts = new HashMap<>();
  /** LM-head slices this satellite computes for the last layer's gateway, by share. */
  private final Map<Integer, HeadSliceRole> headSlices = new HashMap<>();

  private final int lastLayer;

  /** @param lastLayer index of the plan's last layer (its gateway takes the ring closure's ACK) */
  SatelliteRoles(Executor serial, NodeTelemetry telemetry, int lastLayer) {
    this.serial = serial;
    this.telemetry = telemetry;
    this.lastLayer = lastLayer;
  }

  /** Sequences the gateways of this satellite hold state for (racy, for monitoring). */
  int sequencesHeld() {
    return gateways.values().stream().mapToInt(GatewayRole::sequencesHeld).sum()
        + attentionParts.values().stream().mapToInt(AttentionPartRole::sequencesHeld).sum();
  }

  /** Fails every sequence the gateways of this satellite hold ({@link GatewayRole#failHeld}), on its queue. */
  void failHeld(String detail) {
    serial.execute(() -> gateways.values().forEach(g -> g.failHeld(detail)));
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

  void addAttentionPart(int layer, int share, AttentionPartRole role) {
    attentionParts.put(key(layer, share), role);
  }

  void addHeadSlice(int share, HeadSliceRole role) {
    headSlices.put(share, role);
  }

  private static long key(int layer, int expert) {
    return ((long) layer << 32) | (expert & 0xffffffffL);
  }

  /** Handles one frame from satellite {@code from} (null: a ground client). */
  Outcome handle(ActivationFrame f, String from) throws Exception {
    switch (f.kind()) {
      case TOKEN: {
        GatewayRole g = gateways.get(0);
        if (g == null) {
          return unknown();
        }
        return SequenceStartCodec.isStart(f) ? g.onStart(f) : g.onClosure(f, from);
      }
      case HIDDEN: {
        GatewayRole g = gateways.get(f.layer());
        return g == null ? unknown() : g.onHidden(f, from);
      }
      case EXPERT_REQUEST: {
        ExpertRole e = experts.get(key(f.layer(), f.expert()));
        return e == null ? unknown() : e.onRequest(f, from);
      }
      case EXPERT_RESPONSE: {
        // combined at the layer's own gateway, or forwarded to the next layer's gateway (plan combine point)
        GatewayRole g = gateways.get(f.layer());
        if (g != null && !g.combinesAtNext()) {
          return g.onExpertResponse(f);
        }
        GatewayRole next = gateways.get(f.layer() + 1);
        return next != null && next.takesForwardedOutputs() ? next.onForwardedOutput(f, from) : unknown();
      }
      case PART_REQUEST: {
        AttentionPartRole p = attentionParts.get(key(f.layer(), f.expert()));
        return p == null ? unknown() : p.onRequest(f, from);
      }
      case PART_RESPONSE: {
        GatewayRole g = gateways.get(f.layer());
        return g == null ? unknown() : g.onPartResponse(f);
      }
      case SLICE_REQUEST: {
        HeadSliceRole h = f.layer() == lastLayer ? headSlices.get(f.expert()) : null;
        return h == null ? unknown() : h.onRequest(f, from);
      }
      case SLICE_RESPONSE: {
        GatewayRole g = f.layer() == lastLayer ? gateways.get(lastLayer) : null;
        return g == null ? unknown() : g.onSliceResponse(f);
      }
      case ACK: {
        // ACK of layer l's input: sent by the gateway of layer l - 1 here; layer 0's input is the ring closure
        int sender = f.layer() == 0 ? lastLayer : f.layer() - 1;
        GatewayRole g = gateways.get(sender);
        return g == null ? unknown() : g.onAck(f);
      }
      case END: {
        // the entry (if here) first: from a failing gateway it ends the sequence everywhere; every gateway of this
        // satellite releases the sequence's state
        GatewayRole entry = gateways.get(0);
        if (entry != null) {
          entry.onEnd(f);
        }
        for (Map.Entry<Integer, GatewayRole> g : gateways.entrySet()) {
          if (g.getKey() != 0) {
            g.getValue().onEnd(f);
          }
        }
        attentionParts.values().forEach(p -> p.onEnd(f.sequenceId()));
        return Outcome.handled(0);
      }
      default:
        return unknown();
    }
  }

  private static Outcome unknown() {
    return Outcome.dropped(DropReason.UNKNOWN_ROLE);
  }
}
