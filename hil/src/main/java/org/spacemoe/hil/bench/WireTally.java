package org.spacemoe.hil.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.spacemoe.shared.frame.ActivationFrame;

/**
 * What one sequence's frames put on the wire, as seen at the broker: frames, whole frame bytes (header, payload,
 * CRC), and for the activation frames (float codecs) their payload bytes and values. Thread-safe.
 */
final class WireTally {
  private final LongAdder frames = new LongAdder();
  private final LongAdder frameBytes = new LongAdder();
  private final LongAdder activationFrames = new LongAdder();
  private final LongAdder activationPayloadBytes = new LongAdder();
  private final LongAdder activationValues = new LongAdder();
  private final Map<String, LongAdder> byKindAndCodec = new ConcurrentHashMap<>();

  /** Counts a decoded frame that was {@code wireBytes} long. */
  void add(ActivationFrame f, int wireBytes) {
    frames.increment();
    frameBytes.add(wireBytes);
    byKindAndCodec.computeIfAbsent(f.kind() + "/" + f.codec(), k -> new LongAdder()).increment();
    if (f.codec().carriesFloats()) {
      activationFrames.increment();
      activationPayloadBytes.add(f.codec().payloadBytes(f.rows(), f.cols()));
      activationValues.add((long) f.rows() * f.cols());
    }
  }

  long frames() {
    return frames.sum();
  }

  long frameBytes() {
    return frameBytes.sum();
  }

  long activationFrames() {
    return activationFrames.sum();
  }

  long activationPayloadBytes() {
    return activationPayloadBytes.sum();
  }

  long activationValues() {
    return activationValues.sum();
  }

  /** Frames by {@code KIND/CODEC}, e.g. {@code EXPERT_REQUEST/INT8}: which codec each link class used. */
  Map<String, Long> framesByKindAndCodec() {
    Map<String, Long> m = new TreeMap<>();
    byKindAndCodec.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /** Activation payload bytes per value (int8 includes its per-row scales); NaN when none was seen. */
  double payloadBytesPerValue() {
    long v = activationValues();
    return v == 0 ? Double.NaN : (double) activationPayloadBytes() / v;
  }
}
