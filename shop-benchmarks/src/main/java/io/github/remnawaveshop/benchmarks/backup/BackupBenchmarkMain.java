package io.github.remnawaveshop.benchmarks.backup;

import io.github.remnawaveshop.benchmarks.store.StoreSeed;
import io.github.remnawaveshop.core.ops.backup.BackupManifest;
import io.github.remnawaveshop.core.ops.backup.BackupService;
import io.github.remnawaveshop.core.ops.backup.RestoreResult;
import io.github.remnawaveshop.core.ops.backup.RestoreTarget;
import io.github.remnawaveshop.core.ops.backup.VerifyResult;
import io.github.remnawaveshop.core.store.ShopStore;
import io.github.remnawaveshop.testkit.RedisServer;
import io.github.remnawaveshop.testkit.TestDatabase;
import io.github.remnawaveshop.testkit.TestServers;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * One-shot measurement of {@link BackupService} on a store of 1,000,000 users, 2,000,000
 * subscriptions and 5,000,000 payments (plus 10,000 FSM-like Redis keys), beside {@code pg_dump
 * -Fc} / {@code pg_restore} of the same database in the same run.
 *
 * <p>A plain {@code main} rather than JMH: each operation takes tens of seconds to minutes on a
 * store that takes minutes to seed, so one timed shot per compression level is what fits; JMH's
 * SingleShotTime would add forks and warm-ups that the budget cannot pay for and that a backup
 * (cold, once a day) does not have in practice.
 *
 * <pre>
 * SHOP_TEST_POSTGRES_URL='jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres' \
 * SHOP_TEST_REDIS_URL='redis://127.0.0.1:6379' \
 * java -cp shop-benchmarks/target/benchmarks.jar io.github.remnawaveshop.benchmarks.backup.BackupBenchmarkMain
 * </pre>
 *
 * <p>System properties: {@code shop.bench.store.users} (default 1,000,000), {@code
 * shop.bench.backup.levels} (deflate levels, default {@code 1,6}), {@code shop.bench.backup.keys}
 * (Redis keys, default 10,000). Every database, directory and Redis key it creates is removed at
 * the end.
 */
public final class BackupBenchmarkMain {
  private static final String SCHEMA = "public";

  private final List<String[]> table = new ArrayList<>();

  private BackupBenchmarkMain() {}

