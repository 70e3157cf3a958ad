package org.spacemoe.onboard.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.List;
import org.spacemoe.shared.model.DeviceProfile;

/**
 * Onboard configuration ({@code spacemoe.onboard.*}), validated at start-up: a bad value stops the
 * process with the key's name.
 */
@ConfigurationProperties("spacemoe.onboard")
@Introspected
public class OnboardConfig {
  /** Satellites this process hosts: one on a board, many on a bench. */
  @NotEmpty
  private List<@NotBlank @Pattern(regexp = "[^/+#\\s]+", message = "must not contain / + # or spaces") String> satellites =
      new ArrayList<>();

  /** MQTT broker URI, e.g. {@code tcp://127.0.0.1:1883} or {@code ssl://broker:8883}. */
  @NotBlank
  @Pattern(regexp = "(tcp|ssl|ws|wss)://.+", message = "must be tcp://, ssl://, ws:// or wss:// followed by host:port")
  private String broker = "tcp://127.0.0.1:1883";

  private String username;
  private String password;

  /** Directory holding {@code plan.json}, {@code manifest.json} and the shards. */
  @NotBlank
  private String dataDir = "data";

  /** Device profile name or {@code custom:gflops=..,memory-gib=..}. */
  @NotBlank
  private String device = DeviceProfile.DEFAULT_NAME;

  /** Hold frames for the emulated ISL path latency. */
  private boolean linkEmulation = true;

  /** Release results no earlier than nominal FLOPs / device FLOP/s. */
  private boolean computeEmulation = false;

  /**
   * Subtract the transport's measured delivery time from emulated holds, so frames arrive one modelled ISL
   * latency after sending rather than that plus the broker's transit.
   */
  private boolean compensateTransit = true;

  /** Multiplies every emulated delay; 1 = real time. */
  @DecimalMin(value = "0.0", inclusive = false, message = "must be greater than 0")
  private double timeScale = 1.0;

  /**
   * How long an expert copy may stay silent before it is suspect and the gateway asks the next copy (plans with
   * replicas), ms. A step still waiting fails only after {@code give-up-ms}.
   */
  @Min(1)
  private long expertTimeoutMs = 10_000;

  /**
   * How long an expert host that let a request time out stays suspect, ms: a gateway sends to its other copies
   * first (plans with replicas) until then.
   */
  @Min(0)
  private long expertSuspectMs = 30_000;

  /**
   * Injected link fault (bench): probability that a frame sent to another satellite is lost, in [0, 1).
   * Counted as {@code LINK_LOSS_INJECTED}. See {@link org.spacemoe.onboard.link.LinkFaults}.
   */
  @DecimalMin(value = "0.0", message = "must be in [0, 1)")
  @DecimalMax(value = "1.0", inclusive = false, message = "must be in [0, 1)")
  private double linkLoss;

  /** Injected link fault (bench): probability that a frame to another satellite is delivered twice, in [0, 1). */
  @DecimalMin(value = "0.0", message = "must be in [0, 1)")
  @DecimalMax(value = "1.0", inclusive = false, message = "must be in [0, 1)")
  private double linkDup;

  /**
   * Injected link fault (bench): probability that a frame to another satellite is held back long enough for later
   * frames to overtake it, in [0, 1).
   */
  @DecimalMin(value = "0.0", message = "must be in [0, 1)")
  @DecimalMax(value = "1.0", inclusive = false, message = "must be in [0, 1)")
  private double linkReorder;

  /** Seed of the injected link faults: the same seed draws the same faults for the same frame order. */
  private long linkFaultSeed = 1;

  /** Most frames waiting to be published before new ones are dropped and counted. */
  @Min(1)
  private int sendQueueCapacity = 4096;

  /** Most sequences whose KV caches a gateway keeps; the least recently used is evicted and counted. */
  @Min(1)
  private int maxSequences = 64;

  /** Pin the emulated time slot (benches compare against one slot); unset: slots advance with time. */
  @Min(0)
  private Integer pinnedSlot;

  /** How long sequences started on a replaced plan may keep running before its roles close, ms. */
  @Min(0)
  private long drainMs = 60_000;

  /** Two-phase activation: how long a PREPAREd plan is held without COMMIT or ABORT before it is released, ms. */
  @Min(1)
  private long prepareTimeoutMs = 60_000;

