package io.github.remnawaveshop.core.store;

import org.jspecify.annotations.Nullable;

/**
 * The database could not be reached or refused work: no connection, the connection broke, the
 * server is shutting down or out of resources (SQLSTATE classes 08, 53, 57P). Whether a statement
 * in flight was committed is unknown; idempotent operations (the store's payment and webhook
 * methods are) may be retried later.
 */
public final class StoreUnavailableException extends StoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param sqlState the SQLSTATE, or {@code null} when the failure happened before reaching the
   *     server
   * @param cause the underlying failure
   */
  public StoreUnavailableException(String message, @Nullable String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }
}
