package org.spacemoe.shared.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spacemoe.shared.input.InvalidInputException;

/** Reads and writes placement plans as deterministic, indented JSON (map keys sorted). */
public final class PlanJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private PlanJson() {}

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
      String msg = e instanceof JsonProcessingException jpe && jpe.getOriginalMessage() != null
          ? jpe.getOriginalMessage() : e.toString();
      msg = msg.split("\n")[0].replaceAll(" \\(set DeserializationConfig.*\\)", "");
      if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
        msg += " (at " + fieldPath(m) + ")";
      }
      throw new InvalidInputException(input, "not a valid placement plan: " + msg);
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
      if (problem != null) {
        throw new InvalidInputException(input, "not a valid placement plan: " + problem);
      }
    }
    return plan;
  }

  /** The JSON location of a mapping error, e.g. {@code layers[0].gateway}. */
  private static String fieldPath(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  public static String asString(Object any) {
    try {
      return new String(MAPPER.writeValueAsBytes(any), StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
