package org.spacemoe.shared.routing;

import org.spacemoe.shared.constellation.EarthConstants;
import org.spacemoe.shared.input.Checks;

/**
 * Latency of one ISL hop carrying one message: {@code lengthKm / c + messageBytes * 8 / rateBitsPerS}, s.
 *
 * @param rateBitsPerS ISL data rate, bit/s (paper: >= 100 Gbps)
 * @param messageBytes size of the message a hop carries (one hidden state), bytes
 */
public record HopLatencyModel(double rateBitsPerS, long messageBytes) {
  public static final double DEFAULT_RATE_BITS_PER_S = 100e9;

  public HopLatencyModel {
    Checks.positive("ISL rate (bit/s)", rateBitsPerS);
    if (messageBytes < 0) {
      throw new IllegalArgumentException("message bytes < 0");
    }
  }

  public double propagationS(double lengthKm) {
    return lengthKm / EarthConstants.SPEED_OF_LIGHT_KM_PER_S;
  }

  public double transmissionS() {
    return messageBytes * 8.0 / rateBitsPerS;
  }

  public double hopS(double lengthKm) {
    return propagationS(lengthKm) + transmissionS();
  }
}
