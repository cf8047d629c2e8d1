package io.github.remnawaveshop.core.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/** {@link StoreTransaction} over one Jdbi handle in a transaction. */
final class JdbiStoreTransaction extends Repositories implements StoreTransaction {
  /** Advisory lock names are hashed in this namespace, apart from the host application's keys. */
  static final String LOCK_NAMESPACE = "remnawave-shop:";

  private final Db db;

  JdbiStoreTransaction(Db db) {
    super(db);
    this.db = db;
  }

  @Override
  public void advisoryLock(String name) {
    String key = LOCK_NAMESPACE + Objects.requireNonNull(name, "name");
    db.with(
        "take advisory lock",
        h ->
            h.createQuery("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .bind("key", key)
                .mapTo(String.class)
                .one());
  }

  @Override
  public boolean tryAdvisoryLock(String name) {
    String key = LOCK_NAMESPACE + Objects.requireNonNull(name, "name");
    return db.with(
        "try advisory lock",
        h ->
            h.createQuery("SELECT pg_try_advisory_xact_lock(hashtextextended(:key, 0))")
                .bind("key", key)
                .mapTo(Boolean.class)
                .one());
  }

  @Override
  public Instant databaseNow() {
    return db.with(
            "read transaction time",
            h -> h.createQuery("SELECT now()").mapTo(OffsetDateTime.class).one())
        .toInstant();
  }
}
