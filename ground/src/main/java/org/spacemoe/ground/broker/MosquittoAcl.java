package org.spacemoe.ground.broker;

import java.util.List;

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
}
