package io.github.remnawaveshop.telegram.api.types;

import java.util.Optional;

/**
 * A chat.
 *
 * @param id the chat id (negative for groups and channels)
 * @param type the wire value of the chat's kind, kept as sent; see {@link #kind()}
 * @param title the title of a group or channel
 * @param username the chat's username, if any
 * @param firstName the other party's first name in a private chat
 */
public record Chat(
    long id,
    String type,
    Optional<String> title,
    Optional<String> username,
    Optional<String> firstName) {

  /** Normalises absent parts. */
  public Chat {
    type = type == null ? "" : type;
    title = Types.opt(title);
    username = Types.opt(username);
    firstName = Types.opt(firstName);
  }

  /** A private chat with the given user id. */
  public static Chat privateChat(long userId) {
    return new Chat(userId, "private", Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The typed kind of this chat. */
  public ChatType kind() {
    return ChatType.of(type);
  }
}
