package io.github.remnawaveshop.telegram.api;

/**
 * 403: the user blocked the bot, deleted their account, or the bot was removed from the chat. Stop
 * messaging the chat; {@code TelegramNotifier} and broadcasts report it so the shop can mark the
 * user.
 */
public final class BotBlockedException extends TelegramApiException {
  private static final long serialVersionUID = 1L;

  private final long chatId;

  /**
   * A 403 answer.
   *
   * @param method the Bot API method
   * @param chatId the chat that refused, 0 when unknown
   * @param description Telegram's description
   */
  public BotBlockedException(String method, long chatId, String description) {
    super(method, 403, description, null, null, null);
    this.chatId = chatId;
  }

  /** The chat that refused the message, 0 when the call named none. */
  public long chatId() {
    return chatId;
  }
}
