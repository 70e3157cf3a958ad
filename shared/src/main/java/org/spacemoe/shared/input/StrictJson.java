package org.spacemoe.shared.input;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The one Jackson configuration of the project, for every document it reads or writes (signed plans, uplink
 * messages, manifests, inventories, stores): unknown fields, duplicate keys, missing fields, nulls for primitives
 * and strings for numbers or booleans are errors (a component marked {@link OptionalField} may be absent: null);
 * map keys are written sorted. {@link #configure} applies it to any mapper builder (JSON, or YAML where a module
 * reads YAML), {@link #mapper} is the compact JSON one. Parse errors become one-line {@link InvalidInputException}s
 * naming the input and, where known, the JSON path.
 */
public final class StrictJson {
  private static final ObjectMapper MAPPER = configure(JsonMapper.builder()).build();

  private StrictJson() {}

  /**
   * {@code builder} with the strict settings above (e.g. {@code StrictJson.configure(YAMLMapper.builder())}); add
   * output features such as {@code INDENT_OUTPUT} after it.
   */
  public static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
    return builder
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .injectableValues(new AbsentIsNull());
  }

  /** Answers {@link OptionalField}'s injection (an absent optional field) with null. */
  private static final class AbsentIsNull extends InjectableValues {
    @Override
    public Object findInjectableValue(Object valueId, DeserializationContext ctxt, BeanProperty forProperty,
        Object beanInstance) throws JsonMappingException {
      if (OptionalField.ABSENT.equals(valueId)) {
        return null;
      }
      throw JsonMappingException.from(ctxt, "no injectable value '" + valueId + "'");
    }
  }

  /** The configured mapper (shared, thread-safe). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Compact UTF-8 JSON of {@code value}. */
  public static byte[] toBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not serialisable: " + value.getClass().getName(), e);
    }
  }

  /**
   * Parses {@code bytes} as a {@code type}.
   *
   * @param input names the input in errors, e.g. {@code transfer offer}
   * @param maxBytes larger inputs are refused before parsing
   * @throws InvalidInputException if the bytes are too many, not JSON, or not a {@code type}; never null
   */
  public static <T> T parse(String input, byte[] bytes, Class<T> type, int maxBytes) {
    if (bytes == null || bytes.length == 0) {
      throw new InvalidInputException(input, "empty, expected a JSON document");
    }
    if (bytes.length > maxBytes) {
      throw new InvalidInputException(input, bytes.length + " bytes exceed the limit of " + maxBytes);
    }
    T value;
    try {
      value = MAPPER.readValue(bytes, type);
    } catch (IOException e) {
      throw new InvalidInputException(input, describe(e));
    }
    if (value == null) {
      throw new InvalidInputException(input, "is JSON null");
    }
    return value;
  }

  /** One line for a Jackson error: its own message and the field path, without source excerpts. */
  public static String describe(IOException e) {
    return "not valid JSON for this message: " + problem(e);
  }

  /** The JSON path of a binding error, such as {@code boards[1].port}; empty at the root. */
  public static String path(JsonMappingException e) {
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

  /** {@link #describe} without its lead: what is wrong and, where known, {@code (at a.b[2].c)}. */
  public static String problem(IOException e) {
    String msg = e instanceof JsonProcessingException jpe && jpe.getOriginalMessage() != null
        ? jpe.getOriginalMessage() : e.toString();
    msg = msg.split("\n")[0].replaceAll(" \\(set DeserializationConfig.*\\)", "")
        .replaceAll(" \\(through reference chain.*\\)", "")
        .replaceAll("Missing creator property '([^']*)' \\(index \\d+\\);.*", "missing field '$1'")
        .replaceAll("Unrecognized field \"([^\"]*)\" \\(class [^)]*\\), not marked as ignorable.*",
            "unknown field '$1'")
        .replaceAll(" \\(but (might|could) if coercion (using `CoercionConfig` was enabled|was enabled using"
            + " `CoercionConfig`)\\)", "")
        .replaceAll("^Cannot construct instance of `[^`]*`, problem: ", "");
    if (e instanceof JsonMappingException m) {
      String path = path(m);
      if (!path.isEmpty()) {
        msg += " (at " + path + ")";
      }
    }
    if (e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof InvalidInputException) {
      String c = e.getCause().getMessage();
      if (c != null && !msg.contains(c)) {
        msg += ": " + c.split("\n")[0];
      }
    }
    return msg;
  }
}