  /**
   * Graceful stop (SIGTERM, {@code systemctl stop}): how long sequences in flight may keep running before those
   * still held fail with {@code DRAINING}, ms. New sequences are refused from the first moment of the stop. The
   * systemd unit's {@code TimeoutStopSec} must exceed it (the shipped unit allows 30 s), as must the pid-file
   * script's {@code SPACEMOE_STOP_S}.
   */
  @Min(0)
  @Max(600_000)
  private long stopDrainMs = 10_000;

  /** Interval of the retained per-satellite heartbeat on the telemetry topic, ms. */
  @Min(100)
  private long telemetryIntervalMs = 5_000;

  /**
   * PEM files of the ground public keys this node trusts (their key ids are derived from them). Non-empty:
   * the node takes signed plans over the air into its plan store ({@code DATA_DIR/store}).
   */
  private List<String> trustedKeys = new ArrayList<>();

  /** With an {@code ssl://} broker: PKCS#12 trust store holding the broker's CA. */
  private String tlsTrustStore;

  /** With an {@code ssl://} broker: PKCS#12 key store with this node's client certificate (CN = satellite). */
  private String tlsKeyStore;

  /** Password of the TLS stores. */
  private String tlsStorePassword;

  /**
   * MQTT client id of this node, stable across restarts so the broker keeps its session (subscriptions, queued
   * frames) while it is away; unset: {@code spacemoe-} followed by the first satellite and a hash of the list and
   * the data directory.
   * Must be unique per process on the broker.
   */
  @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1-64 letters, digits, '.', '_' or '-'")
  private String clientId;

  /** How long the broker keeps this node's session (subscriptions, queued frames) after it went away, s. */
  @Min(0)
  private long sessionExpiryS = 600;

  /**
   * Slack on top of a frame's modelled round trip before it is sent again (acknowledgement or expert output
   * missing), ms; each further wait doubles up to {@code retry-max-interval-ms}.
   */
  @Min(1)
  private long retryMarginMs = 50;

  /** Longest wait between two sends of one frame, ms. */
  @Min(1)
  private long retryMaxIntervalMs = 2000;

  /**
   * Longest time a step waits for an answer (acknowledgement, expert output, ring closure) before its sequence
   * fails with a named reason on its error topic, ms. Broker outages shorter than this are survived.
   */
  @Min(1)
  private long giveUpMs = 120000;

  /** Unacknowledged sends to a layer's gateway before its standby (if the plan names one) takes over. */
  @Min(1)
  private int failoverAfterAttempts = 3;

  /** Most tokens (prompt plus generated) a sequence may have; a longer start is refused with an error. */
  @Min(1)
  private int maxContext = 4096;

  /**
   * How activation frames travel between satellites: {@code shared} (every frame through {@code broker}, held by the
   * sender for the whole route's modelled latency) or {@code mesh} (each satellite has its own broker endpoint and one
   * MQTT connection per ISL neighbour it sends to; a frame crosses one link per hop and every satellite on its route
   * forwards it, each link holding it for that link's latency). Ground traffic (commands, heartbeats, tokens, frames
   * from the ground) stays on {@code broker} in both modes.
   */
  @NotNull
  @Pattern(regexp = "shared|mesh", message = "must be shared or mesh")
  private String isl = "shared";

  /**
   * Mesh mode: the broker endpoint of satellites, as {@code SATELLITE=URI} ({@code tcp://HOST:PORT} or
   * {@code ssl://HOST:PORT}): where this node subscribes for its own satellites' ISL frames and where it connects to
   * send to a neighbour. A satellite not listed uses {@code broker}.
   */
  private List<@Pattern(regexp = "[^/+#\\s=]+=(tcp|ssl)://[^\\s]+",
      message = "must be SATELLITE=tcp://HOST:PORT or SATELLITE=ssl://HOST:PORT") String> islEndpoints =
      new ArrayList<>();

  /** Mesh mode: user name on the neighbours' brokers (unset: {@code username}). */
  private String islUsername;

  /** Mesh mode: password on the neighbours' brokers (unset: {@code password}). */
  private String islPassword;

  /**
   * Mesh mode: a link whose connection has been down this long, ms, is taken as failed: routes avoid it and the
   * frames waiting on it are sent again over the next route; it is used again once it reconnects.
   */
  @Min(1)
  private long islLinkDownMs = 1_000;

  /** ONNX Runtime intra-op threads per session. */
  @Min(1)
  private int intraOpThreads = 1;

