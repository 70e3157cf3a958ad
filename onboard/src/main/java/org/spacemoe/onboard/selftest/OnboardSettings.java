package org.spacemoe.onboard.selftest;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.spacemoe.onboard.config.OnboardConfigCheck;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * The few {@code spacemoe.onboard.*} keys the selftest needs, read from a configuration file exactly as the
 * service reads it ({@code micronaut.config.files} over the built-in defaults, placeholders and
 * {@code SPACEMOE_ONBOARD_*} environment variables resolved), without starting the service.
 *
 * @param dataDir {@code data-dir}
 * @param satellites {@code satellites}
 * @param intraOpThreads {@code intra-op-threads}, >= 1
 * @param overTheAir true when {@code trusted-keys} is set: plans live in the plan store, not in {@code plan.json}
 */
record OnboardSettings(Path dataDir, List<String> satellites, int intraOpThreads, boolean overTheAir) {
  private static final String P = OnboardConfigCheck.PREFIX + ".";
  private static final String CONFIG_FILES = "micronaut.config.files";

  /** @throws InvalidInputException naming the file or the key */
  static OnboardSettings read(Path config) {
    if (!Files.isRegularFile(config)) {
      throw new InvalidInputException(config.toString(), "no such configuration file");
    }
    String before = System.getProperty(CONFIG_FILES);
    System.setProperty(CONFIG_FILES, config.toAbsolutePath().toString());
    try (ApplicationContext ctx = ApplicationContext.builder().banner(false).deduceEnvironment(false).build()) {
      Environment env;
      try {
        env = ctx.getEnvironment().start();
      } catch (RuntimeException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
        throw new InvalidInputException(config.toString(), "cannot read: " + msg);
      }
      String dataDir = get(env, config, "data-dir", String.class, "data");
      List<String> satellites = env.getProperty(P + "satellites", Argument.listOf(String.class)).orElse(List.of());
      int threads = get(env, config, "intra-op-threads", Integer.class, 1);
      if (threads < 1) {
        throw new InvalidInputException(config.toString(), P + "intra-op-threads must be >= 1, got " + threads);
      }
      List<String> keys = env.getProperty(P + "trusted-keys", Argument.listOf(String.class)).orElse(List.of());
      return new OnboardSettings(Path.of(dataDir), List.copyOf(satellites), threads, !keys.isEmpty());
    } finally {
      if (before == null) {
        System.clearProperty(CONFIG_FILES);
      } else {
        System.setProperty(CONFIG_FILES, before);
      }
    }
  }

  private static <T> T get(Environment env, Path config, String key, Class<T> type, T fallback) {
    if (!env.containsProperty(P + key)) {
      return fallback;
    }
    try {
      return env.getProperty(P + key, type).orElseThrow(() -> new IllegalArgumentException(
          "'" + env.getProperty(P + key, String.class).orElse("") + "' is not a valid " + type.getSimpleName()));
    } catch (RuntimeException e) {
      throw new InvalidInputException(config.toString(), P + key + ": " + e.getMessage());
    }
  }
}
