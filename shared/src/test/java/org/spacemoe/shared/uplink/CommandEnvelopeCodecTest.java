package org.spacemoe.shared.uplink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.plan.envelope.PlanSigner;

/**
 * The command envelope: a golden vector annotated byte by byte (key: RFC 8032 test 1), round trips of any
 * command, and refusal of every way the bytes can be wrong. The signature checks here are the primitive; trust,
 * target and counter rules are the satellite's and tested onboard.
 */
class CommandEnvelopeCodecTest {
  /** RFC 8032 section 7.1, test 1: secret key. Its public key is d75a9801...f707511a. */
  static final PrivateKey RFC8032_KEY = rfcKey();
  static final CommandSigner SIGNER = new CommandSigner(RFC8032_KEY);

  /** ACTIVATE v8, command id "c-42", for P03S07, counter 5, signed with the RFC 8032 test-1 key. */
  static final String GOLDEN_HEX = String.join("",
      "534d4345",           //  0 magic 'S' 'M' 'C' 'E'
      "01",                 //  4 format version 1
      "01",                 //  5 action 1 = ACTIVATE
      "0000",               //  6 reserved
      "06e3fd8fda29bb60",   //  8 key id 06e3fd8fda29bb60 (SHA-256 of the X.509 public key, first 8 bytes)
      "0500000000000000",   // 16 counter 5 (u64 LE)
      "0800000000000000",   // 24 plan version 8 (u64 LE)
      "06",                 // 32 target length 6
      "04",                 // 33 command id length 4
      "0000",               // 34 argument length 0
      "503033533037",       // 36 target "P03S07"
      "632d3432",           // 42 command id "c-42"
      // 46 Ed25519 signature over "spacemoe-cmd-v1\0" || bytes [0, 46)
      "2f740ee6884a0eb110d8414f4bbfa31448c6e97af5c393d24849e262380628a7",
      "5a7bf1c21c2229ec6b107f5254459f7b470a28f2a38da50cb96be7eaeb7b920e");

  /**
   * PREPARE v9 (action 5), command id "p-43", for P03S07, counter 6, same key; signature computed with OpenSSL
   * ({@code openssl pkeyutl -sign -rawin}) over the domain prefix and bytes [0, 46).
   */
  static final String GOLDEN_PREPARE_HEX = String.join("",
      "534d4345",           //  0 magic 'S' 'M' 'C' 'E'
      "01",                 //  4 format version 1
      "05",                 //  5 action 5 = PREPARE
      "0000",               //  6 reserved
      "06e3fd8fda29bb60",   //  8 key id
      "0600000000000000",   // 16 counter 6 (u64 LE)
      "0900000000000000",   // 24 plan version 9 (u64 LE)
      "06",                 // 32 target length 6
      "04",                 // 33 command id length 4
      "0000",               // 34 argument length 0
      "503033533037",       // 36 target "P03S07"
      "702d3433",           // 42 command id "p-43"
      "90846003cc2880ea077e3db738c6675cf29b7499fdb3e3747eaace38312446aa",
      "bb80156e428683dd1f7a02b35ba8fa2ba79eeb4b7c2d9a2876dad76bc8e9e900");

