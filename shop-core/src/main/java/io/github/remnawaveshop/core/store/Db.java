package io.github.remnawaveshop.core.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jspecify.annotations.Nullable;

/**
 * How repositories reach the database: either a fresh handle per call (the store's repositories) or
 * one handle bound to a transaction. Also renders SQL templates for the store's schema and supplies
 * the clock. Exceptions leave as {@link StoreException}s.
 */
final class Db {
  private final Jdbi jdbi;
  private final @Nullable Handle handle;
  private final Templates templates;
  private final Clock clock;

  private Db(Jdbi jdbi, @Nullable Handle handle, Templates templates, Clock clock) {
    this.jdbi = jdbi;
    this.handle = handle;
    this.templates = templates;
    this.clock = clock;
  }

  static Db pooled(Jdbi jdbi, String schema, Clock clock) {
    return new Db(jdbi, null, new Templates(schema), clock);
  }

  Db bind(Handle transactionHandle) {
    return new Db(jdbi, transactionHandle, templates, clock);
  }

  /**
   * Runs one unit of work: on the bound handle, or on a fresh handle in auto-commit (Jdbi reuses a
   * handle already open on this thread, so calls inside {@link ShopStore#inTransaction} join it).
   * Jdbi failures leave translated; anything else (argument checks) unchanged.
   */
  <R> R with(String action, HandleCallback<R, RuntimeException> work) {
    try {
      return handle != null ? work.withHandle(handle) : jdbi.withHandle(work);
    } catch (JdbiException e) {
      throw SqlErrors.translate(action, e);
    }
  }

  /**
   * Runs one query through {@link DirectQuery} (on the JDBC connection underneath, without Jdbi's
   * statement machinery) and maps its only row: for the statements of the payment hot path.
   */
  <R> Optional<R> findOne(
      String action, String sql, DirectQuery.Params params, DirectQuery.RowMapper<R> mapper) {
    DirectQuery query = DirectQuery.of(sql);
    return with(
        action,
        h -> {
          try {
            return query.findOne(h.getConnection(), params, mapper);
          } catch (SQLException e) {
            throw SqlErrors.translate(action, e);
          }
        });
  }

  /** Runs several statements atomically: inside the bound transaction, or in a new one. */
  <R> R atomically(String action, HandleCallback<R, RuntimeException> work) {
    try {
      if (handle != null) {
        return handle.isInTransaction() ? work.withHandle(handle) : handle.inTransaction(work);
      }
      return jdbi.inTransaction(work);
    } catch (JdbiException e) {
      throw SqlErrors.translate(action, e);
    }
  }

  /** SQL with {@code {s}.} replaced by the quoted schema. */
  String sql(String template) {
    return templates.render(template);
  }

  /** The clock's instant at PostgreSQL's precision (microseconds). */
  Instant now() {
    return micros(clock.instant());
  }

  static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  static @Nullable OffsetDateTime ts(@Nullable Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** Renders and caches SQL for one schema. */
  static final class Templates {
    private final String prefix;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    Templates(String schema) {
      this.prefix = "\"" + schema + "\".";
    }

    String render(String template) {
      return cache.computeIfAbsent(template, t -> t.replace("{s}.", prefix));
    }
  }
}