  /**
   * Shortest deadline of a shard run, ms: a run still going after {@code max(run-deadline-min-ms,
   * run-deadline-factor x its nominal compute time)} is aborted and the node marks itself DOWN (hung) until
   * restarted, which stops its systemd watchdog pings.
   */
  @Min(1)
  private long runDeadlineMinMs = 2_000;

  /**
   * Deadline of a shard run as a multiple of its nominal compute time (FLOPs / the device's FLOP/s, at time scale
   * 1), when longer than {@code run-deadline-min-ms}; dimensionless.
   */
  @DecimalMin(value = "0.0", inclusive = false, message = "must be greater than 0")
  private double runDeadlineFactor = 20.0;

  /**
   * Longest a satellite's serial queue may hold a waiting task without progress while nothing of that satellite
   * runs, ms; beyond it the liveness probe fails and the systemd watchdog stops pinging.
   */
  @Min(1)
  private long queueStallMs = 30_000;

  /** Most frames waiting on one satellite's serial queue; a frame beyond it is refused and counted (QUEUE_FULL). */
  @Min(1)
  private int maxQueuedFrames = 4096;

  @NotNull
  public List<String> getSatellites() {
    return satellites;
  }

  public void setSatellites(List<String> satellites) {
    this.satellites = satellites;
  }

  public String getBroker() {
    return broker;
  }

