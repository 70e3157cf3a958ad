package org.spacemoe.shared.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spacemoe.shared.input.InvalidInputException;

class MissingChunksTest {
  @Test
  void textForm() {
    BitSet b = new BitSet();
    b.set(0, 10);
    b.set(12);
    b.set(15, 21);
    MissingChunks m = MissingChunks.of(b);
    assertEquals("0-9,12,15-20", m.format());
    assertEquals(17, m.count());
    assertEquals(3, m.ranges().size());
    assertEquals(new MissingChunks.Range(15, 20), m.ranges().get(2));
    assertTrue(m.contains(12) && m.contains(0) && m.contains(20));
    assertFalse(m.contains(11) || m.contains(21) || m.contains(-1));
    assertEquals(m, MissingChunks.parse("x", "0-9,12,15-20"));
    assertEquals(b, m.toBitSet());
    List<Integer> seen = new ArrayList<>();
    m.forEach(seen::add);
    assertEquals(17, seen.size());
    assertEquals("", MissingChunks.none().format());
    assertTrue(MissingChunks.parse("x", "").isEmpty());
    assertEquals("0-99", MissingChunks.all(100).format());
    assertEquals("0", MissingChunks.all(1).format());
    assertEquals(MissingChunks.none(), MissingChunks.all(0));
  }

  @Test
  void touchingRangesMerge() {
    assertEquals("0-9", MissingChunks.parse("x", "0-3,4,5-9").format());
  }

  @Test
  void notReceivedIsTheComplement() {
    BitSet got = new BitSet();
    got.set(1);
    got.set(3, 7);
    assertEquals("0,2,7-9", MissingChunks.notReceived(got, 10).format());
    got.set(0, 10);
    assertTrue(MissingChunks.notReceived(got, 10).isEmpty());
  }

  @Test
  void largestIndexes() {
    MissingChunks m = MissingChunks.parse("x", "2147483646");
    assertEquals(1, m.count());
    assertTrue(m.toBitSet().get(Integer.MAX_VALUE - 1));
    assertEquals(Integer.MAX_VALUE, MissingChunks.all(Integer.MAX_VALUE).count());
  }

  @ParameterizedTest
  @ValueSource(strings = {",", "1,", ",1", "a", "1-", "-1", "1--2", "5-3", "3,2", "0-5,5", "0-5,3-9", " 1", "1 ",
      "2147483647", "99999999999", "1-2-3", "+1", "0x10"})
  void badTextIsRefused(String text) {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> MissingChunks.parse("status missing.embed", text));
    assertTrue(e.getMessage().startsWith("status missing.embed: "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void tooLongTextIsRefusedUnparsed() {
    String s = "1,".repeat(MissingChunks.MAX_TEXT_CHARS / 2) + "1";
    assertTrue(assertThrows(InvalidInputException.class, () -> MissingChunks.parse("x", s)).getMessage()
        .contains("exceed"));
  }

  @Test
  void requireWithin() {
    MissingChunks m = MissingChunks.parse("x", "3-9");
    assertEquals(m, m.requireWithin("x", 10));
    assertThrows(InvalidInputException.class, () -> m.requireWithin("x", 9));
  }

  @Property
  void bitSetRoundTrip(@ForAll @Size(max = 200) List<@IntRange(min = 0, max = 500) Integer> indexes) {
    BitSet b = new BitSet();
    indexes.forEach(b::set);
    MissingChunks m = MissingChunks.of(b);
    assertEquals(b, m.toBitSet());
    assertEquals(b.cardinality(), m.count());
    assertEquals(m, MissingChunks.parse("x", m.format()));
    for (int i = 0; i <= 501; i++) {
      assertEquals(b.get(i), m.contains(i));
    }
  }
}
