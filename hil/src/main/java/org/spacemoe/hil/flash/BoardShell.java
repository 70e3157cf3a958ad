package org.spacemoe.hil.flash;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.scp.client.ScpClient;
import org.apache.sshd.scp.client.ScpClientCreator;

/**
 * An authenticated SSH session to one board: runs POSIX shell commands (the server hands them to the user's
 * shell, as OpenSSH does) and copies files with SCP.
 */
final class BoardShell implements AutoCloseable {
  private final ClientSession session;
  private final ScpClient scp;

  BoardShell(ClientSession session) {
    this.session = session;
    this.scp = ScpClientCreator.instance().createScpClient(session);
  }

  /** Runs {@code command}; never throws for a non-zero exit status. */
  ExecResult exec(String command, Duration timeout) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ChannelExec ch = session.createExecChannel(command)) {
      ch.setOut(out);
      ch.setErr(err);
      ch.open().verify(timeout);
      Set<ClientChannelEvent> ev = ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
      if (ev.contains(ClientChannelEvent.TIMEOUT)) {
        throw new IOException("remote command timed out after " + timeout.toSeconds() + " s");
      }
      Integer status = ch.getExitStatus();
      return new ExecResult(status == null ? -1 : status, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    }
  }

  /** Copies {@code local} to the absolute {@code remote} path (its directory must exist). */
  void upload(Path local, String remote) throws IOException {
    scp.upload(local, remote, ScpClient.Option.PreserveAttributes);
  }

  @Override
  public void close() throws IOException {
    session.close();
  }
}
