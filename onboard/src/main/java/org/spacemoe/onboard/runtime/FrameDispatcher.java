package org.spacemoe.onboard.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.onboard.transport.InboundFrameHandler;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.FrameDecodeException;
import org.spacemoe.shared.frame.FrameKind;
import org.spacemoe.shared.frame.SequenceStartCodec;

/**
 * Decodes inbound frames and hands each to the role it is for, on the addressed satellite's serial
 * executor, in the role set of the frame's plan version. Several plan versions can be installed at once:
 * new sequences start only on the active one, while sequences begun on an older one finish there, so no
 * token ever mixes two versions. A frame that does not decode, names a version that is not installed,
 * starts a sequence on a version that is not active, or names a layer or expert the satellite does not
 * serve is dropped and counted by reason; a role's {@link Outcome} is counted (a hop, a drop by reason, an
 * ignored duplicate by kind); a role that throws counts {@link DropReason#EXECUTION_FAILED}.
 * Nothing here throws.
 */
final class FrameDispatcher implements InboundFrameHandler {
  private final NodeTelemetry telemetry;
  private final Map<Long, Map<String, SatelliteRoles>> versions = new ConcurrentHashMap<>();
  private volatile long activeVersion;

  FrameDispatcher(NodeTelemetry telemetry) {
    this.telemetry = telemetry;
  }

  /** Installs the roles of a plan version without making it active. */
  void install(long version, Map<String, SatelliteRoles> roles) {
    versions.put(version, Map.copyOf(roles));
  }

  /** New sequences start on {@code version} from now on; it must be installed. */
  void activate(long version) {
    if (!versions.containsKey(version)) {
      throw new IllegalStateException("plan version " + version + " is not installed");
    }
    activeVersion = version;
  }

  /** Forgets a version; its frames are dropped from now on. The active version cannot be retired. */
  void retire(long version) {
    if (version != activeVersion) {
      versions.remove(version);
    }
  }

  /** Sequence states held by every installed version's roles (racy, for monitoring). */
  int sequencesHeld() {
    return versions.values().stream().flatMap(m -> m.values().stream()).mapToInt(SatelliteRoles::sequencesHeld).sum();
  }

  /** Every installed version's roles of every hosted satellite fail the sequences they hold (node stopping). */
  void failHeld(String detail) {
    versions.values().forEach(m -> m.values().forEach(r -> r.failHeld(detail)));
  }

  long activeVersion() {
    return activeVersion;
  }

  boolean isInstalled(long version) {
    return versions.containsKey(version);
  }

  @Override
  public void onFrame(String satellite, String from, byte[] bytes, long sentAtNanos, long arrivedAtNanos) {
    ActivationFrame frame;
    try {
      frame = Frames.CODEC.decode(bytes);
    } catch (FrameDecodeException e) {
      telemetry.frameError(e.reason().name());
      return;
    }
    Map<String, SatelliteRoles> set = versions.get(frame.planVersion());
    boolean start = SequenceStartCodec.isStart(frame);
    if (set == null || (start && frame.planVersion() != activeVersion)) {
      telemetry.dropped(DropReason.WRONG_PLAN_VERSION);
      return;
    }
    SatelliteRoles roles = set.get(satellite);
    if (roles == null) {
      telemetry.dropped(DropReason.UNKNOWN_SATELLITE);
      return;
    }
    Executor serial = roles.serial();
    serial.execute(() -> {
      long begin = System.nanoTime();
      try {
        Outcome o = roles.handle(frame, from);
        if (o instanceof Outcome.Handled h) {
          if (frame.kind() != FrameKind.ACK && frame.kind() != FrameKind.END) {
            telemetry.hop(frame.layer(), arrivedAtNanos - sentAtNanos, begin - arrivedAtNanos, h.computeNanos());
          }
        } else if (o instanceof Outcome.Dropped d) {
          telemetry.dropped(d.reason());
        } else if (o instanceof Outcome.Duplicate d) {
          telemetry.duplicateIgnored(d.what());
        }
      } catch (Exception | LinkageError e) {
        telemetry.dropped(DropReason.EXECUTION_FAILED);
      }
    });
  }
}
