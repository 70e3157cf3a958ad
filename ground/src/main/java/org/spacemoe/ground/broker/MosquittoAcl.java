package org.spacemoe.ground.broker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * Renders grants as a Mosquitto {@code acl_file}: a {@code user NAME} line per user, then its
 * {@code topic read FILTER} and {@code topic write FILTER} lines. Mosquitto denies everything not granted;
 * with {@code use_identity_as_username true} the user name is the client certificate's CN.
 */
public final class MosquittoAcl {
  private MosquittoAcl() {}

  /**
   * @param header comment lines (without {@code #}) written first, e.g. where the file came from
   */
  public static String render(List<String> header, List<UserGrants> grants) {
    StringBuilder sb = new StringBuilder();
    for (String h : header) {
      sb.append("# ").append(h).append('\n');
    }
    for (UserGrants g : grants) {
      sb.append('\n').append("user ").append(g.user()).append('\n');
      for (String t : g.read()) {
        sb.append("topic read ").append(t).append('\n');
      }
      for (String t : g.write()) {
        sb.append("topic write ").append(t).append('\n');
      }
    }
    return sb.toString();
  }

  /** The user name under which {@link #parse} returns {@code pattern} lines. */
  public static final String PATTERN_USER = "%pattern";

  /**
   * Reads a Mosquitto {@code acl_file}: {@code user NAME} starts a user's block, {@code topic [read|write|readwrite]
   * FILTER} grants it (no access word: readwrite; {@code deny} lines grant nothing), {@code #} starts a comment.
   * Lines before the first {@code user} belong to anonymous clients, returned under the user name {@code ""};
   * {@code pattern} lines (every user, {@code %u} / {@code %c} substituted by Mosquitto) are returned under
   * {@link #PATTERN_USER}, unsubstituted.
   *
   * @param input names the file in errors
   * @throws InvalidInputException naming {@code input}, the line number and what is wrong
   */
  public static List<UserGrants> parse(String input, String text) {
    Map<String, SortedSet<String>> read = new LinkedHashMap<>();
    Map<String, SortedSet<String>> write = new LinkedHashMap<>();
    String user = "";
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] w = line.split("\\s+", 3);
      String where = input + " line " + (i + 1);
      switch (w[0]) {
        case "user" -> {
          if (w.length != 2) {
            throw new InvalidInputException(where, "'user' takes one name, got '" + line + "'");
          }
          user = w[1];
          read.computeIfAbsent(user, k -> new TreeSet<>());
          write.computeIfAbsent(user, k -> new TreeSet<>());
        }
        case "topic", "pattern" -> {
          if (w.length < 2) {
            throw new InvalidInputException(where, "'" + w[0] + "' without a topic");
          }
          String access = w.length == 3 ? w[1] : "readwrite";
          String filter = w.length == 3 ? w[2] : w[1];
          if (!List.of("read", "write", "readwrite", "deny").contains(access)) {
            throw new InvalidInputException(where, "access must be read, write, readwrite or deny, got '"
                + access + "'");
          }
          if (filter.contains(" ")) {
            throw new InvalidInputException(where, "a topic filter has no spaces: '" + filter + "'");
          }
          String owner = w[0].equals("pattern") ? PATTERN_USER : user;
          SortedSet<String> r = read.computeIfAbsent(owner, k -> new TreeSet<>());
          SortedSet<String> wr = write.computeIfAbsent(owner, k -> new TreeSet<>());
          if (access.startsWith("read")) {
            r.add(filter);
          }
          if (access.endsWith("write")) {
            wr.add(filter);
          }
        }
        default -> throw new InvalidInputException(where, "unknown keyword '" + w[0]
            + "' (an acl_file has user, topic and pattern lines)");
      }
    }
    List<UserGrants> out = new ArrayList<>();
    read.forEach((name, r) -> out.add(new UserGrants(name, r, write.get(name))));
    return out;
  }
}
