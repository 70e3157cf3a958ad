package org.spacemoe.shared.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.input.StrictJson;

/**
 * Reads and writes placement plans as deterministic, indented JSON (map keys sorted), with {@link StrictJson}'s
 * rules: every field a plan has is required unless marked {@link org.spacemoe.shared.input.OptionalField} (those
 * added after the first plans: link codecs, combine point, standby, fleet, epoch, hop overhead).
 */
public final class PlanJson {
  private static final ObjectMapper MAPPER = StrictJson.configure(JsonMapper.builder())
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private PlanJson() {}

  /** {@link StrictJson}'s configuration with indented output, also for telemetry and reports. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] toBytes(PlacementPlan plan) {
    try {
      return MAPPER.writeValueAsBytes(plan);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plan not serialisable", e);
    }
  }

  public static void write(PlacementPlan plan, Path out) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(out, toBytes(plan));
  }

  public static PlacementPlan read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InvalidInputException(file.toString(), "no such file");
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read plan: " + e);
    }
    return parse(file.toString(), bytes);
  }

  public static PlacementPlan parse(String input, byte[] bytes) {
    PlacementPlan plan;
    try {
      plan = MAPPER.readValue(bytes, PlacementPlan.class);
    } catch (IOException e) {
      throw new InvalidInputException(input, "not a valid placement plan: " + StrictJson.problem(e));
    }
    if (plan == null || plan.layers() == null || plan.inputs() == null) {
      throw new InvalidInputException(input, "not a valid placement plan: missing layers or inputs");
    }
    if (plan.schemaVersion() != PlacementPlan.SCHEMA_VERSION) {
      throw new InvalidInputException(input, "plan schema version " + plan.schemaVersion()
          + " is not supported (this tool reads " + PlacementPlan.SCHEMA_VERSION + ")");
    }
    if (plan.linkCodecs() != null) {
      plan.linkCodecs().validate(input, plan.layers().size());
    }
    int last = plan.layers().size() - 1;
    if (last >= 0 && plan.layers().get(last) != null && plan.layers().get(last).combinePoint() == CombinePoint.NEXT) {
      throw new InvalidInputException(input, "not a valid placement plan: layers[" + last + "].combine is 'next', but the"
          + " last layer's gateway runs the LM head on the combined state, so it must combine at its own gateway");
    }
    for (LayerPlacement lp : plan.layers()) {
      String problem = lp == null ? null : lp.standbyProblem();
      if (problem == null && lp != null) {
        problem = lp.splitProblem(last);
      }
      if (problem != null) {
        throw new InvalidInputException(input, "not a valid placement plan: " + problem);
      }
    }
    return plan;
  }

  public static String asString(Object any) {
    try {
      return new String(MAPPER.writeValueAsBytes(any), StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
