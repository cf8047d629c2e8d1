package io.github.remnawaveshop.core.ratelimit;

import io.github.remnawaveshop.core.ShopException;

/**
 * A rate limiter could not be set up or got an answer it does not understand (for example another
 * program wrote a non-list value under one of its Redis keys). Redis outages are not thrown: they
 * are decided by the {@link RedisFailurePolicy}.
 */
public class RateLimiterException extends ShopException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, with the key prefix or setting involved
   * @param cause the underlying failure
   */
  public RateLimiterException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   */
  public RateLimiterException(String message) {
    super(message);
  }
}
