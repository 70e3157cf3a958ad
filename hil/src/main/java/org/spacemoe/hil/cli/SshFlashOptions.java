package org.spacemoe.hil.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.spacemoe.hil.flash.BenchFlash;
import org.spacemoe.shared.input.Checks;
import picocli.CommandLine.Option;

/** Options of commands that flash boards over SSH ({@code flash}, {@code bench --inventory}). */
final class SshFlashOptions {
  @Option(names = "--dist", defaultValue = "onboard/target/spacemoe-onboard-dist.zip",
      description = "the onboard distribution zip (default: ${DEFAULT-VALUE})")
  Path dist;

  @Option(names = "--known-hosts", description = "SSH known-hosts file; new hosts are added, changed keys refused "
      + "(default: ~/.ssh/known_hosts)")
  Path knownHosts;

  @Option(names = "--ssh-timeout", defaultValue = "10", description = "SSH connect and login timeout, s (default: ${DEFAULT-VALUE})")
  int sshTimeoutS;

  @Option(names = "--health-timeout", defaultValue = "120",
      description = "how long to wait for /health after a start, s (default: ${DEFAULT-VALUE})")
  int healthTimeoutS;

  BenchFlash.Options options(Path plan, Path shards) {
    Checks.positive("--ssh-timeout", sshTimeoutS);
    Checks.positive("--health-timeout", healthTimeoutS);
    Path kh = knownHosts != null ? knownHosts : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    return new BenchFlash.Options(dist, plan, shards, kh, Duration.ofSeconds(sshTimeoutS),
        Duration.ofSeconds(healthTimeoutS));
  }
}
