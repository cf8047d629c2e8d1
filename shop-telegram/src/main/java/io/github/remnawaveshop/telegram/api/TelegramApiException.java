package io.github.remnawaveshop.telegram.api;

import io.github.remnawaveshop.core.ShopException;
import java.time.Duration;
import java.util.Optional;

/**
 * The Bot API answered {@code ok:false}, or could not be reached. The root of the Telegram client's
 * unchecked exceptions; the subclasses name the cases a caller acts on ({@link
 * BotBlockedException}, {@link RateLimitedException}, {@link ChatMigratedException}, {@link
 * TelegramUnavailableException}). Messages never contain the bot token.
 */
public class TelegramApiException extends ShopException {
  private static final long serialVersionUID = 1L;

  private final String method;
  private final int errorCode;
  private final String description;
  private final Duration retryAfter;
  private final Long migrateToChatId;

  /**
   * An error answer.
   *
   * @param method the Bot API method
   * @param errorCode Telegram's {@code error_code}, 0 when Telegram was not reached
   * @param description Telegram's {@code description}, already free of the token
   * @param retryAfter {@code parameters.retry_after}, or null
   * @param migrateToChatId {@code parameters.migrate_to_chat_id}, or null
   * @param cause the underlying failure, or null
   */
  public TelegramApiException(
      String method,
      int errorCode,
      String description,
      Duration retryAfter,
      Long migrateToChatId,
      Throwable cause) {
    super(method + " failed: " + (errorCode == 0 ? "" : errorCode + " ") + description, cause);
    this.method = method;
    this.errorCode = errorCode;
    this.description = description;
    this.retryAfter = retryAfter;
    this.migrateToChatId = migrateToChatId;
  }

  /** The Bot API method that failed. */
  public String method() {
    return method;
  }

  /**
   * Telegram's {@code error_code} (an HTTP-like status), or 0 when Telegram could not be reached.
   */
  public int errorCode() {
    return errorCode;
  }

  /** Telegram's {@code description} (e.g. "Bad Request: message is too long"). */
  public String description() {
    return description;
  }

  /** For 429: how long Telegram asks to wait. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** For a group upgraded to a supergroup: the new chat id. */
  public Optional<Long> migrateToChatId() {
    return Optional.ofNullable(migrateToChatId);
  }
}
