package io.github.remnawaveshop.benchmarks.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.remnawaveshop.testkit.PostgresServer;
import io.github.remnawaveshop.testkit.TestDatabase;
import io.github.remnawaveshop.testkit.TestServers;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link StoreBenchmark} and then {@link StoreInterleaved} on one seeded database: creates a
 * database on the PostgreSQL server named by {@code SHOP_TEST_POSTGRES_URL} (or an embedded one),
 * seeds it, hands its URL to the JMH forks, runs the interleaved harness in this JVM, and drops the
 * database at the end. Arguments are JMH's own.
 *
 * <pre>
 * java -cp shop-benchmarks/target/benchmarks.jar io.github.remnawaveshop.benchmarks.store.StoreBenchmarkMain \
 *     -f 1 -wi 2 -i 3 -w 2s -r 3s -rf json -rff docs/benchmarks/store.json
 * </pre>
 *
 * <p>System properties:
 *
 * <ul>
 *   <li>{@code shop.bench.store.users}: users to seed (default 1,000,000; subscriptions are twice
 *       and payments five times that).
 *   <li>{@code shop.bench.store.database}: a database to keep instead of a throw-away one. It is
 *       seeded once (a table {@code bench_seed} records the size of a finished seed) and reused by
 *       later runs of the same size — the 10M-user run takes most of an hour to seed, and its
 *       measurement should start on a quiet machine, not after the seed's own load.
 *   <li>{@code shop.bench.store.seedOnly=true}: seed (or check) the kept database and stop.
 *   <li>{@code shop.bench.store.interleaved}: where the interleaved harness writes its JSON;
 *       without it the harness does not run. {@code shop.bench.store.jmh=false} skips JMH.
 * </ul>
 */
public final class StoreBenchmarkMain {
  private StoreBenchmarkMain() {}

  /**
   * Seeds, benchmarks, drops (or keeps the named database).
   *
   * @param args JMH command-line options
   * @throws Exception when seeding or JMH fails
   */
  public static void main(String[] args) throws Exception {
    CommandLineOptions jmh = new CommandLineOptions(args);
    int users = StoreSeed.users();
    String kept = System.getProperty("shop.bench.store.database");
    if (kept != null) {
      String url = keptDatabase(TestServers.postgres(), kept, users);
      if (!Boolean.getBoolean("shop.bench.store.seedOnly")) {
        measure(jmh, url, users);
      }
      return;
    }
    try (TestDatabase db = TestServers.postgres().createDatabase()) {
      seed(db.dataSource(), db.name(), users);
      measure(jmh, db.jdbcUrl(), users);
    }
  }

  private static void seed(DataSource dataSource, String name, int users) throws SQLException {
    System.out.println(
        "seeding "
            + users
            + " users, "
            + 2L * users
            + " subscriptions, "
            + 5L * users
            + " payments into "
            + name);
    Duration took = StoreSeed.seed(dataSource, users);
    System.out.printf("seed total: %.1f s%n", took.toMillis() / 1000.0);
  }

  /** The URL of the kept database {@code name}, seeded with {@code users} users (once). */
  private static String keptDatabase(PostgresServer server, String name, int users)
      throws SQLException {
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException(
          "shop.bench.store.database must be a plain lower-case name but was '" + name + "'");
    }
    String url = server.jdbcUrl(name);
    boolean exists;
    try (Connection admin = DriverManager.getConnection(server.adminJdbcUrl());
        Statement s = admin.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
      exists = rs.next();
    }
    if (exists && seededUsers(url) == users) {
      System.out.println("reusing " + name + ", seeded with " + users + " users");
      return url;
    }
    try (Connection admin = DriverManager.getConnection(server.adminJdbcUrl());
        Statement s = admin.createStatement()) {
      if (exists) {
        System.out.println("dropping " + name + ": not seeded with " + users + " users");
        s.execute("DROP DATABASE " + name + " WITH (FORCE)");
      }
      s.execute("CREATE DATABASE " + name);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(3); // Flyway takes two
    try (HikariDataSource pool = new HikariDataSource(config)) {
      seed(pool, name, users);
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE bench_seed (users integer NOT NULL)");
        s.execute("INSERT INTO bench_seed VALUES (" + users + ")");
      }
    }
    return url;
  }

  private static long seededUsers(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT to_regclass('bench_seed') IS NOT NULL")) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return -1;
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT coalesce(max(users), -1) FROM bench_seed")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void measure(CommandLineOptions jmh, String url, int users) throws Exception {
    if (!"false".equals(System.getProperty("shop.bench.store.jmh"))) {
      OptionsBuilder options = new OptionsBuilder();
      options.parent(jmh);
      if (jmh.getIncludes().isEmpty()) {
        options.include(StoreBenchmark.class.getName());
      }
      options.jvmArgsAppend(
          "-D" + StoreBenchmark.URL_PROPERTY + "=" + url,
          "-D" + StoreSeed.USERS_PROPERTY + "=" + users);
      waitForJmhLock(Duration.ofMinutes(10));
      new Runner(options.build()).run();
    }
    String interleaved = System.getProperty("shop.bench.store.interleaved");
    if (interleaved != null) {
      StoreInterleaved.run(url, users, Path.of(interleaved));
    }
  }

  /**
   * Seeding takes minutes; JMH refuses to start while another JMH run on this machine holds its
   * lock. Wait for that run to end instead of throwing the seeded database away; after the timeout
   * run anyway (and say so).
   */
  private static void waitForJmhLock(Duration timeout) throws Exception {
    Path lock = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (FileChannel channel =
          FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock held = channel.tryLock();
        if (held != null) {
          held.release();
          return;
        }
      }
      System.out.println("another JMH run holds " + lock + "; waiting");
      Thread.sleep(5_000);
    }
    System.out.println(
        "WARNING: still locked after " + timeout + "; running beside the other JMH run");
    System.setProperty("jmh.ignoreLock", "true");
  }
}
