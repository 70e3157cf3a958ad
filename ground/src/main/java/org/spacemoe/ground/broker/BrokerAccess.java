package org.spacemoe.ground.broker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.spacemoe.shared.frame.FrameTopics;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.uplink.PlanShards;
import org.spacemoe.shared.uplink.UplinkTopics;

/**
 * Least-privilege topic grants derived from placement plans, following the runtime's message flow (DESIGN.md
 * "One token, end to end"):
 *
 * <ul>
 *   <li>every satellite reads its own {@code cmd} and {@code in} topics and writes its own {@code status} and
 *       {@code telemetry} topics;</li>
 *   <li>the gateway of layer {@code l} writes the {@code in} topics of every host of its layer's experts
 *       (expert requests), of the gateway of layer {@code l+1} (hidden state) and, for the last layer, of the
 *       entry (layer 0's gateway: the ring closes with the token) plus {@code spacemoe/v1/seq/+/tokens}; every
 *       gateway writes {@code spacemoe/v1/seq/+/errors} (expert timeouts);</li>
 *   <li>an expert host of layer {@code l} writes the {@code in} topic of that layer's gateway (responses);</li>
 *   <li>the ground writes every {@code cmd} topic and the entry's {@code in} topic (to start sequences), and
 *       reads every {@code status} and {@code telemetry} topic and {@code spacemoe/v1/seq/#}.</li>
 * </ul>
 *
 * Given several plans (old and new, during a changeover) a user gets the union of its grants.
 */
public final class BrokerAccess {
  /** Default broker user name of the ground station. */
  public static final String DEFAULT_GROUND_USER = "ground";
  /** Every sequence's token and error topics. */
  public static final String ALL_SEQUENCES = FrameTopics.PREFIX + "/seq/#";
  public static final String ALL_TOKENS = FrameTopics.PREFIX + "/seq/+/tokens";
  public static final String ALL_ERRORS = FrameTopics.PREFIX + "/seq/+/errors";

  private BrokerAccess() {}

  /**
   * Checks that every satellite name of {@code plan} can be a broker user next to {@code groundUser}: a valid
   * topic level, no whitespace (the ACL file is whitespace-separated), not the ground's name.
   *
   * @param input names the plan in errors (its file)
   */
  public static void check(String input, PlacementPlan plan, String groundUser) {
    checkUser("--ground-user", groundUser);
    if (plan.layers().isEmpty()) {
      throw new InvalidInputException(input, "plan has no layers");
    }
    for (String sat : PlanShards.satellites(plan)) {
      try {
        checkUser("satellite", sat);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(input, e.getMessage());
      }
      if (sat.equals(groundUser)) {
        throw new InvalidInputException(input, "satellite '" + sat + "' has the ground's user name; choose"
            + " another with --ground-user");
      }
    }
  }

  private static void checkUser(String what, String name) {
    FrameTopics.checkName(name);
    if (!name.matches("\\S+") || name.startsWith("#")) {
      throw new InvalidInputException(what, "'" + name + "' cannot be a broker user name (no whitespace, no"
          + " leading #)");
    }
  }

