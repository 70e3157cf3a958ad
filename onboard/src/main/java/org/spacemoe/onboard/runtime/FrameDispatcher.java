package org.spacemoe.onboard.runtime;

import java.util.Map;
import java.util.concurrent.Executor;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.onboard.transport.InboundFrameHandler;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.ActivationFrameCodec;
import org.spacemoe.shared.frame.FrameDecodeException;

/**
 * Decodes inbound frames and hands each to the role it is for, on the addressed satellite's serial
 * executor. A frame that does not decode, carries another plan version, or names a layer or expert the
 * satellite does not serve is dropped and counted by reason; a role that fails counts
 * {@link DropReason#EXECUTION_FAILED}. Nothing here throws.
 */
final class FrameDispatcher implements InboundFrameHandler {
  private final Map<String, SatelliteRoles> satellites;
  private final NodeTelemetry telemetry;
  private final long planVersion;

  FrameDispatcher(Map<String, SatelliteRoles> satellites, NodeTelemetry telemetry, long planVersion) {
    this.satellites = satellites;
    this.telemetry = telemetry;
    this.planVersion = planVersion;
  }

  @Override
  public void onFrame(String satellite, byte[] bytes, long sentAtNanos, long arrivedAtNanos) {
    SatelliteRoles roles = satellites.get(satellite);
    if (roles == null) {
      telemetry.dropped(DropReason.UNKNOWN_SATELLITE);
      return;
    }
    ActivationFrame frame;
    try {
      frame = Frames.CODEC.decode(bytes);
    } catch (FrameDecodeException e) {
      telemetry.frameError(e.reason().name());
      return;
    }
    if (frame.planVersion() != planVersion) {
      telemetry.dropped(DropReason.WRONG_PLAN_VERSION);
      return;
    }
    Executor serial = roles.serial();
    serial.execute(() -> {
      long start = System.nanoTime();
      try {
        long compute = roles.handle(frame);
        if (compute >= 0) {
          telemetry.hop(frame.layer(), arrivedAtNanos - sentAtNanos, start - arrivedAtNanos, compute);
        }
      } catch (Exception | LinkageError e) {
        telemetry.dropped(DropReason.EXECUTION_FAILED);
      }
    });
  }
}
