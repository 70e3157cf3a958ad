package org.spacemoe.hil.flash;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.spacemoe.hil.inventory.ServiceManager;

/**
 * The POSIX shell commands a flash runs on a board (coreutils: sha256sum, find, cp -al, ln, mv -T). Paths are
 * single-quoted; the inventory and the distribution refuse paths with quotes or spaces.
 */
final class RemoteScripts {
  static final String UNIT_DIR = "/etc/systemd/system";
  static final String UNIT_NAME = "spacemoe-onboard";
  static final String ISL_UNIT_NAME = "spacemoe-isl-broker";
  /** The ISL broker's unit and drop-in in a release (isl: mesh, systemd boards). */
  static final String ISL_UNIT = "config/" + ISL_UNIT_NAME + ".service";
  static final String ISL_DROP_IN = "config/" + ISL_UNIT_NAME + ".service.d/10-flash.conf";

  private RemoteScripts() {}

  static String q(String s) {
    return "'" + s + "'";
  }

  /** Prints {@code uname -m}, then {@code release=<link target>}, then sha256sum lines of the current release. */
  static String probe(RemoteLayout l) {
    return "uname -m; echo \"release=$(readlink " + q(l.current()) + " 2>/dev/null)\"; "
        + "if [ -d " + q(l.current() + "/") + " ]; then cd " + q(l.current() + "/")
        + " && find . -type f ! -path './data/store/*' -exec sha256sum {} + ; fi; true";
  }

  /** Parses the sha256sum lines of {@link #probe}: relative path to digest. */
  static Map<String, String> parseDigests(String probeOutput) {
    Map<String, String> m = new HashMap<>();
    for (String line : probeOutput.split("\n")) {
      if (line.length() > 68 && line.substring(0, 64).matches("[0-9a-f]{64}") && line.startsWith("  ./", 64)) {
        m.put(line.substring(68), line.substring(0, 64));
      }
    }
    return m;
  }

  /** Empties the upload directory and creates the directories of {@code relPaths} in it. */
  static String prepareIncoming(RemoteLayout l, String releaseId, Collection<String> relPaths) {
    String inc = l.incoming(releaseId);
    TreeSet<String> dirs = new TreeSet<>();
    relPaths.forEach(p -> dirs.add(p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "."));
    // umask 077: the upload directory is 0700, so no other user reads a secret between upload and install
    StringBuilder sb = new StringBuilder("set -e; umask 077; rm -rf " + q(inc) + "; mkdir -p");
    dirs.forEach(d -> sb.append(' ').append(q(inc + "/" + d)));
    return sb.toString();
  }

  /** sha256sum of the uploaded files, relative to the upload directory. */
  static String checkIncoming(RemoteLayout l, String releaseId, Collection<String> relPaths) {
    StringBuilder sb = new StringBuilder("cd " + q(l.incoming(releaseId)) + " && sha256sum --");
    relPaths.forEach(p -> sb.append(' ').append(q("./" + p)));
    return sb.toString();
  }

  /**
   * Builds {@code releases/ID} from hard links of the current release plus the uploaded files, then switches
   * {@code current} to it with one rename; keeps the three newest releases.
   */
  static String install(RemoteLayout l, String releaseId, Collection<String> secrets) {
    String rel = l.releases() + "/" + releaseId;
    String inc = l.incoming(releaseId);
    StringBuilder chmod = new StringBuilder("true");
    secrets.forEach(p -> chmod.append("; if [ -e ").append(q(rel + ".tmp/" + p)).append(" ]; then chmod 0600 ")
        .append(q(rel + ".tmp/" + p)).append("; fi"));
    return String.join("\n",
        "set -e",
        "rm -rf " + q(rel + ".tmp") + "; mkdir -p " + q(rel + ".tmp"),
        "if [ -d " + q(l.current() + "/") + " ]; then cp -al " + q(l.current() + "/.") + " " + q(rel + ".tmp/") + "; fi",
        "cd " + q(inc) + " && find . -type f | while IFS= read -r f; do mkdir -p " + q(rel + ".tmp/") + "\"$(dirname \"$f\")\"; "
            + "mv -f \"$f\" " + q(rel + ".tmp/") + "\"$f\"; done",
        "chmod 0755 " + q(rel + ".tmp/spacemoe-onboard/bin") + "/*",
        chmod.toString(),
        "rm -rf " + q(rel) + "; mv " + q(rel + ".tmp") + " " + q(rel),
        "ln -sfn " + q("releases/" + releaseId) + " " + q(l.current() + ".new"),
        "mv -Tf " + q(l.current() + ".new") + " " + q(l.current()),
        "rm -rf " + q(inc),
        "cd " + q(l.releases()) + " && ls -1t | grep -v '\\.tmp$' | tail -n +4 | while IFS= read -r old; do "
            + "[ \"$old\" = " + q(releaseId) + " ] || rm -rf \"$old\"; done",
        "echo installed " + releaseId);
  }

