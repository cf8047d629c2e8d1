package io.github.remnawaveshop.core.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.testkit.MutableClock;
import io.github.remnawaveshop.testkit.PostgresServer;
import io.github.remnawaveshop.testkit.RedisKeyPrefix;
import io.github.remnawaveshop.testkit.RedisServer;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backs up a seeded schema and keyspace on the real servers, restores into fresh ones and compares
 * row counts, per-table checksums, keys and TTLs.
 */
@ExtendWith(ShopServersExtension.class)
class BackupServiceTest {
  /**
   * A stand-in with the shapes that make restores hard: FK chain, self reference, serial ids, json,
   * nulls.
   */
  static final String DDL =
      """
      CREATE TABLE shop_schema_history (installed_rank int PRIMARY KEY, version text, description text, success boolean NOT NULL);
      INSERT INTO shop_schema_history VALUES (1, '1', 'init', true), (2, '2', 'more', true);
      CREATE TABLE users (id bigserial PRIMARY KEY, telegram_id bigint UNIQUE NOT NULL, username text,
        referred_by bigint REFERENCES users(id), created_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE subscriptions (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users(id),
        ends_at timestamptz NOT NULL, meta jsonb);
      CREATE TABLE payments (id bigserial PRIMARY KEY, subscription_id bigint REFERENCES subscriptions(id),
        user_id bigint NOT NULL REFERENCES users(id), amount bigint NOT NULL CHECK (amount >= 0), note text);
      CREATE INDEX subscriptions_user_ends_idx ON subscriptions (user_id, ends_at);
      CREATE UNIQUE INDEX users_username_lower_idx ON users (lower(username)) WHERE username IS NOT NULL;
      """;

  static RedisClient client;
  static StatefulRedisConnection<String, String> conn;

  @BeforeAll
  static void seed(TestDatabase db, RedisServer redis, RedisKeyPrefix prefix) throws SQLException {
    exec(
        db.dataSource(),
        DDL
            + """
        INSERT INTO users (telegram_id, username, referred_by)
          SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE 'user_' || g || E'\\ttab\\nnewline' END,
                 CASE WHEN g > 10 THEN g / 2 END FROM generate_series(1, 3000) g;
        INSERT INTO subscriptions (user_id, ends_at, meta)
          SELECT 1 + g % 3000, now() + (g || ' hours')::interval, jsonb_build_object('n', g, 'q', 'a"b\\c')
          FROM generate_series(1, 5000) g;
        INSERT INTO payments (subscription_id, user_id, amount, note)
          SELECT CASE WHEN g % 5 = 0 THEN NULL ELSE 1 + g % 5000 END, 1 + g % 3000, g * 100, 'Ünïcødé ' || g
          FROM generate_series(1, 8000) g;
        """);
    client = RedisClient.create(redis.uri());
    conn = client.connect();
    RedisCommands<String, String> r = conn.sync();
    for (int i = 0; i < 200; i++) {
      r.set(prefix + "fsm:" + i + ":state", "Buy:plan" + i);
      r.hset(prefix + "fsm:" + i + ":data", Map.of("plan", "p" + i, "step", String.valueOf(i)));
      if (i % 2 == 0) {
        r.pexpire(prefix + "fsm:" + i + ":state", 3_600_000L + i);
      }
    }
    r.set(prefix + "rl:ban:42", "1");
    r.expire(prefix + "rl:ban:42", 300);
    r.set("someone-else:" + prefix, "not ours");
  }

  @AfterAll
  static void close(RedisKeyPrefix prefix) {
    conn.sync().del("someone-else:" + prefix);
    conn.close();
    client.shutdown();
  }

  private BackupService service(Path dir, DataSource ds, RedisKeyPrefix prefix) {
    return BackupService.builder()
        .directory(dir)
        .postgres(ds, "public")
        .redis(client, List.of(prefix.value()))
        .config(
            () ->
                Map.of(
                    "shop.panel.url",
                    "https://panel.example",
                    "shop.panel.api-token",
                    "tok_SECRET",
                    "shop.db.url",
                    "jdbc:postgresql://db/shop?user=shop&password=SECRETPW",
                    "shop.redis.url",
                    "redis://default:SECRETPW@redis:6379"))
        .build();
  }

