package io.github.remnawaveshop.telegram.api.types;

/**
 * A command shown in the client's menu.
 *
 * @param command 1-32 characters of a-z, 0-9 and _
 * @param description 1-256 characters
 */
public record BotCommand(String command, String description) {
  /** Validates the command. */
  public BotCommand {
    if (command == null || !command.matches("[a-z0-9_]{1,32}")) {
      throw new IllegalArgumentException(
          "command must be 1-32 characters of a-z 0-9 _; was '" + command + "'");
    }
    if (description == null || description.isEmpty() || description.length() > 256) {
      throw new IllegalArgumentException(
          "description of /" + command + " must be 1-256 characters");
    }
  }
}
