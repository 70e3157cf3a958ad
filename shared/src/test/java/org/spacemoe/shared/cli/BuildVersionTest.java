package org.spacemoe.shared.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BuildVersionTest {
  @Test
  void isTheProjectVersionOfThePom() throws Exception {
    // the parent pom (two levels up from shared's working directory in a Maven build) names the version
    Path pom = Path.of("..", "pom.xml");
    Matcher m = Pattern.compile("<artifactId>spacemoe-parent</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(pom));
    assertTrue(m.find(), "no version in " + pom.toAbsolutePath());
    assertEquals(m.group(1), BuildVersion.version());
    assertEquals("spacemoe-ground " + m.group(1), BuildVersion.line("spacemoe-ground"));
  }

  @Test
  void providerPrintsTheLine() throws Exception {
    String[] v = BuildVersion.provider("spacemoe-hil").getVersion();
    assertEquals(1, v.length);
    assertEquals(BuildVersion.line("spacemoe-hil"), v[0]);
    assertTrue(v[0].matches("spacemoe-hil \\d+\\.\\d+\\.\\d+.*"), v[0]);
  }
}
