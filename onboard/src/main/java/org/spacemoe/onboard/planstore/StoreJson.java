package org.spacemoe.onboard.planstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.Arrays;
import org.spacemoe.shared.input.StrictJson;

/**
 * The store files' JSON: bound to records with {@link StrictJson}'s strict mapper, written as one document and a
 * newline (compact or indented, as the files have always been). A file that does not bind is an
 * {@link IllegalArgumentException} saying what is wrong and where (JSON path); the caller names the file.
 */
final class StoreJson {
  private static final ObjectMapper MAPPER = StrictJson.mapper();
  private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

  private StoreJson() {}

  static <T> T read(byte[] json, Class<T> type) {
    T value;
    try {
      value = MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new IllegalArgumentException(StrictJson.describe(e), e);
    }
    if (value == null) {
      throw new IllegalArgumentException("is JSON null");
    }
    return value;
  }

  static byte[] compact(Object value) {
    return lines(StrictJson.toBytes(value));
  }

  static byte[] pretty(Object value) {
    try {
      return lines(PRETTY.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new IllegalStateException("not serialisable: " + value.getClass().getName(), e);
    }
  }

  private static byte[] lines(byte[] json) {
    byte[] out = Arrays.copyOf(json, json.length + 1);
    out[json.length] = '\n';
    return out;
  }
}
