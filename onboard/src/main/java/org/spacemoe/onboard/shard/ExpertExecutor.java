package org.spacemoe.onboard.shard;

/** Runs one expert shard (SwiGLU FFN). */
public interface ExpertExecutor extends AutoCloseable {
  /**
   * @param x the gateway's {@code moe_in}, length d
   * @return the expert output y, length d (without residual and gate weight)
   */
  float[] run(float[] x);

  @Override
  void close();
}
