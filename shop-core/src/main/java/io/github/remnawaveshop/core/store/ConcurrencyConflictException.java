package io.github.remnawaveshop.core.store;

/**
 * The transaction lost a race: a serialization failure, a deadlock, or a lock that could not be
 * taken (SQLSTATE 40001, 40P01, 55P03). Nothing was committed; running the whole transaction again
 * is the usual answer.
 */
public final class ConcurrencyConflictException extends StoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param sqlState the SQLSTATE
   * @param cause the underlying failure
   */
  public ConcurrencyConflictException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }
}
