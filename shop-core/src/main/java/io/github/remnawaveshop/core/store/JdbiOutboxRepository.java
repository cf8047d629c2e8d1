package io.github.remnawaveshop.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;

/**
 * {@link OutboxRepository} on Jdbi; claiming uses {@code FOR UPDATE SKIP LOCKED} on the due index.
 */
final class JdbiOutboxRepository implements OutboxRepository {
  private static final int MAX_ERROR = 2000;
  private static final String INSERT =
      "INSERT INTO {s}.shop_outbox AS o (kind, dedupe_key, payload, available_at, created_at)"
          + " VALUES (:kind, :dedupeKey, CAST(:payload AS jsonb), :availableAt, :now)"
          + " ON CONFLICT (dedupe_key) DO NOTHING RETURNING "
          + Rows.OUTBOX;

  /**
   * The insert of one job for each row of {@code {from}} (a CTE of the caller's statement); bind
   * with {@link #bind}.
   */
  static final String INSERT_FROM =
      "INSERT INTO {s}.shop_outbox AS o (kind, dedupe_key, payload, available_at,"
          + " created_at) SELECT :kind, :dedupeKey, CAST(:payload AS jsonb), :availableAt, :now FROM {from}"
          + " ON CONFLICT (dedupe_key) DO NOTHING RETURNING o.id";

  static final String CLAIM =
      "UPDATE {s}.shop_outbox o SET attempts = o.attempts + 1, available_at = :leaseEnd"
          + " FROM (SELECT d.id FROM {s}.shop_outbox d WHERE d.status = 'PENDING' AND d.available_at <= :now"
          + " ORDER BY d.available_at, d.id LIMIT :limit FOR UPDATE SKIP LOCKED) due"
          + " WHERE o.id = due.id RETURNING "
          + Rows.OUTBOX;

  private final Db db;

  JdbiOutboxRepository(Db db) {
    this.db = db;
  }

  @Override
  public Optional<OutboxMessage> enqueue(NewOutboxMessage message) {
    String sql = db.sql(INSERT);
    return db.with(
        "enqueue outbox message",
        h ->
            bind(h.createQuery(sql), message, db.now())
                .map((rs, ctx) -> Rows.outbox(rs))
                .findOne());
  }

  /** Binds a job's fields to the named parameters of {@link #INSERT} and {@link #INSERT_FROM}. */
  static Query bind(Query query, NewOutboxMessage message, Instant now) {
    return query
        .bind("kind", message.kind())
        .bind("dedupeKey", message.dedupeKey().orElse(null))
        .bind("payload", message.payloadJson())
        .bind("availableAt", Db.ts(message.availableAt().map(Db::micros).orElse(now)))
        .bind("now", Db.ts(now));
  }

  /** As {@link #bind(Query, NewOutboxMessage, Instant)}, for a {@link DirectQuery}. */
  static DirectQuery.Params bind(DirectQuery.Params params, NewOutboxMessage message, Instant now) {
    return params
        .set("kind", message.kind())
        .set("dedupeKey", message.dedupeKey().orElse(null))
        .set("payload", message.payloadJson())
        .set("availableAt", Db.ts(message.availableAt().map(Db::micros).orElse(now)))
        .set("now", Db.ts(now));
  }

