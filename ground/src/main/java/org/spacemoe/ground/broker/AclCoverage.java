package org.spacemoe.ground.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.uplink.UplinkTopics;

/**
 * Whether a broker's ACL lets a plan run: every satellite of the plan has a user (its own name, or a board's that
 * reads its command topic) granted every topic the satellite needs (as {@link BrokerAccess#grants} derives them),
 * and the ground user is granted what the ground needs. Grants are compared as MQTT topic filters: a granted
 * {@code spacemoe/v1/sat/+/in} covers a needed {@code spacemoe/v1/sat/p00s01/in}.
 */
public final class AclCoverage {
  private AclCoverage() {}

  /**
   * The problems, one per satellite (or the ground) that lacks something, in plan order; empty when the ACL
   * covers the plan.
   */
  public static List<String> problems(PlacementPlan plan, List<UserGrants> acl, String groundUser) {
    Map<String, UserGrants> byUser = acl.stream().collect(Collectors.toMap(UserGrants::user, Function.identity(),
        (a, b) -> a, java.util.LinkedHashMap::new));
    UserGrants patterns = byUser.get(MosquittoAcl.PATTERN_USER);
    List<String> out = new ArrayList<>();
    for (UserGrants need : BrokerAccess.grants(List.of(plan), groundUser)) {
      boolean ground = need.user().equals(groundUser);
      Optional<UserGrants> user = ground ? Optional.ofNullable(byUser.get(groundUser)) : userOf(need.user(), acl);
      if (user.isEmpty()) {
        out.add(ground ? "no user '" + groundUser + "' for the ground (give --ground-user)"
            : "satellite " + need.user() + " has no user (none is named so or reads "
                + UplinkTopics.command(need.user()) + ")");
        continue;
      }
      UserGrants has = withPatterns(user.get(), patterns);
      List<String> lacking = new ArrayList<>();
      need.read().stream().filter(t -> !coveredBy(t, has.read())).forEach(t -> lacking.add("read " + t));
      need.write().stream().filter(t -> !coveredBy(t, has.write())).forEach(t -> lacking.add("write " + t));
      if (!lacking.isEmpty()) {
        String who = ground ? "the ground" : "satellite " + need.user();
        out.add("user " + has.user() + " (" + who + ") lacks " + lacking.get(0)
            + (lacking.size() > 1 ? " and " + (lacking.size() - 1) + " more" : ""));
      }
    }
    return out;
  }

  /** The user named {@code satellite}, else the first (a board's) whose reads cover its command topic. */
  private static Optional<UserGrants> userOf(String satellite, List<UserGrants> acl) {
    Optional<UserGrants> own = acl.stream().filter(g -> g.user().equals(satellite)).findFirst();
    if (own.isPresent()) {
      return own;
    }
    String cmd = UplinkTopics.command(satellite);
    return acl.stream().filter(g -> !g.user().isEmpty() && !g.user().equals(MosquittoAcl.PATTERN_USER))
        .filter(g -> g.read().stream().anyMatch(f -> f.equals(cmd))).findFirst();
  }

  private static UserGrants withPatterns(UserGrants user, UserGrants patterns) {
    if (patterns == null) {
      return user;
    }
    SortedSet<String> read = new TreeSet<>(user.read());
    SortedSet<String> write = new TreeSet<>(user.write());
    patterns.read().forEach(p -> read.add(substitute(p, user.user())));
    patterns.write().forEach(p -> write.add(substitute(p, user.user())));
    return new UserGrants(user.user(), read, write);
  }

  /** Mosquitto's pattern substitution; the client id ({@code %c}) is not known here, so it matches nothing. */
  private static String substitute(String pattern, String user) {
    return pattern.replace("%u", user).replace("%c", "\u0000");
  }

  private static boolean coveredBy(String needed, SortedSet<String> granted) {
    return granted.stream().anyMatch(g -> covers(g, needed));
  }

  /**
   * Whether every topic matched by filter {@code needed} is matched by filter {@code granted}: levels equal, a
   * granted {@code +} takes any one level but {@code #}, a granted {@code #} takes the rest.
   */
  static boolean covers(String granted, String needed) {
    String[] g = granted.split("/", -1);
    String[] n = needed.split("/", -1);
    for (int i = 0; i < g.length; i++) {
      if (g[i].equals("#")) {
        return true;
      }
      if (i >= n.length || n[i].equals("#")) {
        return false;
      }
      if (!g[i].equals("+") && !g[i].equals(n[i])) {
        return false;
      }
    }
    return g.length == n.length;
  }
}
