package org.spacemoe.hil.inventory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Binds a file named in an inventory: {@code ~/} is the user's home, a relative path is against the inventory's
 * directory (the reader's {@link #BASE} attribute); the file must exist.
 */
final class InventoryPath extends StdDeserializer<Path> {
  /** Context attribute: the inventory's directory, absolute. */
  static final String BASE = "spacemoe.inventory.dir";

  InventoryPath() {
    super(Path.class);
  }

  @Override
  public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    String s = ctxt.readValue(p, String.class).trim();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("must be a non-empty string");
    }
    Path base = (Path) ctxt.getAttribute(BASE);
    Path file = s.startsWith("~/") ? Path.of(System.getProperty("user.home"), s.substring(2)) : base.resolve(s);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    return file.normalize();
  }
}
