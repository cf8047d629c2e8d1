package io.github.remnawaveshop.telegram.api;

import java.time.Duration;

/**
 * 429 that outlasted the client's retry budget. The throttle retries every 429 after its {@code
 * retry_after}; this is thrown only when the total wait for one call would exceed {@code
 * Throttle.Builder#maxRetryWait}.
 */
public final class RateLimitedException extends TelegramApiException {
  private static final long serialVersionUID = 1L;

  /**
   * A 429 answer.
   *
   * @param method the Bot API method
   * @param description Telegram's description
   * @param retryAfter Telegram's {@code retry_after}
   */
  public RateLimitedException(String method, String description, Duration retryAfter) {
    super(method, 429, description, retryAfter, null, null);
  }
}