  @Override
  public List<OutboxMessage> claim(int limit, Duration lease) {
    JdbiSubscriptionRepository.checkLimit(limit);
    Objects.requireNonNull(lease, "lease");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive but was " + lease);
    }
    Instant now = db.now();
    String sql = db.sql(CLAIM);
    List<OutboxMessage> claimed =
        db.with(
            "claim outbox messages",
            h ->
                h.createQuery(sql)
                    .bind("leaseEnd", Db.ts(Db.micros(now.plus(lease))))
                    .bind("now", Db.ts(now))
                    .bind("limit", limit)
                    .map((rs, ctx) -> Rows.outbox(rs))
                    .list());
    // UPDATE ... RETURNING does not keep the sub-select's order
    return claimed.stream().sorted(java.util.Comparator.comparingLong(OutboxMessage::id)).toList();
  }

  static final String CLAIM_KINDS =
      "UPDATE {s}.shop_outbox o SET attempts = o.attempts + 1, available_at = :leaseEnd"
          + " FROM (SELECT d.id FROM {s}.shop_outbox d WHERE d.status = 'PENDING' AND d.available_at <= :dueBy"
          + " AND d.kind = ANY(:kinds) ORDER BY d.available_at, d.id LIMIT :limit FOR UPDATE SKIP LOCKED) due"
          + " WHERE o.id = due.id RETURNING "
          + Rows.OUTBOX;

  @Override
  public List<OutboxMessage> claim(Set<String> kinds, Instant dueBy, int limit, Duration lease) {
    JdbiSubscriptionRepository.checkLimit(limit);
    Objects.requireNonNull(kinds, "kinds");
    Objects.requireNonNull(dueBy, "dueBy");
    Objects.requireNonNull(lease, "lease");
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("kinds must not be empty");
    }
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive but was " + lease);
    }
    Instant now = db.now();
    Instant due = dueBy.isBefore(now) ? Db.micros(dueBy) : now;
    String sql = db.sql(CLAIM_KINDS);
    List<OutboxMessage> claimed =
        db.with(
            "claim outbox messages",
            h ->
                h.createQuery(sql)
                    .bind("leaseEnd", Db.ts(Db.micros(now.plus(lease))))
                    .bind("dueBy", Db.ts(due))
                    .bind("kinds", kinds.toArray(new String[0]))
                    .bind("limit", limit)
                    .map((rs, ctx) -> Rows.outbox(rs))
                    .list());
    return claimed.stream().sorted(java.util.Comparator.comparingLong(OutboxMessage::id)).toList();
  }

  @Override
  public boolean complete(long id, int attempt) {
    return finish("status = 'DONE', finished_at = :now", id, attempt, null, null);
  }

  @Override
  public boolean retry(long id, int attempt, Instant availableAt, String error) {
    return finish(
        "available_at = :availableAt, last_error = :error",
        id,
        attempt,
        Objects.requireNonNull(availableAt, "availableAt"),
        truncate(error));
  }

  @Override
  public boolean bury(long id, int attempt, String error) {
    return finish(
        "status = 'DEAD', finished_at = :now, last_error = :error",
        id,
        attempt,
        null,
        truncate(error));
  }

  private boolean finish(
      String set, long id, int attempt, @Nullable Instant availableAt, @Nullable String error) {
    String sql =
        db.sql(
            "UPDATE {s}.shop_outbox SET "
                + set
                + " WHERE id = :id AND attempts = :attempt AND status = 'PENDING'");
    return db.with(
            "finish outbox message",
            h -> {
              var update = h.createUpdate(sql).bind("id", id).bind("attempt", attempt);
              if (set.contains(":now")) {
                update.bind("now", Db.ts(db.now()));
              }
              if (set.contains(":availableAt")) {
                update.bind(
                    "availableAt",
                    Db.ts(Db.micros(Objects.requireNonNull(availableAt, "availableAt"))));
              }
              if (set.contains(":error")) {
                update.bind("error", error);
              }
              return update.execute();
            })
        == 1;
  }

  private static String truncate(String error) {
    Objects.requireNonNull(error, "error");
    return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
  }

  @Override
  public Optional<OutboxMessage> findById(long id) {
    String sql = db.sql("SELECT " + Rows.OUTBOX + " FROM {s}.shop_outbox o WHERE o.id = :id");
    return db.with(
        "find outbox message",
        h -> h.createQuery(sql).bind("id", id).map((rs, ctx) -> Rows.outbox(rs)).findOne());
  }

  @Override
  public long countPending() {
    String sql = db.sql("SELECT count(*) FROM {s}.shop_outbox WHERE status = 'PENDING'");
    return db.with("count outbox messages", h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  @Override
  public int purgeDoneBefore(Instant before) {
    String sql =
        db.sql("DELETE FROM {s}.shop_outbox WHERE status = 'DONE' AND finished_at < :before");
    return db.with(
        "purge outbox messages",
        h ->
            h.createUpdate(sql)
                .bind("before", Db.ts(Objects.requireNonNull(before, "before")))
                .execute());
  }
}
