package org.spacemoe.ground.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.ground.ops.uplink.CommandIssuer;
import org.spacemoe.ground.ops.uplink.UplinkSession;
import org.spacemoe.shared.uplink.UplinkStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keys}: the ground's plan-signing keys. */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Manages the Ed25519 keys the ground signs placement plans with.",
    subcommands = {KeysCommand.Generate.class, KeysCommand.Trust.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code keys generate}. */
  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = {"Writes a new Ed25519 key pair as PEM: DIR/NAME.key (PKCS#8, mode 0600: keep it on the ground)",
          "and DIR/NAME.pub (X.509: install it on every satellite, which trusts it by the key id printed here).",
          "The key id is the first 16 hex characters of the SHA-256 of the public key's X.509 encoding."})
  static final class Generate implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", required = true, description = "directory for the key files")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "ground",
        description = "file name stem (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--force", description = "replace existing key files (the old key is lost)")
    boolean force;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        throw new InvalidInputException("--name", "'" + name + "' must be letters, digits, '.', '_' or '-'");
      }
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw new InvalidInputException("--out", "'" + out + "' is a file; give a directory");
      }
      Path priv = out.resolve(name + ".key");
      Path pub = out.resolve(name + ".pub");
      if (!force) {
        for (Path p : new Path[] {priv, pub}) {
          if (Files.exists(p)) {
            throw new InvalidInputException(p.toString(), "exists; refusing to overwrite a key (use --force to"
                + " replace it)");
          }
        }
      }
      KeyPair pair = PlanKeys.generate();
      PlanKeys.writePrivate(pair.getPrivate(), priv);
      PlanKeys.writePublic(pair.getPublic(), pub);
      String id = PlanKeys.keyId(pair.getPublic());
      PrintWriter o = spec.commandLine().getOut();
      o.printf("key id %s%n", id);
      o.printf("private key %s (keep secret)%n", priv);
      o.printf("public key  %s (install on the satellites, trusted as %s)%n", pub, id);
      o.flush();
      return 0;
    }
  }

  /** The JSON report of a key command: per satellite its answer. */
  record KeyReport(String action, String keyId, boolean applied, java.util.Map<String, UplinkSession.SatelliteState> satellites) {}

  /** A short random suffix: every command id is new, so no older report is taken for this command's answer. */
  static String suffix() {
    return java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  /** Sends {@code command} to every satellite of the plan, signed with {@code --key}; 0 when all applied it. */
  static int send(FleetOptions fleet, org.spacemoe.shared.uplink.Command command, String keyId, PrintWriter o) throws Exception {
    CommandIssuer issuer = fleet.issuer();
    java.util.List<String> sats = fleet.satellites();
    try (UplinkSession s = new UplinkSession(fleet.broker.connection())) {
      java.util.Map<String, UplinkSession.SatelliteState> end = s.command(sats, command, issuer, fleet.timeoutMs());
      StageTable.print(o, end);
      boolean ok = end.values().stream().allMatch(x -> x.stage() == UplinkStage.ACTIVE);
      o.printf("%s %s: %s%n", command.action(), keyId, ok ? "applied on every satellite" : "NOT applied everywhere");
      fleet.writeJson(new KeyReport(command.action().name(), keyId, ok, end));
      o.flush();
      return ok ? 0 : 1;
    }
  }

  /** {@code keys trust}: satellites trust one more ground key, by a command signed with a current key. */
  @Command(name = "trust", mixinStandardHelpOptions = true,
      description = {"Makes every satellite of the plan trust a new ground key (for commands and plans), by an",
          "ADD_KEY command signed with --key, a key they trust now. Exit 0 when every satellite applied it."})
  static final class Trust implements Callable<Integer> {
    @Option(names = "--new", required = true, paramLabel = "FILE", description = "the new public key (PEM)")
    Path newKey;

    @picocli.CommandLine.Mixin FleetOptions fleet;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      java.security.PublicKey pub = PlanKeys.readPublic(newKey);
      String id = PlanKeys.keyId(pub);
      return send(fleet, org.spacemoe.shared.uplink.Command.addKey("trust-" + id + "-" + suffix(), pub.getEncoded()), id,
          spec.commandLine().getOut());
    }
  }

  /** {@code keys revoke}: satellites stop trusting a ground key for good, by a command signed with another key. */
  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = {"Makes every satellite of the plan stop trusting a ground key for good, by a REVOKE_KEY",
          "command signed with --key, another key they trust (a key cannot revoke itself, and the last key",
          "stays). Exit 0 when every satellite applied it."})
  static final class Revoke implements Callable<Integer> {
    @Option(names = "--key-id", required = true, paramLabel = "ID", description = "id of the key to revoke")
    String keyId;

    @picocli.CommandLine.Mixin FleetOptions fleet;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      org.spacemoe.shared.uplink.Command c;
      try {
        c = org.spacemoe.shared.uplink.Command.revokeKey("revoke-" + keyId + "-" + suffix(), keyId);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("--key-id", e.getMessage());
      }
      return send(fleet, c, keyId, spec.commandLine().getOut());
    }
  }
}