  public void setBroker(String broker) {
    this.broker = broker;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getDataDir() {
    return dataDir;
  }

  public void setDataDir(String dataDir) {
    this.dataDir = dataDir;
  }

  public String getDevice() {
    return device;
  }

  public void setDevice(String device) {
    this.device = device;
  }

  public boolean isLinkEmulation() {
    return linkEmulation;
  }

  public void setLinkEmulation(boolean linkEmulation) {
    this.linkEmulation = linkEmulation;
  }

  public boolean isComputeEmulation() {
    return computeEmulation;
  }

  public void setComputeEmulation(boolean computeEmulation) {
    this.computeEmulation = computeEmulation;
  }

  public boolean isCompensateTransit() {
    return compensateTransit;
  }

  public void setCompensateTransit(boolean compensateTransit) {
    this.compensateTransit = compensateTransit;
  }

  public double getTimeScale() {
    return timeScale;
  }

  public void setTimeScale(double timeScale) {
    this.timeScale = timeScale;
  }

  public long getExpertTimeoutMs() {
    return expertTimeoutMs;
  }

  public void setExpertTimeoutMs(long expertTimeoutMs) {
    this.expertTimeoutMs = expertTimeoutMs;
  }

  public double getLinkLoss() {
    return linkLoss;
  }

  public void setLinkLoss(double linkLoss) {
    this.linkLoss = linkLoss;
  }

  public double getLinkDup() {
    return linkDup;
  }

  public void setLinkDup(double linkDup) {
    this.linkDup = linkDup;
  }

  public double getLinkReorder() {
    return linkReorder;
  }

  public void setLinkReorder(double linkReorder) {
    this.linkReorder = linkReorder;
  }

  public long getLinkFaultSeed() {
    return linkFaultSeed;
  }

  public void setLinkFaultSeed(long linkFaultSeed) {
    this.linkFaultSeed = linkFaultSeed;
  }

  public long getExpertSuspectMs() {
    return expertSuspectMs;
  }

  public void setExpertSuspectMs(long expertSuspectMs) {
    this.expertSuspectMs = expertSuspectMs;
  }

  public int getSendQueueCapacity() {
    return sendQueueCapacity;
  }

  public void setSendQueueCapacity(int sendQueueCapacity) {
    this.sendQueueCapacity = sendQueueCapacity;
  }

  public int getMaxSequences() {
    return maxSequences;
  }

  public void setMaxSequences(int maxSequences) {
    this.maxSequences = maxSequences;
  }

  public Integer getPinnedSlot() {
    return pinnedSlot;
  }

  public void setPinnedSlot(Integer pinnedSlot) {
    this.pinnedSlot = pinnedSlot;
  }

  public long getDrainMs() {
    return drainMs;
  }

  public void setDrainMs(long drainMs) {
    this.drainMs = drainMs;
  }

  public long getPrepareTimeoutMs() {
    return prepareTimeoutMs;
  }

  public void setPrepareTimeoutMs(long prepareTimeoutMs) {
    this.prepareTimeoutMs = prepareTimeoutMs;
  }

  public long getStopDrainMs() {
    return stopDrainMs;
  }

  public void setStopDrainMs(long stopDrainMs) {
    this.stopDrainMs = stopDrainMs;
  }

  public long getTelemetryIntervalMs() {
    return telemetryIntervalMs;
  }

  public void setTelemetryIntervalMs(long telemetryIntervalMs) {
    this.telemetryIntervalMs = telemetryIntervalMs;
  }

  public List<String> getTrustedKeys() {
    return trustedKeys;
  }

  public void setTrustedKeys(List<String> trustedKeys) {
    this.trustedKeys = trustedKeys;
  }

  public String getTlsTrustStore() {
    return tlsTrustStore;
  }

  public void setTlsTrustStore(String tlsTrustStore) {
    this.tlsTrustStore = tlsTrustStore;
  }

  public String getTlsKeyStore() {
    return tlsKeyStore;
  }

  public void setTlsKeyStore(String tlsKeyStore) {
    this.tlsKeyStore = tlsKeyStore;
  }

  public String getTlsStorePassword() {
    return tlsStorePassword;
  }

  public void setTlsStorePassword(String tlsStorePassword) {
    this.tlsStorePassword = tlsStorePassword;
  }

  public int getIntraOpThreads() {
    return intraOpThreads;
  }

  public void setIntraOpThreads(int intraOpThreads) {
    this.intraOpThreads = intraOpThreads;
  }
  public String getClientId() {
    return clientId;
  }

  public void setClientId(String clientId) {
    this.clientId = clientId;
  }

  public long getSessionExpiryS() {
    return sessionExpiryS;
  }

  public void setSessionExpiryS(long sessionExpiryS) {
    this.sessionExpiryS = sessionExpiryS;
  }

  public long getRetryMarginMs() {
    return retryMarginMs;
  }

  public void setRetryMarginMs(long retryMarginMs) {
    this.retryMarginMs = retryMarginMs;
  }

  public long getRetryMaxIntervalMs() {
    return retryMaxIntervalMs;
  }

  public void setRetryMaxIntervalMs(long retryMaxIntervalMs) {
    this.retryMaxIntervalMs = retryMaxIntervalMs;
  }

  public long getGiveUpMs() {
    return giveUpMs;
  }

  public void setGiveUpMs(long giveUpMs) {
    this.giveUpMs = giveUpMs;
  }

  public int getFailoverAfterAttempts() {
    return failoverAfterAttempts;
  }

  public void setFailoverAfterAttempts(int failoverAfterAttempts) {
    this.failoverAfterAttempts = failoverAfterAttempts;
  }

  public String getIsl() {
    return isl;
  }

  public void setIsl(String isl) {
    this.isl = isl;
  }

  /** True in mesh mode ({@code isl: mesh}). */
  public boolean meshIsl() {
    return "mesh".equals(isl);
  }

  public List<String> getIslEndpoints() {
    return islEndpoints;
  }

  public void setIslEndpoints(List<String> islEndpoints) {
    this.islEndpoints = islEndpoints;
  }

  public String getIslUsername() {
    return islUsername;
  }

  public void setIslUsername(String islUsername) {
    this.islUsername = islUsername;
  }

  public String getIslPassword() {
    return islPassword;
  }

  public void setIslPassword(String islPassword) {
    this.islPassword = islPassword;
  }

  public long getIslLinkDownMs() {
    return islLinkDownMs;
  }

  public void setIslLinkDownMs(long islLinkDownMs) {
    this.islLinkDownMs = islLinkDownMs;
  }

  public int getMaxContext() {
    return maxContext;
  }

  public void setMaxContext(int maxContext) {
    this.maxContext = maxContext;
  }


  public long getRunDeadlineMinMs() {
    return runDeadlineMinMs;
  }

  public void setRunDeadlineMinMs(long runDeadlineMinMs) {
    this.runDeadlineMinMs = runDeadlineMinMs;
  }

  public double getRunDeadlineFactor() {
    return runDeadlineFactor;
  }

  public void setRunDeadlineFactor(double runDeadlineFactor) {
    this.runDeadlineFactor = runDeadlineFactor;
  }

  public long getQueueStallMs() {
    return queueStallMs;
  }

  public void setQueueStallMs(long queueStallMs) {
    this.queueStallMs = queueStallMs;
  }

  public int getMaxQueuedFrames() {
    return maxQueuedFrames;
  }

  public void setMaxQueuedFrames(int maxQueuedFrames) {
    this.maxQueuedFrames = maxQueuedFrames;
  }
}
