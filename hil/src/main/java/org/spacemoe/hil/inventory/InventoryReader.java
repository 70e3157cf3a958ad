package org.spacemoe.hil.inventory;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.input.StrictJson;

/**
 * Reads a bench inventory (YAML, format in {@code docs/bench.md}) into an {@link Inventory}, whose records check
 * it. Every problem is one {@link InvalidInputException} naming the file, the path in the document and what is
 * wrong, e.g. {@code bench.yaml: boards[1].architecture: unknown architecture 'armv7' (known: aarch64, x86_64)}.
 */
public final class InventoryReader {
  /** The strict mapper; optional keys may be absent (the records give their defaults). */
  private static final ObjectReader YAML = StrictJson.configure(YAMLMapper.builder()).build()
      .readerFor(Inventory.class).without(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

  private InventoryReader() {}

  public static Inventory read(Path file) {
    String name = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(name, "no such file");
    } catch (IOException e) {
      throw new InvalidInputException(name, "cannot read: " + e.getMessage());
    }
    Inventory inv;
    try {
      inv = YAML.with(new InjectableValues.Std().addValue(Inventory.SOURCE, file))
          .withAttribute(InventoryPath.BASE, file.toAbsolutePath().getParent())
          .readValue(bytes);
    } catch (JsonMappingException e) {
      throw new InvalidInputException(name, e.getCause() instanceof StreamReadException syntax ? notYaml(syntax)
          : problem(e));
    } catch (StreamReadException e) {
      throw new InvalidInputException(name, notYaml(e));
    } catch (IOException e) {
      throw new InvalidInputException(name, "cannot read: " + e.getMessage());
    }
    if (inv == null) {
      throw new InvalidInputException(name, "empty, expected a bench inventory");
    }
    return inv;
  }

  private static String notYaml(StreamReadException e) {
    return "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("")
        + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")");
  }

  /** {@code path: problem} of a binding error, the path down to the offending key. */
  private static String problem(JsonMappingException e) {
    String path = StrictJson.path(e);
    String problem = e.getOriginalMessage().lines().findFirst().orElse("");
    if (e.getCause() instanceof KeyProblem k) {
      path = join(path, k.key());
      problem = k.problem();
    } else if (e.getCause() instanceof IllegalArgumentException a) {
      problem = a.getMessage();
    } else if (e instanceof UnrecognizedPropertyException u) {
      problem = "unknown key (known: " + String.join(", ", new TreeSet<>(u.getKnownPropertyIds().stream()
          .map(String::valueOf).toList())) + ")";
    } else if (problem.startsWith("Missing required creator property")) {
      problem = "missing";
    } else if (problem.startsWith("No content to map")) {
      problem = "empty, expected a bench inventory";
    } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      problem = "must be " + kind(m.getTargetType())
          + (e instanceof InvalidFormatException f ? ", got '" + f.getValue() + "'" : "");
    }
    return path.isEmpty() ? problem : path + ": " + problem;
  }

  private static String kind(Class<?> type) {
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type.isRecord() || Map.class.isAssignableFrom(type)) {
      return "a mapping";
    }
    return type == Integer.class || type == int.class ? "an integer" : "a string";
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
