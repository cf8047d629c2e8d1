package io.github.remnawaveshop.core.store;

import org.jspecify.annotations.Nullable;

/**
 * A row refers to a row that does not exist, or a referenced row is still in use (SQLSTATE 23503).
 */
public final class ForeignKeyViolationException extends ConstraintViolationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param sqlState the SQLSTATE
   * @param constraint the violated constraint's name, or {@code null} when PostgreSQL gave none
   * @param cause the underlying failure
   */
  public ForeignKeyViolationException(
      String message, String sqlState, @Nullable String constraint, Throwable cause) {
    super(message, sqlState, constraint, cause);
  }
}
