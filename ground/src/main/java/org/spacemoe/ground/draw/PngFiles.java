package org.spacemoe.ground.draw;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes images as PNG files from a headless JVM. */
public final class PngFiles {
  private PngFiles() {}

  /** Sets {@code java.awt.headless=true} unless the property is already set; call before any AWT use. */
  public static void ensureHeadless() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Writes {@code image} as PNG at exactly {@code png} (no extension added), creating parent directories. */
  public static void write(BufferedImage image, Path png) throws IOException {
    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IOException("no PNG writer available for " + png);
    }
  }
}
