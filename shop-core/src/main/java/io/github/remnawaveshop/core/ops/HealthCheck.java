package io.github.remnawaveshop.core.ops;

import java.sql.Connection;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Probes one dependency. {@link #probe()} returns normally when the dependency answered and throws
 * when it did not; {@link HealthMonitor} times it, applies thresholds and timeouts, and caches the
 * result. Implementations must be thread-safe.
 */
public interface HealthCheck {

  /**
   * The component's name in reports ({@code postgres}, {@code redis}, {@code panel}, {@code
   * telegram}).
   */
  String name();

  /**
   * Asks the dependency something cheap.
   *
   * @return a short detail for the report (a version, a count), or an empty string
   * @throws Exception when the dependency did not answer properly
   */
  String probe() throws Exception;

  /** A check from a name and a probe. */
  static HealthCheck of(String name, Probe probe) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(probe, "probe");
    return new HealthCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String probe() throws Exception {
        return probe.probe();
      }
    };
  }

  /**
   * PostgreSQL: borrows a connection and checks it answers ({@link Connection#isValid}, a round
   * trip to the server; no SQL of the shop's is run outside the store).
   */
  static HealthCheck postgres(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return of(
        "postgres",
        () -> {
          try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(5)) {
              throw new java.sql.SQLException(
                  "PostgreSQL did not answer a validity check within 5 s");
            }
            return c.getMetaData().getDatabaseProductVersion();
          }
        });
  }

  /**
   * Redis: sends {@code PING} on a Lettuce connection.
   *
   * @param connection a shared connection; the check does not close it
   */
  static HealthCheck redis(io.lettuce.core.api.StatefulRedisConnection<?, ?> connection) {
    Objects.requireNonNull(connection, "connection");
    return of(
        "redis",
        () -> {
          String pong = connection.sync().ping();
          if (!"PONG".equals(pong)) {
            throw new IllegalStateException("PING answered " + pong);
          }
          return "";
        });
  }

  /**
   * Redis, given the way every Redis-backed component takes it (a Lettuce {@code RedisClient}):
   * each probe opens a connection, sends {@code PING} and closes it, so it also proves that a new
   * connection can be made (the client's own timeouts apply; the check does not shut the client
   * down).
   *
   * @param client the application's client
   */
  static HealthCheck redis(io.lettuce.core.RedisClient client) {
    Objects.requireNonNull(client, "client");
    return of(
        "redis",
        () -> {
          try (io.lettuce.core.api.StatefulRedisConnection<String, String> c = client.connect()) {
            String pong = c.sync().ping();
            if (!"PONG".equals(pong)) {
              throw new IllegalStateException("PING answered " + pong);
            }
            return "";
          }
        });
  }

  /** The body of a check. */
  @FunctionalInterface
  interface Probe {
    /** See {@link HealthCheck#probe()}. */
    String probe() throws Exception;
  }
}
