package io.github.remnawaveshop.telegram.api.types;

import java.util.Set;

/**
 * A member of a chat, as {@code getChatMember} and member updates report it.
 *
 * @param status the wire value: creator, administrator, member, restricted, left, kicked
 * @param user the member
 */
public record ChatMember(String status, User user) {
  private static final Set<String> PRESENT =
      Set.of("creator", "administrator", "member", "restricted");

  /** Checks the required parts. */
  public ChatMember {
    Types.required(status, "chat_member.status");
    Types.required(user, "chat_member.user");
  }

  /** Whether the user is in the chat (a restricted user still is). */
  public boolean isPresent() {
    return PRESENT.contains(status);
  }
}
