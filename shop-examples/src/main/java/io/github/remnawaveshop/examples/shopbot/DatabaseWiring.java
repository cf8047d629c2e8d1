package io.github.remnawaveshop.examples.shopbot;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.remnawaveshop.core.payment.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shop's PostgreSQL: the server from {@code DATABASE_URL}, or an embedded PostgreSQL whose data directory
 * is {@code <SHOP_DATA_DIR>/postgres}, so the shop's data survives restarts. Either way a Hikari pool.
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
      EmbeddedPostgres pg = resources.add("embedded postgres", startEmbedded(dir));
      pool.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
      report.embedded("postgres", "PostgreSQL on 127.0.0.1:" + pg.getPort() + ", data in " + dir);
    }
    return resources.add("postgres pool", new HikariDataSource(pool));
  }

  private static EmbeddedPostgres startEmbedded(Path dir) {
    try {
      Files.createDirectories(dir.getParent());
      return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dir
          + " (set DATABASE_URL to use a server of yours)", e);
    }
  }
}
