package org.spacemoe.ground.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keys}: the ground's plan-signing keys. */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Manages the Ed25519 keys the ground signs placement plans with.",
    subcommands = {KeysCommand.Generate.class})
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
}
