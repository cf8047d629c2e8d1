package io.github.remnawaveshop.core.store;

import org.jspecify.annotations.Nullable;

/**
 * A row failed a CHECK constraint (SQLSTATE 23514), e.g. a negative amount or an unknown status.
 */
public final class CheckViolationException extends ConstraintViolationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param sqlState the SQLSTATE
   * @param constraint the violated constraint's name, or {@code null} when PostgreSQL gave none
   * @param cause the underlying failure
   */
  public CheckViolationException(
      String message, String sqlState, @Nullable String constraint, Throwable cause) {
    super(message, sqlState, constraint, cause);
  }
}
