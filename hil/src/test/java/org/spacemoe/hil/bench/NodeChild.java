package org.spacemoe.hil.bench;

import java.util.Arrays;
import java.util.List;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.runtime.OnboardRuntime;

/**
 * An onboard node in a process of its own, for tests that kill it: it takes plans over the air (trusting one
 * ground key) and runs until killed, or until a crash point halts it ({@code -Dspacemoe.crash.at}, see
 * {@code CrashPoints}). Settings as {@link TinyBench#config}.
 *
 * <pre>NodeChild BROKER DATA_DIR TRUSTED_KEY SAT1,SAT2,...</pre>
 */
public final class NodeChild {
  private NodeChild() {}

  public static void main(String[] args) throws Exception {
    OnboardConfig cfg = new OnboardConfig();
    cfg.setBroker(args[0]);
    cfg.setDataDir(args[1]);
    cfg.setTrustedKeys(List.of(args[2]));
    cfg.setSatellites(Arrays.asList(args[3].split(",")));
    cfg.setLinkEmulation(true);
    cfg.setComputeEmulation(false);
    cfg.setTimeScale(0.05);
    cfg.setPinnedSlot(0);
    OnboardRuntime node = new OnboardRuntime(cfg).start();
    System.out.println("node-child started, healthy=" + node.isHealthy() + " " + node.health());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
