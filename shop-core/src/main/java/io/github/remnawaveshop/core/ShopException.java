package io.github.remnawaveshop.core;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception the SDK throws on purpose: unchecked, one tree. Each area has its own
 * root under it — {@code StoreException} (with {@code StoreUnavailableException}, the one type for
 * "the database cannot be reached"), {@code PanelException}, {@code PaymentException}, {@code
 * SubscriptionException}, {@code CacheException}, {@code FsmException}, {@code
 * RateLimiterException}, {@code BackupException}, {@code TelegramApiException}, … — so a caller
 * catches what it can act on, or {@code ShopException} for everything from the SDK. Invalid
 * arguments and misuse stay {@link IllegalArgumentException} and {@link IllegalStateException}, as
 * in the JDK.
 */
public abstract class ShopException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message. */
  protected ShopException(String message) {
    super(message);
  }

  /** With a message and a cause. */
  protected ShopException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * With a message, a cause and whether a stack trace is recorded (cheap exceptions for control
   * flow).
   */
  protected ShopException(String message, @Nullable Throwable cause, boolean writableStackTrace) {
    super(message, cause, false, writableStackTrace);
  }
}
