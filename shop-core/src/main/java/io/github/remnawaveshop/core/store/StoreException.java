package io.github.remnawaveshop.core.store;

import io.github.remnawaveshop.core.ShopException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Root of the store's unchecked exceptions: a statement or a migration failed. Subclasses say what
 * a caller can act on: {@link ConstraintViolationException} (the data broke a rule of the schema),
 * {@link ConcurrencyConflictException} (retry the transaction), {@link StoreUnavailableException}
 * (the database cannot be reached). Messages carry the failed action, the SQL state and the
 * constraint name, never bound values.
 */
public class StoreException extends ShopException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String sqlState;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param sqlState the SQLSTATE reported by PostgreSQL, or {@code null} when there is none
   * @param cause the underlying failure
   */
  public StoreException(String message, @Nullable String sqlState, @Nullable Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
  }

  /** The five-character SQLSTATE reported by PostgreSQL, when the failure came from the server. */
  public Optional<String> sqlState() {
    return Optional.ofNullable(sqlState);
  }
}
