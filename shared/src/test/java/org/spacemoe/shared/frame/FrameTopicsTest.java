package org.spacemoe.shared.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spacemoe.shared.input.InvalidInputException;

class FrameTopicsTest {

  @Test
  void topicNames() {
    assertEquals("spacemoe/v1/sat/P03-S17/in", FrameTopics.satelliteInbound("P03-S17"));
    assertEquals("spacemoe/v1/sat/P03-S17/telemetry", FrameTopics.satelliteTelemetry("P03-S17"));
    assertEquals("spacemoe/v1/seq/42/tokens", FrameTopics.sequenceTokens(42));
    assertEquals("spacemoe/v1/seq/18446744073709551615/tokens", FrameTopics.sequenceTokens(-1));
    assertEquals("spacemoe/v1/sat/+/telemetry", FrameTopics.ALL_TELEMETRY);
  }

  @Test
  void islTopicsNameTheHopAndTheDestination() {
    // spacemoe/v1/isl/{hop: the satellite this link reaches}/in/{destination: where the frame is going}
    assertEquals("spacemoe/v1/isl/p02s01/in/p04s07", FrameTopics.islInbound("p02s01", "p04s07"));
    assertEquals("spacemoe/v1/isl/p02s01/in/+", FrameTopics.islInboundFilter("p02s01"));
    String[] hd = FrameTopics.islHopAndDestination("spacemoe/v1/isl/p02s01/in/p04s07");
    assertEquals("p02s01", hd[0]);
    assertEquals("p04s07", hd[1]);
    for (String bad : new String[] {"spacemoe/v1/isl/a/in", "spacemoe/v1/isl/a/out/b", "spacemoe/v1/sat/a/in",
        "spacemoe/v1/isl//in/b", "spacemoe/v1/isl/a/in/b/c", "spacemoe/v1/isl/a/in/"}) {
      assertThrows(IllegalArgumentException.class, () -> FrameTopics.islHopAndDestination(bad), bad);
    }
    assertThrows(InvalidInputException.class, () -> FrameTopics.islInbound("a", "b/c"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a/b", "/", "sat+1", "+", "#", "sat#", "a\0b"})
  void namesThatCannotBeOneTopicLevelAreRefused(String name) {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> FrameTopics.satelliteInbound(name));
    assertEquals("satellite name", e.input());
    assertThrows(InvalidInputException.class, () -> FrameTopics.satelliteTelemetry(name));
  }

  @Test
  void messageNamesTheCharacter() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> FrameTopics.checkName("plane/3"));
    assertEquals("satellite name: 'plane/3' contains '/' at index 5; topic names may not contain"
        + " / + # or NUL", e.getMessage());
    assertThrows(InvalidInputException.class, () -> FrameTopics.checkName(null));
  }
}
