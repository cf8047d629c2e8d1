package io.github.remnawaveshop.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A running PostgreSQL server that tests may create databases on. Thread-safe. */
public final class PostgresServer {
  private static final Pattern JDBC_URL =
      Pattern.compile("jdbc:postgresql://([^/?]+)(/([^?]*))?(\\?(.*))?");

  private final String hostAndPort;
  private final String adminDatabase;
  private final String query;
  private final String description;

  PostgresServer(String hostAndPort, String adminDatabase, String query, String description) {
    this.hostAndPort = hostAndPort;
    this.adminDatabase = adminDatabase;
    this.query = query;
    this.description = description;
  }

  static PostgresServer external(String jdbcUrl) {
    Matcher m = JDBC_URL.matcher(jdbcUrl);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          TestServers.POSTGRES_URL_ENV
              + " must look like jdbc:postgresql://host:port/db?user=...; was "
              + redact(jdbcUrl));
    }
    String db = m.group(3) == null || m.group(3).isEmpty() ? "postgres" : m.group(3);
    String query = m.group(5) == null ? "" : m.group(5);
    return new PostgresServer(m.group(1), db, query, "external PostgreSQL at " + m.group(1));
  }

  /** JDBC URL (with credentials as URL parameters) of the given database on this server. */
  public String jdbcUrl(String database) {
    Objects.requireNonNull(database, "database");
    return "jdbc:postgresql://"
        + hostAndPort
        + "/"
        + database
        + (query.isEmpty() ? "" : "?" + query);
  }

  /**
   * JDBC URL of the administrative database (the one named in the environment, or {@code
   * postgres}).
   */
  public String adminJdbcUrl() {
    return jdbcUrl(adminDatabase);
  }

  /** {@code host:port} of the server. */
  public String hostAndPort() {
    return hostAndPort;
  }

  /** Creates a new, empty database with a unique name. Close the returned handle to drop it. */
  public TestDatabase createDatabase() {
    String name =
        "shop_test_"
            + UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 16)
                .toLowerCase(Locale.ROOT);
    execute("CREATE DATABASE " + name);
    return new TestDatabase(this, name);
  }

  void dropDatabase(String name) {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private void execute(String sql) {
    try (Connection c = DriverManager.getConnection(adminJdbcUrl());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "on " + description + ": " + sql + " failed: " + e.getMessage(), e);
    }
  }

  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  @Override
  public String toString() {
    return description;
  }
}
