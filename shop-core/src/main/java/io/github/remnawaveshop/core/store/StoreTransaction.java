package io.github.remnawaveshop.core.store;

import java.time.Instant;

/**
 * One database transaction, given to the callback of {@link ShopStore#inTransaction}. Its
 * repositories all run on the same connection; the transaction commits when the callback returns
 * and rolls back when it throws. Valid only during the callback and only on its thread.
 *
 * <p>After a statement fails (e.g. a {@link DuplicateKeyException}), PostgreSQL refuses further
 * statements in the transaction: let the exception end it. Prefer the methods that report a
 * conflict as a result ({@link PaymentRepository#markPaid}, {@link PaymentRepository#recordPaid},
 * {@link WebhookEventRepository#markProcessed}, {@link OutboxRepository#enqueue}).
 */
public interface StoreTransaction extends ShopRepositories {
  /**
   * Takes a transaction-scoped advisory lock, waiting for it; released at commit or rollback. Names
   * are hashed to PostgreSQL's 64-bit lock keys in a namespace of their own.
   *
   * @param name what is locked, e.g. {@code user:42}
   */
  void advisoryLock(String name);

  /**
   * Takes a transaction-scoped advisory lock if it is free.
   *
   * @param name what is locked
   * @return {@code true} when taken (held until commit or rollback)
   */
  boolean tryAdvisoryLock(String name);

  /**
   * The database's transaction time ({@code now()}): the same for every statement of the
   * transaction.
   *
   * @return the transaction start time
   */
  Instant databaseNow();
}
