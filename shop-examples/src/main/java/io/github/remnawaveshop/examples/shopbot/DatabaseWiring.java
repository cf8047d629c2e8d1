package io.github.remnawaveshop.examples.shopbot;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.store.ShopStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shop's PostgreSQL: the server from {@code DATABASE_URL}, or an embedded PostgreSQL whose data
 * directory is {@code <SHOP_DATA_DIR>/postgres}, so the shop's data survives restarts. Either way a
 * Hikari pool.
 */
final class DatabaseWiring {
  private DatabaseWiring() {}

  static HikariDataSource open(ShopConfig config, Resources resources, StartupReport report) {
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("shop-db");
    pool.setMaximumPoolSize(10);
    if (config.database().isPresent()) {
      DatabaseUrl db = config.database().get();
      pool.setJdbcUrl(db.jdbcUrl());
      db.user().ifPresent(pool::setUsername);
      db.password().map(Secret::reveal).ifPresent(pool::setPassword);
      report.real("postgres", db.redacted());
    } else {
      Path dir = config.dataDir().resolve("postgres");
      EmbeddedPostgres pg = startEmbedded(dir);
      // Ctrl-C in a terminal signals the whole process group, so the embedded server may have shut
      // itself down (cleanly: SIGINT is PostgreSQL's fast shutdown) before the lifecycle stops it;
      // then there is nothing left to stop, and pg_ctl would only report a failure.
      resources.add(
          "embedded postgres",
          () -> {
            if (Files.exists(dir.resolve("postmaster.pid"))) {
              pg.close();
            }
          });
      pool.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
      report.embedded("postgres", "PostgreSQL on 127.0.0.1:" + pg.getPort() + ", data in " + dir);
    }
    try {
      return resources.add("postgres pool", new HikariDataSource(pool));
    } catch (RuntimeException e) {
      throw new ConfigException(
          config.database().isPresent() ? DatabaseUrl.VARIABLE : "SHOP_DATA_DIR",
          "cannot connect to PostgreSQL: " + firstLine(rootCause(e)));
    }
  }

  /** Migrates the schema; a failure is one line saying which database and what to do. */
  static void migrate(ShopStore store, ShopConfig config) {
    try {
      store.migrate();
    } catch (RuntimeException e) {
      if (config.database().isPresent()) {
        throw new ConfigException(
            DatabaseUrl.VARIABLE, "migrating the shop schema failed: " + firstLine(e));
      }
      throw new ConfigException(
          "SHOP_DATA_DIR",
          "the embedded database in "
              + config.dataDir().resolve("postgres")
              + " cannot be migrated ("
              + firstLine(e)
              + "); it was probably made by another development version of "
              + "the schema: delete "
              + config.dataDir()
              + " to start afresh");
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).trim();
  }

  private static EmbeddedPostgres startEmbedded(Path dir) {
    try {
      Files.createDirectories(dir.getParent());
      return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start the embedded PostgreSQL in "
              + dir
              + " (set DATABASE_URL to use a server of yours)",
          e);
    }
  }
}