  /**
   * Makes the secrets of the current release mode 0600 (an unchanged flash of a board flashed before secrets
   * were protected; hard links share the mode with older releases). Prints {@code secrets 0600}.
   */
  static String protectSecrets(RemoteLayout l, Collection<String> secrets) {
    StringBuilder sb = new StringBuilder("set -e");
    secrets.forEach(p -> sb.append("; if [ -e ").append(q(l.current() + "/" + p)).append(" ]; then chmod 0600 ")
        .append(q(l.current() + "/" + p)).append("; fi"));
    return sb.append("; echo secrets 0600").toString();
  }

  /**
   * Restarts the service (installing the systemd unit and drop-in first). The unit is {@code Type=notify}: a plain
   * {@code systemctl restart} would wait for READY=1 (up to its TimeoutStartSec); {@code --no-block} returns at once
   * and the flash waits for {@code /health} itself. The stop half is the node's graceful stop (up to its
   * {@code stop-drain-ms}).
   */
  static String restart(RemoteLayout l, ServiceManager sm) {
    if (sm == ServiceManager.SCRIPT) {
      return scriptEnv(l) + q(l.serviceScript()) + " restart";
    }
    return sudo()
        + "$S install -D -m 0644 " + q(l.current() + "/" + Distribution.UNIT) + " " + UNIT_DIR + "/" + UNIT_NAME + ".service && "
        + "$S install -D -m 0644 " + q(l.current() + "/config/spacemoe-onboard.service.d/10-flash.conf") + " "
        + UNIT_DIR + "/" + UNIT_NAME + ".service.d/10-flash.conf && "
        + "$S systemctl daemon-reload && $S systemctl enable --quiet " + UNIT_NAME + " && $S systemctl restart --no-block " + UNIT_NAME;
  }

  /**
   * Kills the service at once, as a power loss would: SIGKILL to the unit's processes (systemd then restarts it:
   * {@code Restart=on-failure}) or to the script's process group (nothing restarts it: see {@link #ensureRunning}).
   * Prints {@code killed PID} or {@code not running}.
   */
  static String kill(RemoteLayout l, ServiceManager sm) {
    if (sm == ServiceManager.SCRIPT) {
      String pidFile = q(l.runDir() + "/spacemoe-onboard.pid");
      return "pid=$(cat " + pidFile + " 2>/dev/null); case \"$pid\" in ''|*[!0-9]*) echo 'not running'; exit 0;; esac; "
          + "if kill -0 \"$pid\" 2>/dev/null; then kill -s KILL -- \"-$pid\" 2>/dev/null || kill -s KILL \"$pid\"; "
          + "echo \"killed $pid\"; else echo 'not running'; fi";
    }
    return sudo() + "pid=$(systemctl show -p MainPID --value " + UNIT_NAME + "); $S systemctl kill --signal=SIGKILL "
        + UNIT_NAME + " && echo \"killed $pid\"";
  }

  /** Starts the service if it is not running; prints {@code started} when it did. */
  static String ensureRunning(RemoteLayout l, ServiceManager sm) {
    if (sm == ServiceManager.SCRIPT) {
      return scriptEnv(l) + q(l.serviceScript()) + " status >/dev/null || { " + scriptEnv(l) + q(l.serviceScript())
          + " start && echo started; }";
    }
    return sudo() + "systemctl is-active --quiet " + UNIT_NAME + " || { $S systemctl start --no-block " + UNIT_NAME
        + " && echo started; }";
  }

