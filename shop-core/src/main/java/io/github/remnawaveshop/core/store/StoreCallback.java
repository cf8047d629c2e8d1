package io.github.remnawaveshop.core.store;

import org.jspecify.annotations.Nullable;

/**
 * Work done inside {@link ShopStore#inTransaction}; may throw a checked exception, which passes
 * through unchanged after the rollback.
 *
 * @param <R> the result type
 * @param <X> the exception the work may throw
 */
@FunctionalInterface
public interface StoreCallback<R extends @Nullable Object, X extends Exception> {
  /**
   * Does the work.
   *
   * @param tx the transaction
   * @return the result
   * @throws X to roll back
   */
  R apply(StoreTransaction tx) throws X;
}
