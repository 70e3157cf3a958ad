package org.spacemoe.hil.flash;

/**
 * Where things live on a board under its install dir {@code I}: each flash builds a release
 * {@code I/releases/ID} (ID: a digest of the release's file list and digests) and switches the symlink
 * {@code I/current} to it in one rename; {@code I/run} keeps the pid file and log of the script service
 * manager; uploads land in {@code I/.incoming/ID} first.
 *
 * <pre>
 * I/current -&gt; releases/ID
 * I/releases/ID/spacemoe-onboard/     the distribution (bin/, lib/, config/, systemd/, VERSION)
 * I/releases/ID/config/application.yml  the board's generated configuration
 * I/releases/ID/config/spacemoe-onboard.service.d/10-flash.conf  its systemd drop-in
 * I/releases/ID/config/tls/            TLS stores (ssl:// brokers)
 * I/releases/ID/data/plan.json, data/model/   plan and the board's shards (with --plan)
 * </pre>
 */
record RemoteLayout(String installDir) {
  String current() {
    return installDir + "/current";
  }

  String releases() {
    return installDir + "/releases";
  }

  String incoming(String releaseId) {
    return installDir + "/.incoming/" + releaseId;
  }

  String runDir() {
    return installDir + "/run";
  }

  String config() {
    return current() + "/config/application.yml";
  }

  String dataDir() {
    return current() + "/data";
  }

  String launcher() {
    return current() + "/" + Distribution.LAUNCHER;
  }

  String serviceScript() {
    return current() + "/" + Distribution.SERVICE_SCRIPT;
  }
}
