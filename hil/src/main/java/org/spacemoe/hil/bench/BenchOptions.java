package org.spacemoe.hil.bench;

import java.nio.file.Path;
import org.spacemoe.shared.model.HiddenStateCodec;

/**
 * One bench run.
 *
 * @param preset model preset: tiny or bench
 * @param newTokens tokens to generate
 * @param prompt prompt token ids
 * @param timeScale multiplies every emulated delay (1 = real time)
 * @param broker {@code embedded} or a broker URI
 * @param strategy placement strategy
 * @param linkEmulation hold frames for the emulated ISL latency
 * @param computeEmulation release results no earlier than nominal FLOPs / device FLOP/s
 * @param compensateTransit subtract the broker's measured transit from emulated holds
 * @param slot the pinned time slot of the constellation
 * @param seed model weights and planning seed
 * @param zipf expert popularity skew of the router and of the planner's statistics
 * @param device device profile
 * @param checkHidden compare every inter-layer hidden state with the reference
 * @param workDir where the model and plan are written
 * @param uplink deliver plan and shards over MQTT (signed, staged, activated) instead of writing them locally
 * @param split a {@code ground split} result to run instead of {@code strategy}'s placement (null: none)
 * @param codec activation codec on every link of the plan (fp32 keeps the run bit-identical to the reference);
 *     with a split, the default under the split's own cut codecs
 * @param mesh ISLs as links ({@code --isl mesh}): every satellite on a route runs and forwards frames hop by hop, one
 *     MQTT connection per link (false: every frame through the one broker, held for its whole route)
 * @param tensorParallelWidth widest tensor-parallel split {@code joint} may give a layer's attention or the LM head
 *     (1: none; up to 4; 0: joint's default); the model is exported with the split shards of the widths chosen
 */
public record BenchOptions(
    String preset,
    int newTokens,
    int[] prompt,
    double timeScale,
    String broker,
    String strategy,
    boolean linkEmulation,
    boolean computeEmulation,
    boolean compensateTransit,
    int slot,
    long seed,
    double zipf,
    String device,
    boolean checkHidden,
    Path workDir,
    boolean uplink,
    Path split,
    HiddenStateCodec codec,
    boolean mesh,
    int tensorParallelWidth) {

  /** Without tensor-parallel layers. */
  public BenchOptions(String preset, int newTokens, int[] prompt, double timeScale, String broker, String strategy,
      boolean linkEmulation, boolean computeEmulation, boolean compensateTransit, int slot, long seed, double zipf,
      String device, boolean checkHidden, Path workDir, boolean uplink, Path split, HiddenStateCodec codec,
      boolean mesh) {
    this(preset, newTokens, prompt, timeScale, broker, strategy, linkEmulation, computeEmulation, compensateTransit,
        slot, seed, zipf, device, checkHidden, workDir, uplink, split, codec, mesh, 0);
  }

  /** This run with tensor-parallel splits up to {@code width} ({@code joint} only; 1 = none, 0 = joint's default). */
  public BenchOptions withTensorParallelWidth(int width) {
    return new BenchOptions(preset, newTokens, prompt, timeScale, broker, strategy, linkEmulation, computeEmulation,
        compensateTransit, slot, seed, zipf, device, checkHidden, workDir, uplink, split, codec, mesh, width);
  }

  /** Through the shared broker. */
  public BenchOptions(String preset, int newTokens, int[] prompt, double timeScale, String broker, String strategy,
      boolean linkEmulation, boolean computeEmulation, boolean compensateTransit, int slot, long seed, double zipf,
      String device, boolean checkHidden, Path workDir, boolean uplink, Path split, HiddenStateCodec codec) {
    this(preset, newTokens, prompt, timeScale, broker, strategy, linkEmulation, computeEmulation, compensateTransit,
        slot, seed, zipf, device, checkHidden, workDir, uplink, split, codec, false);
  }

  /** This run with or without comparing every inter-layer hidden state. */
  public BenchOptions withCheckHidden(boolean check) {
    return new BenchOptions(preset, newTokens, prompt, timeScale, broker, strategy, linkEmulation, computeEmulation,
        compensateTransit, slot, seed, zipf, device, check, workDir, uplink, split, codec, mesh, tensorParallelWidth);
  }

  /** This run with ISLs as links ({@code true}) or through the shared broker. */
  public BenchOptions withMesh(boolean isl) {
    return new BenchOptions(preset, newTokens, prompt, timeScale, broker, strategy, linkEmulation, computeEmulation,
        compensateTransit, slot, seed, zipf, device, checkHidden, workDir, uplink, split, codec, isl, tensorParallelWidth);
  }

  /** With fp32 activations. */
  public BenchOptions(String preset, int newTokens, int[] prompt, double timeScale, String broker, String strategy,
      boolean linkEmulation, boolean computeEmulation, boolean compensateTransit, int slot, long seed, double zipf,
      String device, boolean checkHidden, Path workDir, boolean uplink, Path split) {
    this(preset, newTokens, prompt, timeScale, broker, strategy, linkEmulation, computeEmulation, compensateTransit,
        slot, seed, zipf, device, checkHidden, workDir, uplink, split, HiddenStateCodec.FP32);
  }

  /** Without a split, with fp32 activations. */
  public BenchOptions(String preset, int newTokens, int[] prompt, double timeScale, String broker, String strategy,
      boolean linkEmulation, boolean computeEmulation, boolean compensateTransit, int slot, long seed, double zipf,
      String device, boolean checkHidden, Path workDir, boolean uplink) {
    this(preset, newTokens, prompt, timeScale, broker, strategy, linkEmulation, computeEmulation, compensateTransit,
        slot, seed, zipf, device, checkHidden, workDir, uplink, null, HiddenStateCodec.FP32);
  }

  /** This run with another codec and work directory (for {@code --codec all}). */
  public BenchOptions withCodec(HiddenStateCodec c, Path dir) {
    return new BenchOptions(preset, newTokens, prompt, timeScale, broker, strategy, linkEmulation, computeEmulation,
        compensateTransit, slot, seed, zipf, device, checkHidden, dir, uplink, split, c, mesh, tensorParallelWidth);
  }

  /** Without over-the-air delivery. */
  public BenchOptions(String preset, int newTokens, int[] prompt, double timeScale, String broker, String strategy,
      boolean linkEmulation, boolean computeEmulation, boolean compensateTransit, int slot, long seed, double zipf,
      String device, boolean checkHidden, Path workDir) {
    this(preset, newTokens, prompt, timeScale, broker, strategy, linkEmulation, computeEmulation, compensateTransit,
        slot, seed, zipf, device, checkHidden, workDir, false, null, HiddenStateCodec.FP32);
  }
}
