package io.github.remnawaveshop.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.extension.HandleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * How repositories reach the database: either a fresh handle per call (the store's repositories) or
 * one handle bound to a transaction. Also renders SQL templates for the store's schema and supplies
 * the clock. Exceptions leave as {@link StoreException}s.
 */
final class Db {
  private final Jdbi jdbi;
  private final @Nullable DataSource ownDataSource;
  private final @Nullable Handle handle;
  private final Templates templates;
  private final Clock clock;

  private Db(
      Jdbi jdbi,
      @Nullable DataSource ownDataSource,
      @Nullable Handle handle,
      Templates templates,
      Clock clock) {
    this.jdbi = jdbi;
    this.ownDataSource = ownDataSource;
    this.handle = handle;
    this.templates = templates;
    this.clock = clock;
  }

  /**
   * Calls on fresh handles of {@code jdbi}.
   *
   * @param ownDataSource the data source {@code jdbi} was created over by the store (with only the
   *     PostgreSQL plugin, whose per-handle setup serves SQL run through the handle), so {@link
   *     #onConnection} may borrow from it directly; {@code null} for a Jdbi the application gave
   *     (its plugins, handle decorator and handle scope may matter), so every call opens a handle
   */
  static Db pooled(Jdbi jdbi, @Nullable DataSource ownDataSource, String schema, Clock clock) {
    return new Db(jdbi, ownDataSource, null, new Templates(schema), clock);
  }

  Db bind(Handle transactionHandle) {
    return new Db(jdbi, null, transactionHandle, templates, clock);
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
   * statement machinery) and maps its only row: for the statements of the hot paths.
   */
  <R> Optional<R> findOne(
      String action, String sql, DirectQuery.Params params, DirectQuery.RowMapper<R> mapper) {
    DirectQuery query = DirectQuery.of(sql);
    return onConnection(action, c -> query.findOne(c, params, mapper));
  }

  /** Like {@link #findOne} for every row, in order: for pages on the hot paths. */
  <R> List<R> list(
      String action, String sql, DirectQuery.Params params, DirectQuery.RowMapper<R> mapper) {
    DirectQuery query = DirectQuery.of(sql);
    return onConnection(action, c -> query.list(c, params, mapper));
  }

  /** Work on a JDBC connection. */
  @FunctionalInterface
  interface ConnectionWork<R> {
    R run(Connection connection) throws SQLException;
  }

  /**
   * Runs work on the connection {@link #with} would give it: the bound handle's; the handle already
   * open on this thread (inside {@link ShopStore#inTransaction}, {@link ShopStore#tryExclusively}
   * or {@link #atomically}), so the work joins it as Jdbi would; else a connection borrowed for the
   * call, in auto-commit. The last one skips opening a Jdbi handle (a configuration copy, the
   * plugins' customizers, a statement builder, cleanables), which only matters to SQL run through
   * the handle, when the store created the Jdbi; on a Jdbi the application gave, the call opens a
   * handle as before. A failure to borrow leaves as Jdbi's would ({@link ConnectionException},
   * translated).
   */
  <R> R onConnection(String action, ConnectionWork<R> work) {
    if (handle == null && ownDataSource != null) {
      HandleSupplier open = jdbi.getHandleScope().get();
      if (open == null) {
        return onOwnConnection(ownDataSource, action, work);
      }
    }
    return with(
        action,
        h -> {
          try {
            return work.run(h.getConnection());
          } catch (SQLException e) {
            throw SqlErrors.translate(action, e);
          }
        });
  }

  private static <R> R onOwnConnection(
      DataSource dataSource, String action, ConnectionWork<R> work) {
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw SqlErrors.translate(action, new ConnectionException(e));
    }
    try (connection) {
      return work.run(connection);
    } catch (SQLException e) {
      throw SqlErrors.translate(action, e);
    }
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
