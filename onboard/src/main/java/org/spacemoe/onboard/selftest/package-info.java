/**
 * {@code spacemoe-onboard selftest}: proves a board can run its shards. Loads the shards the configuration names
 * (or a whole exported model), runs each once on its {@link org.spacemoe.shared.model.onnx.ShardProbe} input,
 * compares the outputs numerically with the manifest's {@link org.spacemoe.shared.model.onnx.ShardReference}, and
 * reports the platform: architecture, CPU, JVM, ONNX Runtime version and the native library actually loaded.
 */
package org.spacemoe.onboard.selftest;
