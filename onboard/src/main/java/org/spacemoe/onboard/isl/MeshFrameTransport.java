package org.spacemoe.onboard.isl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.spacemoe.onboard.link.SlotClock;
import org.spacemoe.onboard.link.TransitEstimator;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.onboard.telemetry.RelayTelemetry;
import org.spacemoe.onboard.transport.FrameTransport;
import org.spacemoe.onboard.transport.InboundFrameHandler;
import org.spacemoe.onboard.transport.MqttFrameTransport;
import org.spacemoe.shared.frame.FrameTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames over ISLs that are links: every hosted satellite receives on its own broker endpoint
 * ({@code spacemoe/v1/isl/SAT/in/+}) and sends over one MQTT connection per neighbour it sends to (opened on first use,
 * in the background), so a frame crosses one link per hop and every satellite on its route forwards it. The next hop
 * is the planner's shortest-latency route in the current slot ({@link MeshRoutes}) without the links known down. With
 * link emulation each hop holds the frame for that one link's latency times the time scale (less the measured broker
 * transit), so the sum over the route is the route's modelled latency.
 *
 * <p>Link failures are dropped connections: a link whose connection has been down for {@code linkDownMs} (its
 * neighbour's broker gone, or the link taken down by {@link #linkDown}) leaves the routes; what was waiting on it and
 * not acknowledged is forwarded again over the next route (a copy that did arrive is a duplicate the receiver ignores),
 * and later frames take the next route. A link that failed on its own is tried again every
 * {@value #PROBE_EVERY_MS} ms and rejoins the routes once it connects; one taken down by {@link #linkDown} stays down.
 * Links that stop existing when the slot changes are closed the same way.
 *
 * <p>Ground traffic (commands, heartbeats, token results, frames from the ground) goes through {@code ground}.
 */
public final class MeshFrameTransport implements FrameTransport {
  private static final Logger LOG = LoggerFactory.getLogger(MeshFrameTransport.class);
  /** A link that failed on its own is tried again this often, ms. */
  static final long PROBE_EVERY_MS = 2_000;
  static final long SUPERVISE_EVERY_MS = 100;
  /** Connections opened in parallel. */
  static final int OPENING_AT_ONCE = 16;

  /** The network a plan gives: routes, the slot clock, link emulation. */
  public record Network(MeshRoutes routes, SlotClock clock, boolean linkEmulation, double timeScale,
      boolean compensateTransit) {}

  /** One outbound connection, from a hosted satellite to a neighbour's endpoint. */
  private static final class Link {
    final String from;
    final String to;
    final MqttFrameTransport mqtt;
    final long openedNanos = System.nanoTime();
    volatile boolean started;
    /** An attempt to open it is under way (never two at once: they would share one client id). */
    final java.util.concurrent.atomic.AtomicBoolean opening = new java.util.concurrent.atomic.AtomicBoolean();
    /** Its connection was up once, or an attempt to open it failed: down from then on counts. */
    volatile boolean judged;
    volatile long downSinceNanos;
    volatile long lastAttemptNanos;
    boolean closed; // guarded by this

    Link(String from, String to, MqttFrameTransport mqtt) {
      this.from = from;
      this.to = to;
      this.mqtt = mqtt;
    }
  }

  private final MqttFrameTransport ground;
  private final IslEndpoints endpoints;
  private final BiFunction<String, String, MqttFrameTransport> connections;
  private final String clientIdBase;
  private final ScheduledExecutorService timer;
  private final ExecutorService opener;
  private final NodeTelemetry telemetry;
  private final RelayTelemetry relays;
  private final TransitEstimator transit;
  private final long linkDownNanos;
  private final Map<String, Link> links = new ConcurrentHashMap<>();
  /** Links that failed on their own, being tried again. */
  private final Map<String, Link> probes = new ConcurrentHashMap<>();
  /** Links taken down on purpose ({@link #linkDown}): never tried again. */
  private final Set<String> takenDown = ConcurrentHashMap.newKeySet();
  /** Own endpoints by URI, once subscribed there. */
  private final Map<String, MqttFrameTransport> inbound = new ConcurrentHashMap<>();
  private volatile boolean groundStarted;
  private volatile boolean supervised;
  private volatile Network network;
  private volatile Set<String> hosted = Set.of();
  private volatile InboundFrameHandler handler;
  private volatile boolean closed;
  private volatile int lastSlot = -1;
  /** Pairs given to {@link #openRoutes} before {@link #start}. */
  private volatile List<String[]> routesToOpen = List.of();
  /** The last {@link #openRoutes} walk has finished (its links are in {@link #links}). */
  private volatile boolean routesOpened = true;

  /**
   * @param ground the connection to the ground broker
   * @param connections a new (not started) MQTT transport to a broker URI with a client id
   * @param clientIdBase prefix of the client ids of this node's ISL connections
   * @param linkDownMs a link down this long is taken as failed, ms
   */
  public MeshFrameTransport(MqttFrameTransport ground, IslEndpoints endpoints,
      BiFunction<String, String, MqttFrameTransport> connections, String clientIdBase, ScheduledExecutorService timer,
      NodeTelemetry telemetry, TransitEstimator transit, long linkDownMs) {
    this.ground = ground;
    this.endpoints = endpoints;
    this.connections = connections;
    this.clientIdBase = clientIdBase;
    this.timer = timer;
    this.telemetry = telemetry;
    this.relays = telemetry.relays();
    this.transit = transit;
    this.linkDownNanos = TimeUnit.MILLISECONDS.toNanos(linkDownMs);
    // a few connections open at once: hundreds at once (a bench) overload the computer and time out
    this.opener = Executors.newFixedThreadPool(OPENING_AT_ONCE, r -> {
      Thread t = new Thread(r, "spacemoe-isl-open");
      t.setDaemon(true);
      return t;
    });
  }

  /** Routes frames over {@code n} from now on (the active plan's constellation, slot clock and link emulation). */
  public void attach(Network n) {
    this.network = n;
  }

  /**
   * Opens, in the background, the connections of every link this node sends over on the current routes between the
   * given pairs of satellites ({@code [from, to]}): a new MQTT connection takes about 0.3 s (Paho's start-up), which
   * a frame would otherwise wait for on its first crossing.
   */
  public void openRoutes(java.util.Collection<String[]> pairs) {
    if (hosted.isEmpty()) {
      routesToOpen = List.copyOf(pairs); // before start: opened once the hosted satellites are known
      return;
    }
    routesOpened = false;
    try {
      opener.execute(() -> {
        try {
          walkRoutes(pairs);
        } finally {
          routesOpened = true;
        }
      });
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  private void walkRoutes(java.util.Collection<String[]> pairs) {
    Network n = network;
    if (n == null) {
      return;
    }
    int slot = n.clock().currentSlot();
    for (String[] p : pairs) {
      String at = p[0];
      for (int hops = 0; !at.equals(p[1]) && hops < 1_000 && !closed; hops++) {
        if (!n.routes().knows(at) || !n.routes().knows(p[1])) {
          break;
        }
        String next = n.routes().nextHop(slot, at, p[1]);
        if (next == null) {
          break;
        }
        if (hosted.contains(at)) {
          String from = at;
          links.computeIfAbsent(key(at, next), k -> open(from, next));
        }
        at = next;
      }
    }
  }

  @Override
  public void start(List<String> hostedSatellites, InboundFrameHandler h) {
    this.handler = h;
    this.hosted = Set.copyOf(hostedSatellites);
    if (!groundStarted) {
      ground.start(hostedSatellites, h);
      groundStarted = true;
    }
    Map<String, List<String>> byEndpoint = new LinkedHashMap<>();
    for (String s : hostedSatellites) {
      byEndpoint.computeIfAbsent(endpoints.of(s), k -> new ArrayList<>()).add(FrameTopics.islInboundFilter(s));
    }
    int k = 0;
    for (Map.Entry<String, List<String>> e : byEndpoint.entrySet()) {
      String id = clientIdBase + "-isl-in" + k++;
      if (!inbound.containsKey(e.getKey())) {
        inbound.put(e.getKey(), startInbound(e.getKey(), id, e.getValue()));
      }
    }
    List<String[]> early = routesToOpen;
    routesToOpen = List.of();
    if (!early.isEmpty()) {
      openRoutes(early);
    }
    if (!supervised) {
      supervised = true;
      timer.scheduleWithFixedDelay(this::supervise, SUPERVISE_EVERY_MS, SUPERVISE_EVERY_MS, TimeUnit.MILLISECONDS);
    }
  }

  private MqttFrameTransport startInbound(String uri, String clientId, List<String> filters) {
    MqttFrameTransport in = connections.apply(uri, clientId);
    in.startTopics(filters, this::arrived);
    return in;
  }

  @Override
  public void send(String fromSatellite, String toSatellite, byte[] frame, long sentAtNanos, long holdNanos) {
    forward(fromSatellite, toSatellite, fromSatellite, frame, sentAtNanos);
  }

  /** An ISL frame arrived at a hosted satellite: hand it over, or forward it towards its destination. */
  private void arrived(String topic, String from, byte[] frame, long sentAtNanos, long arrivedNanos) {
    String[] hopAndDestination;
    try {
      hopAndDestination = FrameTopics.islHopAndDestination(topic);
    } catch (IllegalArgumentException e) {
      telemetry.frameError("ISL_TOPIC");
      return;
    }
    String hop = hopAndDestination[0];
    String destination = hopAndDestination[1];
    if (!hosted.contains(hop)) {
      telemetry.dropped(DropReason.UNKNOWN_SATELLITE);
      return;
    }
    relays.arrived();
    if (hop.equals(destination)) {
      handler.onFrame(hop, from, frame, sentAtNanos, arrivedNanos);
      return;
    }
    relays.relayed(hop, frame.length);
    forward(hop, destination, from, frame, sentAtNanos);
  }

  /** Sends {@code frame} from {@code at} one link on towards {@code destination}, held for that link's latency. */
  private void forward(String at, String destination, String origin, byte[] frame, long sentAtNanos) {
    Network n = network;
    if (n == null || !n.routes().knows(at) || !n.routes().knows(destination)) {
      noRoute();
      return;
    }
    int slot = n.clock().currentSlot();
    String next = n.routes().nextHop(slot, at, destination);
    if (next == null) {
      noRoute();
      return;
    }
    if (!takenDown.isEmpty() || !probes.isEmpty()) {
      if (!next.equals(n.routes().nominalNextHop(slot, at, destination))) {
        relays.rerouted(1);
      }
    }
    long now = System.nanoTime();
    long hold = 0;
    if (n.linkEmulation()) {
      long modelled = (long) (n.routes().linkLatencyS(slot, at, next, frame.length) * n.timeScale() * 1e9);
      hold = Math.max(0, modelled - (n.compensateTransit() ? transit.estimateNanos() : 0));
    }
    if (hold <= 0) {
      transmit(at, next, destination, origin, frame, sentAtNanos, now, 0);
      return;
    }
    long held = hold;
    try {
      timer.schedule(() -> transmit(at, next, destination, origin, frame, sentAtNanos, now, System.nanoTime() - now),
          held, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  /** Publishes on the link {@code at}->{@code next}; a link closed meanwhile sends the frame over the next route. */
  private void transmit(String at, String next, String destination, String origin, byte[] frame, long sentAtNanos,
      long hopStartNanos, long heldNanos) {
    if (closed) {
      return;
    }
    Link link = links.computeIfAbsent(key(at, next), k -> open(at, next));
    synchronized (link) {
      if (!link.closed) {
        relays.linkSent(at, next, frame.length);
        link.mqtt.sendOnTopic(FrameTopics.islInbound(next, destination), origin, frame, sentAtNanos, hopStartNanos,
            heldNanos);
        return;
      }
    }
    forward(at, destination, origin, frame, sentAtNanos);
  }

  private Link open(String from, String to) {
    Link link = new Link(from, to, connections.apply(endpoints.of(to), clientIdBase + "-isl-" + from + "-" + to));
    connectInBackground(link);
    return link;
  }

  private void connectInBackground(Link link) {
    if (!link.opening.compareAndSet(false, true)) {
      return;
    }
    link.lastAttemptNanos = System.nanoTime();
    try {
      opener.execute(() -> {
        try {
          link.mqtt.startTopics(List.of(), null);
          link.started = true;
        } catch (RuntimeException e) {
          link.judged = true;
          LOG.debug("ISL {}->{}: {}", link.from, link.to, e.getMessage());
        } finally {
          link.lastAttemptNanos = System.nanoTime();
          link.opening.set(false);
        }
      });
    } catch (RejectedExecutionException e) {
      link.opening.set(false); // closing
    }
  }

  /**
   * Takes the link {@code a}-{@code b} down for good (a fault): both directions leave the routes, the frames waiting
   * on them are sent over the next route. Only the directions from satellites this node hosts have connections here.
   */
  public void linkDown(String a, String b) {
    takenDown.add(undirected(a, b));
    Network n = network;
    if (n != null && n.routes().markDown(a, b)) {
      relays.linkDown();
    }
    fail(links.remove(key(a, b)));
    fail(links.remove(key(b, a)));
  }

  /** Every {@value #SUPERVISE_EVERY_MS} ms: links down too long fail, probes that connect rejoin, slots change. */
  private void supervise() {
    try {
      Network n = network;
      long now = System.nanoTime();
      int slot = n == null ? -1 : n.clock().currentSlot();
      boolean slotChanged = slot != lastSlot;
      lastSlot = slot;
      for (Link link : List.copyOf(links.values())) {
        if (n != null && slotChanged && !n.routes().linked(slot, link.from, link.to)) {
          fail(links.remove(key(link.from, link.to))); // the link ended with the slot
          continue;
        }
        if (link.mqtt.isConnected()) {
          link.downSinceNanos = 0;
          link.judged = true;
          continue;
        }
        if (link.downSinceNanos == 0) {
          link.downSinceNanos = now;
        }
        if (!link.judged && link.opening.get()) {
          link.downSinceNanos = now; // still opening (queued, or connecting within Paho's timeout): not down yet
          continue;
        }
        if (now - link.downSinceNanos >= linkDownNanos) {
          if (n != null && n.routes().markDown(link.from, link.to)) {
            relays.linkDown();
            LOG.warn("ISL {}->{} down for {} ms: routing around it", link.from, link.to, linkDownNanos / 1_000_000);
          }
          Link gone = links.remove(key(link.from, link.to));
          fail(gone);
          if (gone != null && !takenDown.contains(undirected(link.from, link.to))) {
            Link probe = new Link(link.from, link.to,
                connections.apply(endpoints.of(link.to), clientIdBase + "-isl-" + link.from + "-" + link.to + "-p"));
            probes.put(key(link.from, link.to), probe);
            probe.lastAttemptNanos = now;
          }
        } else if (!link.started && now - link.lastAttemptNanos > TimeUnit.MILLISECONDS.toNanos(PROBE_EVERY_MS)) {
          connectInBackground(link);
        }
      }
      for (Link probe : List.copyOf(probes.values())) {
        if (probe.started && probe.mqtt.isConnected()) {
          probes.remove(key(probe.from, probe.to));
          links.put(key(probe.from, probe.to), probe);
          if (n != null && n.routes().markUp(probe.from, probe.to)) {
            relays.linkUp();
            LOG.warn("ISL {}->{} is back", probe.from, probe.to);
          }
        } else if (now - probe.lastAttemptNanos > TimeUnit.MILLISECONDS.toNanos(PROBE_EVERY_MS)) {
          if (probe.started) {
            continue; // connected once; Paho reconnects it
          }
          connectInBackground(probe);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("ISL supervision: {}", e.toString());
    }
  }

  /** Closes {@code link} at once and forwards what it had not delivered over the next route. */
  private void fail(Link link) {
    if (link == null) {
      return;
    }
    synchronized (link) {
      link.closed = true;
    }
    List<MqttFrameTransport.Pending> pending = link.mqtt.takePending();
    if (!pending.isEmpty()) {
      relays.rerouted(pending.size());
    }
    for (MqttFrameTransport.Pending p : pending) {
      String destination;
      try {
        destination = FrameTopics.islHopAndDestination(p.topic())[1];
      } catch (IllegalArgumentException e) {
        continue;
      }
      long sentAt = parse(p.headers().get(MqttFrameTransport.SENT_AT), System.nanoTime());
      forward(link.from, destination, p.headers().getOrDefault(MqttFrameTransport.FROM, link.from), p.payload(),
          sentAt);
    }
  }

  private void noRoute() {
    relays.countNoRoute();
    telemetry.dropped(DropReason.NO_ROUTE);
  }

  private static long parse(String v, long fallback) {
    try {
      return v == null ? fallback : Long.parseLong(v);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String key(String from, String to) {
    return from + ">" + to;
  }

  private static String undirected(String a, String b) {
    return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
  }

  /** Links known to this node whose connection is not up (0 once every known link is up). */
  public int linksNotUp() {
    int n = 0;
    for (Link l : links.values()) {
      if (!l.mqtt.isConnected()) {
        n++;
      }
    }
    return n;
  }

  /**
   * {@link #openRoutes} has pairs still to walk or being walked: until it is done, the links they need are not all
   * known to {@link #linksNotUp} yet.
   */
  public boolean routesOpening() {
    return !routesToOpen.isEmpty() || !routesOpened;
  }

  /** Links with an open connection, {@code FROM>TO}. */
  public Set<String> openLinks() {
    return Set.copyOf(links.keySet());
  }

  @Override
  public void publish(String topic, byte[] payload) {
    ground.publish(topic, payload);
  }

  @Override
  public void publishRetained(String topic, byte[] payload) {
    ground.publishRetained(topic, payload);
  }

  @Override
  public void setCommandHandler(BiConsumer<String, byte[]> commands) {
    ground.setCommandHandler(commands);
  }

  @Override
  public boolean flush(long timeoutMs, long quietMs) {
    boolean ok = ground.flush(timeoutMs, quietMs);
    for (Link l : links.values()) {
      ok &= l.mqtt.flush(timeoutMs, 0);
    }
    return ok;
  }

  /** Connected to the ground broker and subscribed on every own endpoint. */
  @Override
  public boolean isConnected() {
    if (!ground.isConnected()) {
      return false;
    }
    for (MqttFrameTransport in : inbound.values()) {
      if (!in.isConnected()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Map<String, Integer> refusedTopics() {
    Map<String, Integer> all = new HashMap<>(ground.refusedTopics());
    links.values().forEach(l -> all.putAll(l.mqtt.refusedTopics()));
    return all;
  }

  @Override
  public void abort() {
    closed = true;
    opener.shutdownNow();
    ground.abort();
    inbound.values().forEach(MqttFrameTransport::abort);
    links.values().forEach(l -> l.mqtt.abort());
    probes.values().forEach(l -> l.mqtt.abort());
  }

  @Override
  public void close() {
    closed = true;
    opener.shutdownNow();
    links.values().forEach(l -> l.mqtt.close());
    probes.values().forEach(l -> l.mqtt.abort());
    inbound.values().forEach(MqttFrameTransport::close);
    ground.close();
  }
}
