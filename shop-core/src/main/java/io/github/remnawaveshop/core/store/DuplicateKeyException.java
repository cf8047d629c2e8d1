package io.github.remnawaveshop.core.store;

import org.jspecify.annotations.Nullable;

/**
 * A unique key or unique index already holds the value (SQLSTATE 23505), e.g. a second payment with
 * the same provider and external id, or a second activation of a promo code by one user.
 */
public final class DuplicateKeyException extends ConstraintViolationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param sqlState the SQLSTATE
   * @param constraint the violated constraint's name, or {@code null} when PostgreSQL gave none
   * @param cause the underlying failure
   */
  public DuplicateKeyException(
      String message, String sqlState, @Nullable String constraint, Throwable cause) {
    super(message, sqlState, constraint, cause);
  }
}
