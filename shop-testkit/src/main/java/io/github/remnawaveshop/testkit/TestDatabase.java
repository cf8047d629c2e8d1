package io.github.remnawaveshop.testkit;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** A database of its own for one test class (or one test), dropped on {@link #close()}. */
public final class TestDatabase implements AutoCloseable {
  private final PostgresServer server;
  private final String name;
  private final PGSimpleDataSource dataSource;

  TestDatabase(PostgresServer server, String name) {
    this.server = server;
    this.name = name;
    this.dataSource = new PGSimpleDataSource();
    this.dataSource.setURL(server.jdbcUrl(name));
  }

  /** The database name. */
  public String name() {
    return name;
  }

  /** JDBC URL with credentials. */
  public String jdbcUrl() {
    return server.jdbcUrl(name);
  }

  /** A non-pooling data source on this database; wrap it in a pool when a test needs one. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The server this database lives on. */
  public PostgresServer server() {
    return server;
  }

  @Override
  public void close() {
    server.dropDatabase(name);
  }

  @Override
  public String toString() {
    return "TestDatabase[" + name + " on " + server + "]";
  }
}
