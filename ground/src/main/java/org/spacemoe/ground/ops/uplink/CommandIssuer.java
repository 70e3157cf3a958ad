package org.spacemoe.ground.ops.uplink;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.uplink.Command;
import org.spacemoe.shared.uplink.CommandSigner;
import org.spacemoe.shared.uplink.SignedCommand;

/** Signs commands for one satellite at a time with a ground key and that key's next counter for the satellite. */
public final class CommandIssuer {
  private final CommandSigner signer;
  private final CommandCounters counters;

  public CommandIssuer(CommandSigner signer, CommandCounters counters) {
    this.signer = signer;
    this.counters = counters;
  }

  /** The key in {@code keyFile} (PEM), its counters beside it ({@link CommandCounters#besideKey}). */
  public static CommandIssuer fromKeyFile(Path keyFile) {
    PrivateKey key = PlanKeys.readPrivate(keyFile);
    CommandSigner signer = new CommandSigner(key);
    return new CommandIssuer(signer, CommandCounters.besideKey(keyFile, signer.keyId()));
  }

  /** Id of the signing key. */
  public String keyId() {
    return signer.keyId();
  }

  /** {@code command} signed for {@code satellite} with a fresh counter (persisted first). */
  public SignedCommand issue(Command command, String satellite) throws IOException {
    return signer.sign(command, satellite, counters.next(satellite));
  }
}