  /**
   * Starts the board's ISL broker (isl: mesh) with the current release's configuration: {@code restart} stops a
   * running one first, else a running one is left alone. A script board's Mosquitto runs daemonised with its pid
   * file and log in the run dir; the command waits until its log says it runs (or why not, e.g. the port is taken)
   * and prints {@code isl broker started PID} or {@code isl broker running PID}. A systemd board gets the unit and
   * its drop-in installed, enabled and (re)started.
   */
  static String islBroker(RemoteLayout l, ServiceManager sm, boolean restart) {
    if (sm == ServiceManager.SYSTEMD) {
      return sudo()
          + "$S install -D -m 0644 " + q(l.current() + "/" + ISL_UNIT) + " " + UNIT_DIR + "/" + ISL_UNIT_NAME + ".service && "
          + "$S install -D -m 0644 " + q(l.current() + "/" + ISL_DROP_IN) + " "
          + UNIT_DIR + "/" + ISL_UNIT_NAME + ".service.d/10-flash.conf && "
          + "$S systemctl daemon-reload && $S systemctl enable --quiet " + ISL_UNIT_NAME + " && "
          + (restart ? "$S systemctl restart " + ISL_UNIT_NAME + " && echo 'isl broker started'"
              : "{ systemctl is-active --quiet " + ISL_UNIT_NAME + " && echo 'isl broker running' || "
                  + "{ $S systemctl start " + ISL_UNIT_NAME + " && echo 'isl broker started'; }; }");
    }
    String pid = q(l.runDir() + "/" + IslBrokerFiles.PID_FILE);
    String log = q(l.runDir() + "/" + IslBrokerFiles.LOG_FILE);
    String alive = "[ -s " + pid + " ] && kill -0 \"$(cat " + pid + ")\" 2>/dev/null";
    return String.join("\n",
        "M=$(command -v mosquitto || echo /usr/sbin/mosquitto)",
        "[ -x \"$M\" ] || { echo 'no mosquitto on the board (isl: mesh runs one per board: apt-get install mosquitto)' >&2; exit 1; }",
        "mkdir -p " + q(l.runDir()),
        restart
            ? "if " + alive + "; then p=$(cat " + pid + "); kill \"$p\"; i=0; "
                + "while kill -0 \"$p\" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done; fi"
            : "if " + alive + "; then echo \"isl broker running $(cat " + pid + ")\"; exit 0; fi",
        // Mosquitto -d exits 0 even when its listener cannot bind: its own log says whether it runs
        "rm -f " + pid + "; [ ! -f " + log + " ] || mv -f " + log + " " + q(l.runDir() + "/" + IslBrokerFiles.LOG_FILE + ".1"),
        // its own stdout and stderr would keep the SSH channel open: everything goes to its log file
        "\"$M\" -c " + q(l.current() + "/" + IslBrokerFiles.CONF) + " -d </dev/null >/dev/null 2>&1",
        "i=0; while ! grep -q -e ' running$' -e 'Error' " + log + " 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done",
        "sleep 0.2",
        "if grep -q ' running$' " + log + " && " + alive + "; then echo \"isl broker started $(cat " + pid + ")\"; "
            + "else grep -e Error -e error " + log + " >&2; echo 'the ISL broker did not start (log: "
            + l.runDir() + "/" + IslBrokerFiles.LOG_FILE + ")' >&2; exit 1; fi");
  }

  /** Stops a script board's ISL broker (nothing when none runs); prints {@code isl broker stopped} when it did. */
  static String stopIslBroker(RemoteLayout l) {
    String pid = q(l.runDir() + "/" + IslBrokerFiles.PID_FILE);
    return "if [ -s " + pid + " ] && kill -0 \"$(cat " + pid + ")\" 2>/dev/null; then kill \"$(cat " + pid + ")\" "
        + "&& echo 'isl broker stopped'; fi; true";
  }

  /** The service's last log lines, for a failure's reason. */
  static String lastLog(RemoteLayout l, ServiceManager sm) {
    if (sm == ServiceManager.SCRIPT) {
      return "tail -n 5 " + q(l.runDir() + "/spacemoe-onboard.log");
    }
    return sudo() + "$S journalctl -u " + UNIT_NAME + " -n 5 --no-pager";
  }

  private static String scriptEnv(RemoteLayout l) {
    return "SPACEMOE_CONFIG=" + q(l.config()) + " SPACEMOE_RUN_DIR=" + q(l.runDir()) + " ";
  }

  private static String sudo() {
    return "S=; [ \"$(id -u)\" = 0 ] || S='sudo -n'; ";
  }
}
