package io.github.remnawaveshop.telegram.api;

import java.time.Duration;
import java.util.Optional;

/**
 * The Bot API answered {@code ok:false}, or could not be reached. Unchecked. Messages never contain the
 * bot token.
 */
public final class TelegramApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String method;
  private final int errorCode;
  private final Duration retryAfter;
  private final Long migrateToChatId;

  TelegramApiException(String method, int errorCode, String description, Duration retryAfter,
      Long migrateToChatId, Throwable cause) {
    super(method + " failed: " + (errorCode == 0 ? "" : errorCode + " ") + description, cause);
    this.method = method;
    this.errorCode = errorCode;
    this.retryAfter = retryAfter;
    this.migrateToChatId = migrateToChatId;
  }

  /** The Bot API method that failed. */
  public String method() {
    return method;
  }

  /** Telegram's {@code error_code} (an HTTP-like status), or 0 when Telegram could not be reached. */
  public int errorCode() {
    return errorCode;
  }

  /** For 429: how long Telegram asks to wait. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** For a group upgraded to a supergroup: the new chat id. */
  public Optional<Long> migrateToChatId() {
    return Optional.ofNullable(migrateToChatId);
  }

  /** 403: the user blocked the bot (or the bot was removed from the chat); stop messaging them. */
  public boolean isForbidden() {
    return errorCode == 403;
  }

  /** 429: too many requests. */
  public boolean isRateLimited() {
    return errorCode == 429;
  }
}