  @Test
  void backupAndRestoreIntoFreshServersAreIdentical(
      TestDatabase db, PostgresServer server, RedisKeyPrefix prefix, @TempDir Path dir)
      throws Exception {
    BackupService backups = service(dir, db.dataSource(), prefix);
    Map<String, String> tablesBefore = checksums(db.dataSource());
    Map<String, Long> ttlsBefore = ttls(prefix);

    BackupManifest manifest = backups.backup();
    assertThat(manifest.totalRows()).isEqualTo(2 + 3000 + 5000 + 8000);
    assertThat(manifest.totalKeys()).isEqualTo(401);
    assertThat(backups.verify(manifest.id()).ok()).isTrue();
    assertThat(backups.list()).extracting(BackupManifest::id).containsExactly(manifest.id());
    String config = zipText(dir.resolve(manifest.archiveFile()), "config/settings.properties");
    assertThat(config)
        .contains("https://panel.example")
        .doesNotContain("SECRET")
        .contains("shop.panel.api-token=***");

    try (TestDatabase fresh = server.createDatabase()) {
      exec(
          fresh.dataSource(),
          DDL.substring(0, DDL.indexOf("CREATE TABLE users"))
              + DDL.substring(DDL.indexOf("CREATE TABLE users")));
      for (String key : conn.sync().keys(prefix + "*")) {
        conn.sync().del(key);
      }
      List<String> shapeBefore = schemaShape(fresh.dataSource());
      RestoreResult restored =
          backups.restore(manifest.id(), RestoreTarget.of(fresh.dataSource(), client));
      // the restore drops indexes and foreign keys to load fast; every one of them is back
      // afterwards
      assertThat(schemaShape(fresh.dataSource()))
          .isEqualTo(shapeBefore)
          .anyMatch(d -> d.contains("FOREIGN KEY"));
      assertThat(restored.rowsByTable())
          .containsEntry("users", 3000L)
          .containsEntry("payments", 8000L)
          .doesNotContainKey("shop_schema_history");
      assertThat(restored.keys()).isEqualTo(401);
      assertThat(checksums(fresh.dataSource())).isEqualTo(tablesBefore);
      Map<String, Long> ttlsAfter = ttls(prefix);
      assertThat(ttlsAfter.keySet()).isEqualTo(ttlsBefore.keySet());
      ttlsBefore.forEach(
          (k, ttl) -> {
            if (ttl < 0) {
              assertThat(ttlsAfter.get(k)).as(k).isEqualTo(ttl);
            } else {
              assertThat(ttlsAfter.get(k)).as(k).isBetween(ttl - 10_000, ttl);
            }
          });
      assertThat(conn.sync().hgetall(prefix + "fsm:7:data")).containsEntry("plan", "p7");
      // sequences moved past the restored ids: new rows do not collide
      exec(fresh.dataSource(), "INSERT INTO users (telegram_id) VALUES (999999)");

      assertThatThrownBy(
              () -> backups.restore(manifest.id(), RestoreTarget.postgres(fresh.dataSource())))
          .isInstanceOf(BackupException.class)
          .hasMessageContaining("not empty");
      assertThatThrownBy(() -> backups.restore(manifest.id(), RestoreTarget.redis(client)))
          .isInstanceOf(BackupException.class)
          .hasMessageContaining("already has");
    }
  }

  @Test
  void restoreRefusesATargetOnAnotherSchemaVersionAndRollsBack(
      TestDatabase db, PostgresServer server, RedisKeyPrefix prefix, @TempDir Path dir)
      throws Exception {
    BackupService backups = service(dir, db.dataSource(), prefix);
    BackupManifest manifest = backups.backup();
    try (TestDatabase fresh = server.createDatabase()) {
      exec(fresh.dataSource(), DDL.replace("(2, '2', 'more', true)", "(2, '3', 'newer', true)"));
      assertThatThrownBy(
              () -> backups.restore(manifest.id(), RestoreTarget.postgres(fresh.dataSource())))
          .isInstanceOf(BackupException.class)
          .hasMessageContaining("migrations");
      assertThat(checksums(fresh.dataSource()).get("users")).isEqualTo("0");
    }
  }