  /** Grants for the ground user first, then every satellite of {@code plans}, sorted by name. */
  public static List<UserGrants> grants(List<PlacementPlan> plans, String groundUser) {
    Map<String, SortedSet<String>> read = new TreeMap<>();
    Map<String, SortedSet<String>> write = new TreeMap<>();
    SortedSet<String> groundRead = new TreeSet<>(List.of(UplinkTopics.ALL_STATUS, FrameTopics.ALL_TELEMETRY,
        ALL_SEQUENCES));
    SortedSet<String> groundWrite = new TreeSet<>(List.of(UplinkTopics.ALL_COMMANDS));
    for (PlacementPlan plan : plans) {
      for (String sat : PlanShards.satellites(plan)) {
        set(read, sat).add(UplinkTopics.command(sat));
        set(read, sat).add(FrameTopics.satelliteInbound(sat));
        set(write, sat).add(UplinkTopics.status(sat));
        set(write, sat).add(FrameTopics.satelliteTelemetry(sat));
      }
      List<LayerPlacement> layers = plan.layers();
      // a layer's standby gateway sends and receives what its gateway does: it takes the layer over
      List<String> entries = holders(layers.get(0));
      for (String entry : entries) {
        groundWrite.add(FrameTopics.satelliteInbound(entry));
      }
      for (int l = 0; l < layers.size(); l++) {
        LayerPlacement lp = layers.get(l);
        for (String g : holders(lp)) {
          SortedSet<String> gw = set(write, g);
          for (List<String> hosts : lp.experts()) {
            for (String h : hosts) {
              gw.add(FrameTopics.satelliteInbound(h));
              set(write, h).add(FrameTopics.satelliteInbound(g));
            }
          }
          gw.add(ALL_ERRORS);
          if (l + 1 < layers.size()) {
            for (String next : holders(layers.get(l + 1))) {
              gw.add(FrameTopics.satelliteInbound(next));
            }
          } else {
            for (String entry : entries) {
              gw.add(FrameTopics.satelliteInbound(entry));
            }
            gw.add(ALL_TOKENS);
          }
        }
      }
    }
    List<UserGrants> out = new ArrayList<>();
    out.add(new UserGrants(groundUser, groundRead, groundWrite));
    for (String sat : read.keySet()) {
      out.add(new UserGrants(sat, read.get(sat), write.get(sat)));
    }
    return out;
  }

  /**
   * Grants per computer: each host in {@code hosts} (host user name to the satellites its one process serves, over
   * one connection with one certificate) gets the union of its satellites' grants, which lose their own users;
   * satellites of no host keep theirs. A satellite in two hosts, a host named like the ground or a satellite of
   * another host, or a host with a satellite the plans do not have, fails naming {@code --host}.
   */
  public static List<UserGrants> byHost(List<UserGrants> grants, Map<String, List<String>> hosts, String groundUser) {
    Map<String, UserGrants> bySat = new LinkedHashMap<>();
    grants.forEach(g -> bySat.put(g.user(), g));
    Map<String, String> hostOf = new TreeMap<>();
    for (Map.Entry<String, List<String>> h : hosts.entrySet()) {
      checkUser("--host", h.getKey());
      if (h.getKey().equals(groundUser)) {
        throw new InvalidInputException("--host", "host '" + h.getKey() + "' has the ground's user name");
      }
      if (h.getValue().isEmpty()) {
        throw new InvalidInputException("--host", "host '" + h.getKey() + "' lists no satellite");
      }
      for (String sat : h.getValue()) {
        if (!bySat.containsKey(sat) || sat.equals(groundUser)) {
          throw new InvalidInputException("--host", "host '" + h.getKey() + "': satellite '" + sat
              + "' is in none of the plans");
        }
        String was = hostOf.put(sat, h.getKey());
        if (was != null) {
          throw new InvalidInputException("--host", "satellite '" + sat + "' is on two hosts: " + was + " and "
              + h.getKey());
        }
      }
    }
    for (String host : hosts.keySet()) {
      if (bySat.containsKey(host) && !host.equals(hostOf.get(host))) {
        throw new InvalidInputException("--host", "host '" + host + "' has the name of a satellite it does not"
            + " serve");
      }
    }
    List<UserGrants> out = new ArrayList<>();
    for (UserGrants g : grants) {
      if (!hostOf.containsKey(g.user())) {
        out.add(g);
      }
    }
    for (Map.Entry<String, List<String>> h : hosts.entrySet()) {
      SortedSet<String> read = new TreeSet<>();
      SortedSet<String> write = new TreeSet<>();
      for (String sat : h.getValue()) {
        read.addAll(bySat.get(sat).read());
        write.addAll(bySat.get(sat).write());
      }
      out.add(new UserGrants(h.getKey(), read, write));
    }
    return out;
  }

  /** The layer's gateway, then its standby gateway if it has one. */
  private static List<String> holders(LayerPlacement lp) {
    return lp.standby() == null ? List.of(lp.gateway()) : List.of(lp.gateway(), lp.standby());
  }

  private static SortedSet<String> set(Map<String, SortedSet<String>> m, String user) {
    return m.computeIfAbsent(user, k -> new TreeSet<>());
  }
}
