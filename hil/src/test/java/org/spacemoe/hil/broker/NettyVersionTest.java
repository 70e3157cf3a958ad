package org.spacemoe.hil.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.Version;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * HiveMQ CE 2025.5 is built against Netty 4.1, Micronaut 4.10 against 4.2: hil runs both on the one Netty the
 * Micronaut platform BOM names (4.2), every Netty artifact at the same version (a 4.1 jar beside 4.2 ones would
 * split packages between versions). The embedded-broker tests show HiveMQ CE works on it.
 */
class NettyVersionTest {
  @Test
  void everyNettyArtifactHasTheSameFourTwoVersion() {
    Map<String, String> versions = new TreeMap<>();
    Version.identify().forEach((artifact, v) -> versions.put(artifact, v.artifactVersion()));
    assertTrue(versions.keySet().containsAll(Set.of("netty-common", "netty-buffer", "netty-transport",
        "netty-handler", "netty-codec-http")), versions.toString());
    Set<String> distinct = versions.values().stream().collect(Collectors.toSet());
    assertEquals(1, distinct.size(), "mixed Netty versions: " + versions);
    assertTrue(distinct.iterator().next().startsWith("4.2."), versions.toString());
  }
}
