package org.spacemoe.onboard.config;

import io.micronaut.context.env.Environment;
import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.naming.NameUtils;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Start-up check of {@code spacemoe.onboard.*}, before the runtime is built: every key must be one
 * {@link OnboardConfig} knows (Micronaut ignores unknown keys, so a misspelt key would silently leave its
 * default in force), and every value must convert and satisfy its constraints. A failure stops the start with
 * one message naming each offending key as it is written in the configuration, e.g.
 * {@code spacemoe.onboard.time-scale: must be greater than 0 (got -1.0)}.
 *
 * <p>Environment variables map to keys the Micronaut way ({@code SPACEMOE_ONBOARD_DATA_DIR} is
 * {@code spacemoe.onboard.data-dir}); they are checked by name, since Micronaut derives several candidate keys from
 * each variable.
 */
public final class OnboardConfigCheck {
  /** The configuration prefix. */
  public static final String PREFIX = "spacemoe.onboard";
  private static final String ENV_PREFIX = "SPACEMOE_ONBOARD_";

  private OnboardConfigCheck() {}

  /**
   * @throws ConfigurationException naming every unknown key and every invalid value
   */
  public static void check(Environment environment, Validator validator) {
    List<String> problems = unknownKeys(environment, System.getenv());
    if (problems.isEmpty()) {
      problems.addAll(invalidValues(environment, validator));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("invalid onboard configuration: " + String.join("; ", problems));
    }
  }

  /** The keys under {@link #PREFIX}, kebab-case. */
  public static Set<String> knownKeys() {
    Set<String> keys = new TreeSet<>();
    for (BeanProperty<OnboardConfig, Object> p : introspection().getBeanProperties()) {
      if (!p.isReadOnly()) {
        keys.add(NameUtils.hyphenate(p.getName()));
      }
    }
    return keys;
  }

  /** Unknown keys in every property source but the environment variables, and unknown SPACEMOE_ONBOARD_ variables. */
  static List<String> unknownKeys(Environment environment, Map<String, String> environmentVariables) {
    Set<String> known = knownKeys();
    Set<String> problems = new TreeSet<>();
    for (PropertySource source : environment.getPropertySources()) {
      if (EnvironmentPropertySource.NAME.equals(source.getName())) {
        continue;
      }
      for (String key : source) {
        if (!key.startsWith(PREFIX + ".")) {
          continue;
        }
        String rest = key.substring(PREFIX.length() + 1);
        int end = rest.length();
        for (char stop : new char[] {'.', '['}) {
          int i = rest.indexOf(stop);
          if (i >= 0) {
            end = Math.min(end, i);
          }
        }
        String name = NameUtils.hyphenate(rest.substring(0, end));
        if (!known.contains(name)) {
          problems.add("unknown key " + PREFIX + "." + name + " (in " + source.getName() + "); known keys: "
              + String.join(", ", known));
        }
      }
    }
    for (String variable : environmentVariables.keySet()) {
      if (!variable.startsWith(ENV_PREFIX)) {
        continue;
      }
      String name = variable.substring(ENV_PREFIX.length()).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      boolean ok = known.contains(name) || known.stream().anyMatch(k -> name.startsWith(k + "-")
          && name.substring(k.length() + 1).matches("\\d+")); // a list element: SPACEMOE_ONBOARD_SATELLITES_0
      if (!ok) {
        problems.add("unknown environment variable " + variable + " (" + PREFIX + "." + name + "); known keys: "
            + String.join(", ", known));
      }
    }
    return new ArrayList<>(problems);
  }

  /** Binds {@link OnboardConfig} from {@code environment} and validates it, naming keys. */
  static List<String> invalidValues(Environment environment, Validator validator) {
    List<String> problems = new ArrayList<>();
    BeanIntrospection<OnboardConfig> bi = introspection();
    OnboardConfig config = bi.instantiate();
    for (BeanProperty<OnboardConfig, Object> p : bi.getBeanProperties()) {
      if (p.isReadOnly()) {
        continue;
      }
      String key = PREFIX + "." + NameUtils.hyphenate(p.getName());
      if (!environment.containsProperty(key)) {
        continue;
      }
      Optional<Object> value;
      try {
        value = environment.getProperty(key, p.asArgument());
      } catch (RuntimeException e) {
        problems.add(key + ": " + e.getMessage());
        continue;
      }
      if (value.isEmpty()) {
        String raw = environment.getProperty(key, String.class).orElse("");
        if (raw.isEmpty() && !p.getType().isPrimitive()) {
          continue; // set to nothing: the default stays
        }
        problems.add(key + ": '" + raw + "' is not a valid " + p.getType().getSimpleName());
        continue;
      }
      p.set(config, value.get());
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    Set<String> violations = new TreeSet<>();
    for (ConstraintViolation<OnboardConfig> v : validator.validate(config)) {
      String key = key(v.getPropertyPath());
      Object got = key.endsWith("password") ? "***" : v.getInvalidValue();
      violations.add(key + ": " + v.getMessage() + " (got " + got + ")");
    }
    problems.addAll(violations);
    return problems;
  }

  /** {@code spacemoe.onboard.satellites[1]} for the path {@code satellites[1]<list element>}. */
  private static String key(Path path) {
    StringBuilder b = new StringBuilder(PREFIX);
    for (Path.Node n : path) {
      String name = n.getName();
      if (name != null && !name.isEmpty() && !name.startsWith("<")) {
        b.append('.').append(NameUtils.hyphenate(name));
      }
      if (n.getIndex() != null) {
        b.append('[').append(n.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private static BeanIntrospection<OnboardConfig> introspection() {
    return BeanIntrospection.getIntrospection(OnboardConfig.class);
  }
}
