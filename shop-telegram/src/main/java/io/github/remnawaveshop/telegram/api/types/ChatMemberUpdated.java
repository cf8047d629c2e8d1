package io.github.remnawaveshop.telegram.api.types;

/**
 * A change of a member's status; as {@code my_chat_member} it tells the bot it was blocked or unblocked.
 *
 * @param chat the chat
 * @param from who made the change
 * @param date unix seconds
 * @param oldChatMember the status before
 * @param newChatMember the status after
 */
public record ChatMemberUpdated(Chat chat, User from, long date, ChatMember oldChatMember,
    ChatMember newChatMember) {}