  private static PrivateKey rfcKey() {
    try {
      byte[] seed = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
      return KeyFactory.getInstance("Ed25519").generatePrivate(
          new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void goldenVector() {
    assertEquals("302a300506032b6570032100d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        HexFormat.of().formatHex(PlanSigner.publicKeyOf(RFC8032_KEY).getEncoded()), "RFC 8032 test-1 public key");
    SignedCommand c = SIGNER.sign(Command.activate("c-42", 8), "P03S07", 5);
    assertEquals(GOLDEN_HEX, HexFormat.of().formatHex(c.toBytes()));
    byte[] golden = HexFormat.of().parseHex(GOLDEN_HEX);
    assertEquals(110, golden.length);
    SignedCommand back = CommandEnvelopeCodec.decode(golden);
    assertEquals(c, back);
    assertEquals("06e3fd8fda29bb60", back.keyId());
    assertEquals("P03S07", back.target());
    assertEquals(5, back.counter());
    assertEquals(Command.activate("c-42", 8), back.command());
    assertTrue(back.verifiedBy(PlanSigner.publicKeyOf(RFC8032_KEY)));
    assertEquals(back, UplinkMessage.decode(golden));
  }

  @Test
  void everySignedByteMatters() {
    byte[] golden = HexFormat.of().parseHex(GOLDEN_HEX);
    var pub = PlanSigner.publicKeyOf(RFC8032_KEY);
    for (int i = 8; i < golden.length; i++) { // magic, version, action, reserved: decoding refuses those first
      byte[] b = golden.clone();
      b[i] ^= 0x01;
      SignedCommand d;
      try {
        d = CommandEnvelopeCodec.decode(b);
      } catch (InvalidInputException e) {
        continue; // structure broken: refused before any signature check
      }
      assertFalse(d.verifiedBy(pub), "flipping byte " + i + " must break the signature");
    }
    assertFalse(CommandEnvelopeCodec.decode(golden).verifiedBy(PlanKeys.generate().getPublic()), "another key");
  }

  @Test
  void keyCommandsRoundTrip() {
    KeyPair next = PlanKeys.generate();
    SignedCommand add = SIGNER.sign(Command.addKey("add-1", next.getPublic().getEncoded()), "S1", 9);
    SignedCommand back = CommandEnvelopeCodec.decode(add.toBytes());
    assertEquals(add, back);
    assertArrayEquals(next.getPublic().getEncoded(), back.command().argument());
    String id = PlanKeys.keyId(next.getPublic());
    SignedCommand revoke = SIGNER.sign(Command.revokeKey("rv-1", id), "S1", 10);
    assertEquals(revoke, CommandEnvelopeCodec.decode(revoke.toBytes()));
    assertEquals(id, KeyIds.of(revoke.command().argument(), 0));
    assertEquals(CommandEnvelopeCodec.MAX_BYTES, SIGNER.sign(Command.addKey("x".repeat(64),
        next.getPublic().getEncoded()), "s".repeat(64), 1).toBytes().length);
  }

  @Test
  void eachWayTheBytesCanBeWrongIsNamed() {
    byte[] golden = HexFormat.of().parseHex(GOLDEN_HEX);
    assertRefused(Arrays.copyOf(golden, 99), "length");
    assertRefused(Arrays.copyOf(golden, 111), "length");
    assertRefused(new byte[CommandEnvelopeCodec.MAX_BYTES + 1], "length");
    assertRefused(set(golden, 0, 0x41), "magic (offset 0)");
    assertRefused(set(golden, 4, 2), "version (offset 4)");
    assertRefused(set(golden, 5, 9), "action (offset 5)");
    assertRefused(set(golden, 7, 1), "reserved (offset 6)");
    assertRefused(set(set(set(set(set(set(set(set(golden, 16, 0), 17, 0), 18, 0), 19, 0), 20, 0), 21, 0), 22, 0),
        23, 0), "counter (offset 16)");
    assertRefused(set(golden, 23, 0x80), "counter (offset 16)");
    assertRefused(set(golden, 32, 0), "target length (offset 32)");
    assertRefused(set(golden, 32, 65), "target length (offset 32)");
    assertRefused(set(golden, 33, 0), "command id length (offset 33)");
    assertRefused(set(golden, 34, 8), "argument length (offset 34)");
    assertRefused(set(golden, 32, 7), "length");
    assertRefused(set(golden, 36, 0xff), "target (offset 36)"); // not UTF-8
    assertRefused(set(golden, 37, '/'), "target (offset 36)"); // a topic separator
    assertRefused(set(golden, 42, ' '), "command (offset 42)"); // id character
    assertRefused(set(golden, 24, 0), "command (offset 42)"); // ACTIVATE v0
  }

  private static byte[] set(byte[] b, int at, int value) {
    byte[] c = b.clone();
    c[at] = (byte) value;
    return c;
  }

  private static void assertRefused(byte[] bytes, String field) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> CommandEnvelopeCodec.decode(bytes));
    assertTrue(e.getMessage().startsWith("command envelope " + field), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Property(tries = 300)
  void anySignedCommandRoundTripsAndVerifies(@ForAll("commands") SignedCommand c) {
    byte[] bytes = c.toBytes();
    assertTrue(bytes.length <= CommandEnvelopeCodec.MAX_BYTES);
    SignedCommand back = CommandEnvelopeCodec.decode(bytes);
    assertEquals(c, back);
    assertArrayEquals(bytes, back.toBytes(), "canonical: decode then encode gives the same bytes");
    assertTrue(back.verifiedBy(PlanSigner.publicKeyOf(RFC8032_KEY)));
    assertInstanceOf(SignedCommand.class, UplinkMessage.decode(bytes));
  }

  @Test
  void goldenPrepareVectorAndTwoPhaseCodes() {
    SignedCommand c = SIGNER.sign(Command.prepare("p-43", 9), "P03S07", 6);
    assertEquals(GOLDEN_PREPARE_HEX, HexFormat.of().formatHex(c.toBytes()));
    SignedCommand back = CommandEnvelopeCodec.decode(HexFormat.of().parseHex(GOLDEN_PREPARE_HEX));
    assertEquals(Command.prepare("p-43", 9), back.command());
    assertTrue(back.verifiedBy(PlanSigner.publicKeyOf(RFC8032_KEY)));
    assertEquals(5, Command.Action.PREPARE.code());
    assertEquals(6, Command.Action.COMMIT.code());
    assertEquals(7, Command.Action.ABORT.code());
    assertThrows(IllegalArgumentException.class, () -> Command.commit("c", 0), "COMMIT needs a version");
    byte[] bad = HexFormat.of().parseHex(GOLDEN_PREPARE_HEX);
    bad[5] = 8;
    assertThrows(RuntimeException.class, () -> CommandEnvelopeCodec.decode(bad), "action 8 is unknown");
  }

  @Provide
  Arbitrary<SignedCommand> commands() {
    Arbitrary<String> ids = Arbitraries.strings().withChars("ABCxyz019._:-").ofMinLength(1).ofMaxLength(64);
    Arbitrary<String> targets = Arbitraries.strings().withChars("PSabc01é-_ ").ofMinLength(1).ofMaxLength(30);
    Arbitrary<Long> counters = Arbitraries.longs().between(1, Long.MAX_VALUE);
    Arbitrary<Command> commands = Combinators.combine(ids, Arbitraries.of(Command.Action.values()),
        Arbitraries.longs().between(1, Long.MAX_VALUE), Arbitraries.bytes().array(byte[].class).ofSize(44))
        .as((id, action, v, arg) -> switch (action) {
          case ACTIVATE -> Command.activate(id, v);
          case ROLLBACK -> Command.rollback(id, v);
          case ADD_KEY -> Command.addKey(id, arg);
          case REVOKE_KEY -> Command.revokeKey(id, HexFormat.of().formatHex(arg, 0, 8));
          case PREPARE -> Command.prepare(id, v);
          case COMMIT -> Command.commit(id, v);
          case ABORT -> Command.abort(id, v);
        });
    return Combinators.combine(commands, targets, counters).as((cmd, t, n) -> SIGNER.sign(cmd, t, n));
  }
}
