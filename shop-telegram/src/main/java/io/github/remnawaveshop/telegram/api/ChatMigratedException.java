package io.github.remnawaveshop.telegram.api;

/**
 * The group became a supergroup with a new id. The client retries the call once at the new id; this
 * is thrown when that retry is not possible (the call named no chat) or the new chat migrated
 * again.
 */
public final class ChatMigratedException extends TelegramApiException {
  private static final long serialVersionUID = 1L;

  /**
   * A migration answer.
   *
   * @param method the Bot API method
   * @param description Telegram's description
   * @param newChatId the supergroup's id
   */
  public ChatMigratedException(String method, String description, long newChatId) {
    super(method, 400, description, null, newChatId, null);
  }

  /** The supergroup's id. */
  public long newChatId() {
    return migrateToChatId().orElseThrow();
  }
}
