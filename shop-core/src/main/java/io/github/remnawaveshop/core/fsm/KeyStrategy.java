package io.github.remnawaveshop.core.fsm;

import java.util.OptionalLong;

/**
 * Which parts of a {@link StorageKey} a storage keeps apart, as aiogram 3's {@code FSMStrategy}.
 * The storage applies its strategy to every key it receives, so handlers always pass the full key.
 */
public enum KeyStrategy {
  /** One state per user in each chat; topics share it (the default). */
  USER_IN_CHAT,
  /** One state per chat, shared by all its users. */
  CHAT,
  /** One state per user across all chats. */
  GLOBAL_USER,
  /** One state per user in each topic of each chat. */
  USER_IN_TOPIC,
  /** One state per topic of each chat, shared by its users. */
  CHAT_TOPIC;

  /**
   * Maps a full key to the key this strategy stores under (aiogram's {@code apply_strategy}).
   *
   * @param key the full key of the update
   * @return the key actually used for storage
   */
  public StorageKey apply(StorageKey key) {
    long chat = key.chatId();
    long user = key.userId();
    OptionalLong thread = key.threadId();
    switch (this) {
      case CHAT:
        user = chat;
        thread = OptionalLong.empty();
        break;
      case GLOBAL_USER:
        chat = user;
        thread = OptionalLong.empty();
        break;
      case USER_IN_TOPIC:
        break;
      case CHAT_TOPIC:
        user = chat;
        break;
      case USER_IN_CHAT:
      default:
        thread = OptionalLong.empty();
        break;
    }
    if (chat == key.chatId() && user == key.userId() && thread.equals(key.threadId())) {
      return key;
    }
    return new StorageKey(
        key.botId(), chat, user, thread, key.businessConnectionId(), key.destiny());
  }
}
