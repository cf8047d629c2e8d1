package io.github.remnawaveshop.telegram.api.types;

/**
 * A change of a member's status; as {@code my_chat_member} it tells the bot it was blocked or
 * unblocked.
 *
 * @param chat the chat
 * @param from who made the change
 * @param date unix seconds
 * @param oldChatMember the status before
 * @param newChatMember the status after
 */
public record ChatMemberUpdated(
    Chat chat, User from, long date, ChatMember oldChatMember, ChatMember newChatMember) {
  /** Checks the required parts. */
  public ChatMemberUpdated {
    Types.required(chat, "chat_member_updated.chat");
    Types.required(from, "chat_member_updated.from");
    Types.required(oldChatMember, "chat_member_updated.old_chat_member");
    Types.required(newChatMember, "chat_member_updated.new_chat_member");
  }
}
