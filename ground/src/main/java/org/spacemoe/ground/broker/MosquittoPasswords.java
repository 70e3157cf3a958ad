package org.spacemoe.ground.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * A plaintext Mosquitto password file ({@code user:password} per line) for brokers that use passwords instead
 * of, or on top of, client certificates. Mosquitto reads only hashed files: copy it and hash the copy in place
 * with {@code mosquitto_passwd -U FILE}, keep the plaintext file as the record of what each client uses.
 * Existing users keep their passwords when the file is regenerated for a new plan; new users get 24 random
 * base64url characters (144 bits).
 */
public final class MosquittoPasswords {
  private static final SecureRandom RANDOM = new SecureRandom();

  private MosquittoPasswords() {}

  /**
   * Writes {@code file} (mode 0600 where POSIX) with a password for every user, keeping those already in it.
   *
   * @return the number of users that got a new password
   * @throws InvalidInputException naming the file if it exists and is hashed or not in {@code user:password} form
   */
  public static int write(Path file, Collection<String> users) throws IOException {
    Map<String, String> entries = Files.exists(file) ? read(file) : new LinkedHashMap<>();
    int added = 0;
    for (String u : users) {
      if (!entries.containsKey(u)) {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        entries.put(u, Base64.getUrlEncoder().withoutPadding().encodeToString(b));
        added++;
      }
    }
    StringBuilder sb = new StringBuilder();
    entries.forEach((u, p) -> sb.append(u).append(':').append(p).append('\n'));
    Path abs = file.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(tmp);
    }
    Files.writeString(tmp, sb, StandardCharsets.UTF_8);
    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return added;
  }

  /** The entries of a plaintext password file, in file order. */
  public static Map<String, String> read(Path file) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    int n = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || colon == line.length() - 1) {
        throw new InvalidInputException(file.toString(), "line " + n + " is not user:password");
      }
      String pw = line.substring(colon + 1);
      if (pw.startsWith("$6$") || pw.startsWith("$7$")) {
        throw new InvalidInputException(file.toString(), "line " + n + " holds a hashed password; give the"
            + " plaintext file (hash a copy with mosquitto_passwd -U)");
      }
      entries.put(line.substring(0, colon), pw);
    }
    return entries;
  }
}
