package io.github.remnawaveshop.core.store;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The data broke an integrity rule of the schema (SQLSTATE class 23): a unique key, a check, a
 * foreign key or a not-null column. {@link #constraint()} names the rule, e.g. {@code
 * shop_payments_provider_external_id_key}; constraint names are part of the store's API.
 *
 * <p>Inside {@link ShopStore#inTransaction} a violation aborts the transaction; it is rolled back.
 */
public class ConstraintViolationException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String constraint;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param sqlState the SQLSTATE (class 23)
   * @param constraint the violated constraint's name, or {@code null} when PostgreSQL gave none
   * @param cause the underlying failure
   */
  public ConstraintViolationException(
      String message, String sqlState, @Nullable String constraint, Throwable cause) {
    super(message, sqlState, cause);
    this.constraint = constraint;
  }

  /** The name of the violated constraint or unique index, when PostgreSQL reported it. */
  public Optional<String> constraint() {
    return Optional.ofNullable(constraint);
  }
}
