package io.github.remnawaveshop.telegram.api;

/**
 * Telegram could not be reached, timed out, or answered something that is not the Bot API's JSON (a
 * 5xx page of a proxy). Whether the call took effect is unknown.
 */
public final class TelegramUnavailableException extends TelegramApiException {
  private static final long serialVersionUID = 1L;

  /**
   * A transport failure.
   *
   * @param method the Bot API method
   * @param httpStatus the HTTP status when an answer came, 0 otherwise
   * @param description what happened, free of the token
   * @param cause the underlying failure, or null
   */
  public TelegramUnavailableException(
      String method, int httpStatus, String description, Throwable cause) {
    super(method, httpStatus, description, null, null, cause);
  }
}