  @Test
  void corruptedArchiveIsDetectedAndRefused(
      TestDatabase db, PostgresServer server, RedisKeyPrefix prefix, @TempDir Path dir)
      throws Exception {
    BackupService backups = service(dir, db.dataSource(), prefix);
    BackupManifest manifest = backups.backup();
    Path archive = dir.resolve(manifest.archiveFile());
    byte[] bytes = Files.readAllBytes(archive);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(archive, bytes);

    VerifyResult result = backups.verify(manifest.id());
    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).anyMatch(p -> p.contains("archive checksum"));
    try (TestDatabase fresh = server.createDatabase()) {
      exec(fresh.dataSource(), DDL);
      assertThatThrownBy(
              () -> backups.restore(manifest.id(), RestoreTarget.postgres(fresh.dataSource())))
          .isInstanceOf(BackupException.class)
          .hasMessageContaining("failed verification");
      assertThat(checksums(fresh.dataSource()).get("payments")).isEqualTo("0");
    }
    Files.delete(archive);
    assertThat(backups.verify(manifest.id()).problems())
        .singleElement()
        .asString()
        .contains("missing");
    assertThatThrownBy(() -> backups.verify("../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> backups.verify("nope"))
        .isInstanceOf(BackupException.class)
        .hasMessageContaining("no backup");
  }

  @Test
  void aTableEntryDifferingFromItsManifestIsCaughtWhileLoadingAndRolledBack(
      TestDatabase db, PostgresServer server, RedisKeyPrefix prefix, @TempDir Path dir)
      throws Exception {
    BackupService backups = service(dir, db.dataSource(), prefix);
    BackupManifest manifest = backups.backup();
    // the archive is intact (its own checksum matches); only one entry's recorded SHA-256 differs,
    // which restore checks while it streams that entry into COPY, not before
    String payments =
        manifest.entries().stream()
            .filter(e -> e.name().equals("postgres/payments.copy"))
            .findFirst()
            .orElseThrow()
            .sha256();
    Path manifestFile = dir.resolve(manifest.id() + ".manifest.json");
    String json = Files.readString(manifestFile);
    assertThat(json).contains(payments);
    Files.writeString(manifestFile, json.replace(payments, "0".repeat(64)));
    assertThat(backups.verify(manifest.id()).problems())
        .anyMatch(p -> p.contains("postgres/payments.copy"));
    try (TestDatabase fresh = server.createDatabase()) {
      exec(fresh.dataSource(), DDL);
      List<String> shapeBefore = schemaShape(fresh.dataSource());
      assertThatThrownBy(
              () -> backups.restore(manifest.id(), RestoreTarget.postgres(fresh.dataSource())))
          .isInstanceOfSatisfying(
              RestoreFailedException.class,
              e ->
                  assertThat(e.postgres())
                      .isEqualTo(RestoreFailedException.PostgresState.ROLLED_BACK))
          .hasMessageContaining("postgres/payments.copy");
      assertThat(checksums(fresh.dataSource()).get("users")).isEqualTo("0");
      assertThat(schemaShape(fresh.dataSource())).isEqualTo(shapeBefore);
    }
  }

  @Test
  void rotationOver120DaysKeepsSevenDailyFourWeeklyThreeMonthly(@TempDir Path dir) {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T03:00:00Z"));
    BackupService backups =
        BackupService.builder().directory(dir).config(() -> Map.of("a", "b")).clock(clock).build();
    List<Instant> taken = new ArrayList<>();
    for (int day = 0; day < 120; day++) {
      taken.add(backups.backup().createdAt());
      clock.advance(java.time.Duration.ofDays(1));
    }
    List<Instant> kept = backups.list().stream().map(BackupManifest::createdAt).toList();
    assertThat(kept)
        .isEqualTo(
            List.copyOf(
                new java.util.TreeSet<>(RetentionPolicy.defaults().keep(taken)).descendingSet()));
    // the newest 7 days are all there
    List<Instant> lastSeven = new ArrayList<>(taken.subList(113, 120));
    java.util.Collections.reverse(lastSeven);
    assertThat(kept.subList(0, 7)).isEqualTo(lastSeven);
    // one per ISO week for the last 4 weeks, one per month for the last 3 months
    assertThat(kept)
        .contains(
            Instant.parse("2026-04-30T03:00:00Z"),
            Instant.parse("2026-03-31T03:00:00Z"),
            Instant.parse("2026-02-28T03:00:00Z"));
    assertThat(kept).allMatch(i -> i.isAfter(Instant.parse("2026-02-27T00:00:00Z")));
    assertThat(kept.size()).isBetween(10, 14);
    assertThat(Files.exists(dir.resolve(backups.list().get(0).archiveFile()))).isTrue();
    assertThat(backups.statistics().count()).isEqualTo(kept.size());
    try {
      assertThat(Files.list(dir).count()).isEqualTo(2L * kept.size());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void builderRefusesIncompleteSettings() {
    assertThatThrownBy(() -> BackupService.builder().build()).hasMessageContaining("directory");
    assertThatThrownBy(() -> BackupService.builder().directory(Path.of("x")).build())
        .hasMessageContaining("nothing to back up");
    assertThatThrownBy(() -> BackupService.builder().compression(10))
        .hasMessageContaining("compression");
    assertThatThrownBy(() -> new RetentionPolicy(0, 0, 0)).hasMessageContaining("keeps nothing");
  }

  static Map<String, String> checksums(DataSource ds) throws SQLException {
    Map<String, String> sums = new TreeMap<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (String t : List.of("users", "subscriptions", "payments")) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM "
                    + t
                    + " x")) {
          rs.next();
          String v = rs.getString(1);
          sums.put(t, v.startsWith("0:") ? "0" : v);
        }
      }
    }
    return sums;
  }

  static List<String> schemaShape(DataSource ds) throws SQLException {
    List<String> shape = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' UNION ALL "
                    + "SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
                    + "WHERE connamespace = 'public'::regnamespace ORDER BY 1")) {
      while (rs.next()) {
        shape.add(rs.getString(1));
      }
    }
    return shape;
  }

  static Map<String, Long> ttls(RedisKeyPrefix prefix) {
    Map<String, Long> out = new TreeMap<>();
    for (String k : conn.sync().keys(prefix + "*")) {
      out.put(k, conn.sync().pttl(k));
    }
    return out;
  }

  static void exec(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static String zipText(Path zip, String entry) throws IOException {
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
      return new String(
          z.getInputStream(z.getEntry(entry)).readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
