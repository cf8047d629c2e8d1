package io.github.remnawaveshop.core.ops.backup;

import static io.github.remnawaveshop.core.ops.backup.BackupServiceTest.checksums;
import static io.github.remnawaveshop.core.ops.backup.BackupServiceTest.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.remnawaveshop.testkit.PostgresServer;
import io.github.remnawaveshop.testkit.RedisKeyPrefix;
import io.github.remnawaveshop.testkit.RedisServer;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore that fails half-way leaves the target as it found it (issue 16, item 11). Redis fails
 * mid-restore for real: the target Redis user is an ACL user allowed only half of the backup's
 * keys, so RESTORE of the other half is answered NOPERM after the first half was written.
 */
@ExtendWith(ShopServersExtension.class)
class BackupServiceRestoreFailureTest {
  static RedisClient client;
  static StatefulRedisConnection<String, String> conn;

  @BeforeAll
  static void seed(TestDatabase db, RedisServer redis, RedisKeyPrefix prefix) throws SQLException {
    exec(
        db.dataSource(),
        BackupServiceTest.DDL
            + """
        INSERT INTO users (telegram_id, username) SELECT g, 'user_' || g FROM generate_series(1, 300) g;
        INSERT INTO subscriptions (user_id, ends_at) SELECT 1 + g % 300, now() FROM generate_series(1, 500) g;
        INSERT INTO payments (user_id, amount) SELECT 1 + g % 300, g FROM generate_series(1, 700) g;
        """);
    client = RedisClient.create(redis.uri());
    conn = client.connect();
  }

  @AfterAll
  static void close() {
    conn.close();
    client.shutdown();
  }

  /** 40 keys under {@code ok:} and 40 under {@code no:}, half of them with a TTL. */
  private static void seedKeys(RedisKeyPrefix prefix) {
    RedisCommands<String, String> r = conn.sync();
    for (int i = 0; i < 40; i++) {
      r.set(prefix + "ok:" + i, "state-" + i);
      r.hset(prefix + "no:" + i, Map.of("plan", "p" + i));
      if (i % 2 == 0) {
        r.pexpire(prefix + "ok:" + i, 3_600_000L);
      }
    }
  }

  private static void deleteKeys(RedisKeyPrefix prefix) {
    List<String> keys = conn.sync().keys(prefix + "*");
    if (!keys.isEmpty()) {
      conn.sync().del(keys.toArray(new String[0]));
    }
  }

  private static BackupService service(Path dir, DataSource ds, RedisKeyPrefix prefix) {
    return BackupService.builder()
        .directory(dir)
        .postgres(ds, "public")
        .redis(client, List.of(prefix.value()))
        .build();
  }

  @Test
  void aRedisFailureMidRestoreLeavesNeitherRowsNorKeysAndARerunSucceeds(
      TestDatabase db,
      PostgresServer server,
      RedisServer redis,
      RedisKeyPrefix prefix,
      @TempDir Path dir)
      throws Exception {
    seedKeys(prefix);
    BackupService backups = service(dir, db.dataSource(), prefix);
    BackupManifest manifest = backups.backup();
    Map<String, String> source = checksums(db.dataSource());
    deleteKeys(prefix);
    String user = "restore-" + UUID.randomUUID().toString().substring(0, 8);
    conn.sync()
        .aclSetuser(
            user,
            io.lettuce.core.AclSetuserArgs.Builder.on()
                .addPassword("pw")
                .keyPattern(prefix + "ok:*")
                .allCommands());
    RedisURI limited =
        RedisURI.builder(RedisURI.create(redis.uri())).withAuthentication(user, "pw").build();
    RedisClient limitedClient = RedisClient.create(limited);
    try (TestDatabase fresh = server.createDatabase()) {
      exec(fresh.dataSource(), BackupServiceTest.DDL);

      assertThatThrownBy(
              () ->
                  backups.restore(
                      manifest.id(), RestoreTarget.of(fresh.dataSource(), limitedClient)))
          .isInstanceOf(BackupException.class)
          .hasMessageContaining("NOPERM")
          .isInstanceOfSatisfying(
              RestoreFailedException.class,
              e -> {
                assertThat(e.postgres())
                    .isEqualTo(RestoreFailedException.PostgresState.ROLLED_BACK);
                assertThat(e.keysRestored())
                    .as("the ok: keys were written before the no: ones failed")
                    .isEqualTo(40);
                assertThat(e.keysRemoved()).isEqualTo(40);
                assertThat(e.keysLeft()).isEmpty();
                assertThat(e.targetClean()).isTrue();
                assertThat(e.getMessage())
                    .contains("PostgreSQL: rolled back, nothing restored")
                    .contains("40 key(s) written, 40 removed again")
                    .contains("the target is as it was");
              });

      assertThat(checksums(fresh.dataSource()))
          .as("no table was restored")
          .containsEntry("users", "0")
          .containsEntry("subscriptions", "0")
          .containsEntry("payments", "0");
      assertThat(conn.sync().keys(prefix + "*"))
          .as("the keys restored before the failure are removed")
          .isEmpty();
      assertThat(sequence(fresh.dataSource(), "users_id_seq"))
          .as("sequences are as they were")
          .isEqualTo("1 false");

      RestoreResult rerun =
          backups.restore(manifest.id(), RestoreTarget.of(fresh.dataSource(), client));
      assertThat(rerun.keys()).isEqualTo(80);
      assertThat(rerun.notRestored()).isEmpty();
      assertThat(checksums(fresh.dataSource())).isEqualTo(source);
      assertThat(sequence(fresh.dataSource(), "users_id_seq")).isEqualTo("301 false");
    } finally {
      limitedClient.shutdown();
      conn.sync().aclDeluser(user);
      deleteKeys(prefix);
    }
  }

  @Test
  void theEmptinessCheckWaitsForAConcurrentWriterAndThenRefuses(
      TestDatabase db, PostgresServer server, RedisKeyPrefix prefix, @TempDir Path dir)
      throws Exception {
    BackupService backups = service(dir, db.dataSource(), prefix);
    BackupManifest manifest = backups.backup();
    try (TestDatabase fresh = server.createDatabase()) {
      exec(fresh.dataSource(), BackupServiceTest.DDL);
      try (Connection writer = fresh.dataSource().getConnection()) {
        writer.setAutoCommit(false);
        execOn(
            writer,
            "INSERT INTO users (id, telegram_id, username) VALUES (999999, 999999, 'written meanwhile')");
        CompletableFuture<RestoreResult> restore =
            CompletableFuture.supplyAsync(
                () -> backups.restore(manifest.id(), RestoreTarget.postgres(fresh.dataSource())));
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> restore.isDone() || waitingOnALock(fresh));
        writer
            .commit(); // the row lands after the restore looked, or would have looked, at the table

        assertThatThrownBy(() -> restore.get(30, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOf(BackupException.class)
            .hasMessageContaining("users")
            .hasMessageContaining("not empty");
      }
      try (Connection c = fresh.dataSource().getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*), min(username) FROM users")) {
        rs.next();
        assertThat(rs.getLong(1) + " " + rs.getString(2)).isEqualTo("1 written meanwhile");
      }
      assertThat(checksums(fresh.dataSource())).containsEntry("payments", "0");
    }
  }

  private static boolean waitingOnALock(TestDatabase db) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND wait_event_type = 'Lock'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  static String sequence(DataSource ds, String name) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM " + name)) {
      rs.next();
      return rs.getLong(1) + " " + rs.getBoolean(2);
    }
  }

  private static void execOn(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
