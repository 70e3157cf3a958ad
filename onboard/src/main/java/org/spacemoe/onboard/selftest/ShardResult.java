package org.spacemoe.onboard.selftest;

/**
 * The selftest's verdict on one shard.
 *
 * @param shard shard name
 * @param kind embed, gateway, expert, head, attention_part, combine or head_slice
 * @param bytes file size
 * @param fp32Bytes its weights once loaded in fp32 (ONNX Runtime's working copy)
 * @param loadMs reading, SHA-256 check and ONNX Runtime session creation, ms
 * @param firstRunMs the first run (includes ONNX Runtime's lazy initialisation), ms; null when not run
 * @param runMs a second run on the same input, ms; null when not run
 * @param maxAbsDiff largest absolute difference from the reference (null when not run)
 * @param tolerance the manifest's tolerance (null when not known)
 * @param worst where {@code maxAbsDiff} was, e.g. {@code y[12]}
 * @param passed loaded, ran and within the tolerance
 * @param error why it failed to load or run, or null
 */
public record ShardResult(String shard, String kind, long bytes, long fp32Bytes, double loadMs, Double firstRunMs,
    Double runMs, Double maxAbsDiff, Double tolerance, String worst, boolean passed, String error) {}
