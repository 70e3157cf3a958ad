package org.spacemoe.shared.uplink;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.regex.Pattern;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * An order from the ground on a satellite's command topic (JSON):
 * {@code {"format":"spacemoe-command","version":1,"commandId":"c-42","action":"ACTIVATE","planVersion":8}}.
 * Commands are not signed (the broker's ACL lets only the ground write command topics); what they select is:
 * a satellite activates only a plan it verified and staged, and goes back to an older version only with a
 * signed rollback envelope of that version.
 *
 * @param format always {@value #FORMAT}
 * @param version always {@value #VERSION}
 * @param commandId chosen by the ground, echoed in the status report that answers it; 1 to 64 characters of
 *     {@code [A-Za-z0-9._:-]}
 * @param action what to do
 * @param planVersion the plan version to activate or roll back to, >= 1
 */
@JsonPropertyOrder({"format", "version", "commandId", "action", "planVersion"})
public record Command(String format, int version, String commandId, Action action, long planVersion)
    implements UplinkMessage {
  public static final String FORMAT = "spacemoe-command";
  public static final int VERSION = 1;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** What a command asks for. */
  public enum Action {
    /** Switch token processing to the staged plan of {@code planVersion} (between tokens, never mixed). */
    ACTIVATE,
    /** Go back to the older {@code planVersion}, for which the satellite holds a signed rollback envelope. */
    ROLLBACK
  }

  public Command {
    UplinkJson.checkFormat("command", format, version, FORMAT, VERSION);
    if (commandId == null || !ID.matcher(commandId).matches()) {
      throw new IllegalArgumentException("command: commandId must be 1 to 64 characters of [A-Za-z0-9._:-], got "
          + (commandId == null ? "null" : "'" + commandId.substring(0, Math.min(commandId.length(), 70))
          .replaceAll("\\p{Cntrl}", "?") + "'"));
    }
    if (action == null) {
      throw new IllegalArgumentException("command: action must be ACTIVATE or ROLLBACK");
    }
    if (planVersion < 1) {
      throw new IllegalArgumentException("command: planVersion must be >= 1, got " + planVersion);
    }
  }

  public static Command activate(String commandId, long planVersion) {
    return new Command(FORMAT, VERSION, commandId, Action.ACTIVATE, planVersion);
  }

  public static Command rollback(String commandId, long planVersion) {
    return new Command(FORMAT, VERSION, commandId, Action.ROLLBACK, planVersion);
  }

  /** @throws InvalidInputException naming {@code input} if the bytes are not a valid command */
  public static Command parse(String input, byte[] json) {
    return UplinkJson.parse(input, json, Command.class, FORMAT);
  }
}