  /**
   * Seeds, measures, cleans up, prints a table.
   *
   * @param args ignored
   * @throws Exception when seeding or a measured step fails
   */
  public static void main(String[] args) throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.log.org.flywaydb") == null) {
      System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
    }
    new BackupBenchmarkMain().run();
  }

  private void run() throws Exception {
    int users = StoreSeed.users();
    int keys = Integer.getInteger("shop.bench.backup.keys", 10_000);
    int[] levels =
        Arrays.stream(System.getProperty("shop.bench.backup.levels", "1,6").split(","))
            .map(String::trim)
            .mapToInt(Integer::parseInt)
            .toArray();
    note("load average at start: " + loadAverage());
    RedisServer redisServer = TestServers.redis();
    String prefix = redisServer.newKeyPrefix() + "fsm:";
    RedisClient redis = RedisClient.create(redisServer.uri());
    try (TestDatabase source = TestServers.postgres().createDatabase();
        StatefulRedisConnection<String, String> conn = redis.connect()) {
      note(
          "seeding "
              + users
              + " users, "
              + 2L * users
              + " subscriptions, "
              + 5L * users
              + " payments into "
              + source.name());
      Duration seed = StoreSeed.seed(source.dataSource(), users);
      note(
          String.format(
              "seed total: %.1f s; database size %s",
              seed.toMillis() / 1000.0, databaseSize(source.dataSource())));
      writeKeys(conn.async(), prefix, keys);
      Map<String, Long> expected = rowCounts(source.dataSource());
      note("source rows: " + expected);
      try {
        for (int level : levels) {
          ours(source, redis, conn.sync(), prefix, keys, level, expected);
          peer(source, level, expected);
          printTable();
        }
      } finally {
        long removed = deleteKeys(conn.sync(), prefix);
        note("removed " + removed + " Redis keys under " + prefix);
      }
    } finally {
      redis.shutdown();
    }
    note("load average at end: " + loadAverage());
    printTable();
  }

  private void ours(
      TestDatabase source,
      RedisClient redis,
      RedisCommands<String, String> sync,
      String prefix,
      int keys,
      int level,
      Map<String, Long> expected)
      throws Exception {
    Path dir = Files.createTempDirectory("shop-backup-bench");
    try (TestDatabase target = TestServers.postgres().createDatabase()) {
      BackupService service =
          BackupService.builder()
              .directory(dir)
              .postgres(source.dataSource(), SCHEMA)
              .redis(redis, List.of(prefix))
              .compression(level)
              .build();
      CpuSample cpu = CpuSample.now();
      long t = System.nanoTime();
      BackupManifest manifest = service.backup();
      Duration backup = since(t);
      note("BackupService level " + level + ": backup " + CpuSample.now().since(cpu, backup));
      note(
          "BackupService level "
              + level
              + ": backup "
              + secs(backup)
              + " s, "
              + mb(manifest.archiveBytes())
              + " MB, "
              + manifest.totalRows()
              + " rows, "
              + manifest.totalKeys()
              + " keys (load "
              + loadAverage()
              + ")");
      t = System.nanoTime();
      VerifyResult verified = service.verify(manifest.id());
      Duration verify = since(t);
      check(verified.ok(), "verify found problems: " + verified.problems());
      note("BackupService level " + level + ": verify " + secs(verify) + " s");
      t = System.nanoTime();
      ShopStore.builder().dataSource(target.dataSource()).build().migrate();
      Duration migrate = since(t);
      long deleted = deleteKeys(sync, prefix); // the target Redis must have none under the prefix
      check(
          deleted == keys, "expected " + keys + " keys to delete before restore, found " + deleted);
      cpu = CpuSample.now();
      t = System.nanoTime();
      RestoreResult restored =
          service.restore(manifest.id(), RestoreTarget.of(target.dataSource(), redis));
      Duration restore = since(t);
      note("BackupService level " + level + ": restore " + CpuSample.now().since(cpu, restore));
      note(
          "BackupService level "
              + level
              + ": migrate "
              + secs(migrate)
              + " s, restore (incl. its verify) "
              + secs(restore)
              + " s, "
              + restored.keys()
              + " keys (load "
              + loadAverage()
              + ")");
      Map<String, Long> actual = rowCounts(target.dataSource());
      check(
          actual.equals(expected),
          "row counts differ after restore: " + actual + " vs " + expected);
      check(
          restored.keys() == keys && countKeys(sync, prefix) == keys,
          "Redis keys differ after restore");
      table.add(
          new String[] {
            "BackupService (ZIP level " + level + ")",
            secs(backup),
            mb(manifest.archiveBytes()),
            secs(verify),
            secs(migrate) + " + " + secs(restore),
            secs(migrate.plus(restore)),
            "equal"
          });
    } finally {
      deleteDirectory(dir);
    }
  }

  private void peer(TestDatabase source, int level, Map<String, Long> expected) throws Exception {
    if (!onPath("pg_dump") || !onPath("pg_restore")) {
      note("pg_dump/pg_restore not on PATH: skipping the peer");
      return;
    }
    Path dir = Files.createTempDirectory("shop-pgdump-bench");
    try (TestDatabase target = TestServers.postgres().createDatabase()) {
      Path file = dir.resolve("dump.fc");
      CpuSample cpu = CpuSample.now();
      long t = System.nanoTime();
      // the whole database: it holds only the store's schema (with -n, pg_restore would CREATE
      // SCHEMA public)
      exec(
          "pg_dump",
          "-Fc",
          "-Z",
          Integer.toString(level),
          "-f",
          file.toString(),
          "-d",
          libpq(source.jdbcUrl()));
      Duration dump = since(t);
      note("pg_dump -Fc -Z " + level + ": " + CpuSample.now().since(cpu, dump));
      long size = Files.size(file);
      note(
          "pg_dump -Fc -Z "
              + level
              + ": "
              + secs(dump)
              + " s, "
              + mb(size)
              + " MB (load "
              + loadAverage()
              + ")");
      cpu = CpuSample.now();
      t = System.nanoTime();
      exec(
          "pg_restore",
          "--exit-on-error",
          "--no-owner",
          "-d",
          libpq(target.jdbcUrl()),
          file.toString());
      Duration restore = since(t);
      note("pg_restore: " + CpuSample.now().since(cpu, restore));
      note("pg_restore: " + secs(restore) + " s (load " + loadAverage() + ")");
      Map<String, Long> actual = rowCounts(target.dataSource());
      check(
          actual.equals(expected),
          "row counts differ after pg_restore: " + actual + " vs " + expected);
      table.add(
          new String[] {
            "pg_dump -Fc -Z " + level + " / pg_restore",
            secs(dump),
            mb(size),
            "-",
            secs(restore),
            secs(restore),
            "equal"
          });
    } finally {
      deleteDirectory(dir);
    }
  }

  private void printTable() {
    System.out.printf(
        "%n%-36s %10s %10s %10s %22s %14s %8s%n",
        "tool", "backup s", "size MB", "verify s", "restore s", "recovery s", "rows");
    for (String[] r : table) {
      System.out.printf("%-36s %10s %10s %10s %22s %14s %8s%n", (Object[]) r);
    }
    System.out.println();
  }

  private static void writeKeys(RedisAsyncCommands<String, String> redis, String prefix, int keys) {
    List<RedisFuture<String>> futures = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      String state =
          "{\"state\":\"checkout:choose_plan\",\"data\":{\"plan\":\"plan-"
              + (i % 5)
              + "\",\"promo\":null,\"message_id\":"
              + (100_000 + i)
              + ",\"lang\":\"en\"}}";
      futures.add(redis.set(prefix + (1_000_000 + i), state, SetArgs.Builder.ex(86_400)));
      if (futures.size() == 1000) {
        check(
            LettuceFutures.awaitAll(30, TimeUnit.SECONDS, futures.toArray(new RedisFuture<?>[0])),
            "Redis SET timed out");
        futures.clear();
      }
    }
    check(
        LettuceFutures.awaitAll(30, TimeUnit.SECONDS, futures.toArray(new RedisFuture<?>[0])),
        "Redis SET timed out");
  }

  private static long deleteKeys(RedisCommands<String, String> redis, String prefix) {
    long deleted = 0;
    ScanArgs args = ScanArgs.Builder.matches(prefix + "*").limit(1000);
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = redis.scan(cursor, args);
      if (!page.getKeys().isEmpty()) {
        deleted += redis.unlink(page.getKeys().toArray(new String[0]));
      }
      cursor = page;
    } while (!cursor.isFinished());
    return deleted;
  }

  private static long countKeys(RedisCommands<String, String> redis, String prefix) {
    long count = 0;
    ScanArgs args = ScanArgs.Builder.matches(prefix + "*").limit(1000);
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = redis.scan(cursor, args);
      count += page.getKeys().size();
      cursor = page;
    } while (!cursor.isFinished());
    return count;
  }

  private static Map<String, Long> rowCounts(DataSource ds) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection c = ds.getConnection()) {
      List<String> tables = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT table_name FROM information_schema.tables"
                  + " WHERE table_schema = ? AND table_type = 'BASE TABLE'")) {
        ps.setString(1, SCHEMA);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            tables.add(rs.getString(1));
          }
        }
      }
      try (Statement s = c.createStatement()) {
        for (String t : tables) {
          try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + SCHEMA + ".\"" + t + "\"")) {
            rs.next();
            counts.put(t, rs.getLong(1));
          }
        }
      }
    }
    return counts;
  }

  private static String databaseSize(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT pg_size_pretty(pg_database_size(current_database()))")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** {@code jdbc:postgresql://host:port/db?user=...} as a libpq URI. */
  private static String libpq(String jdbcUrl) {
    return jdbcUrl.substring("jdbc:".length());
  }

  private static boolean onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Arrays.stream(path.split(java.io.File.pathSeparator))
        .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
  }

  /**
   * Runs a peer tool. Its sessions get the {@code maintenance_work_mem} that {@code
   * BackupService.restore} sets for its index builds (256 MB), so both rebuild indexes alike.
   */
  private static void exec(String... command) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("PGOPTIONS", "-c maintenance_work_mem=256MB");
    Process p = builder.start();
    int rc = p.waitFor();
    check(rc == 0, command[0] + " exited with " + rc);
  }

  private static void deleteDirectory(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static String secs(Duration d) {
    return String.format("%.1f", d.toMillis() / 1000.0);
  }

  private static String mb(long bytes) {
    return String.format("%.1f", bytes / 1_000_000.0);
  }

  private static String loadAverage() {
    return String.format(
        "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static void note(String line) {
    System.out.println("[" + java.time.LocalTime.now().withNano(0) + "] " + line);
  }
}
