package io.github.remnawaveshop.core.ops.backup;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a verified backup into an empty, migrated target, all or nothing: every check first
 * under the tables' locks, then the tables in one uncommitted transaction, then the Redis keys,
 * then the commit; a failure undoes what was written and says exactly what is left. The order and
 * guarantees are those of {@link BackupService#restore}. Not API; logs as {@link BackupService}.
 */
final class BackupRestorer {
  private static final Logger log = LoggerFactory.getLogger(BackupService.class);

  private BackupRestorer() {}

  /** Restores {@code manifest}'s backup from {@code archive}, which the caller has verified. */
  static RestoreResult restore(
      String id, BackupManifest manifest, Path archive, RestoreTarget target) {
    long t0 = System.nanoTime();
    Map<String, Long> rows = new LinkedHashMap<>();
    List<String> notRestored = new ArrayList<>();
    long tables = manifest.entries().stream().filter(e -> e.kind().equals("table")).count();
    long backedUpKeys = manifest.totalKeys();
    if (target.postgres().isEmpty() && tables > 0) {
      notRestored.add(
          "postgres: "
              + tables
              + " table(s), "
              + manifest.totalRows()
              + " row(s); no PostgreSQL target given");
    }
    if (target.redis().isEmpty() && backedUpKeys > 0) {
      notRestored.add("redis: " + backedUpKeys + " key(s); no Redis target given");
    }
    String schema = target.schema().orElse(manifest.postgresSchema());
    long keys = 0;
    try (ZipFile zip = new ZipFile(archive.toFile());
        Connection c = target.postgres().isPresent() ? connect(target.postgres().get()) : null;
        StatefulRedisConnection<byte[], byte[]> redis =
            target.redis().isPresent()
                ? target.redis().get().connect(ByteArrayCodec.INSTANCE)
                : null) {
      ZipEntry keysEntry = zip.getEntry("redis/keys.bin");
      // 1. every check first, under the tables' locks: a refusal touches nothing
      Map<String, BackupManifest.Entry> toLoad = Map.of();
      try {
        if (c != null) {
          toLoad = checkPostgres(manifest, zip, c, schema);
        }
        if (redis != null && keysEntry != null) {
          long existing = RedisSnapshot.countKeys(redis.sync(), manifest.redisPrefixes());
          if (existing > 0) {
            throw new BackupException(
                "target Redis already has "
                    + existing
                    + " key(s) under "
                    + manifest.redisPrefixes()
                    + "; restore needs them absent");
          }
        }
      } catch (SQLException | IOException | RuntimeException e) {
        rollbackQuietly(c);
        if (e instanceof BackupException be) {
          throw be;
        }
        throw new BackupException(
            "restore of " + id + " refused: checking the target failed: " + e.getMessage(), e);
      }
      // 2. the tables, uncommitted
      if (c != null) {
        try {
          loadPostgres(zip, c, schema, toLoad, rows);
        } catch (SQLException | IOException | RuntimeException e) {
          rollbackQuietly(c);
          throw new RestoreFailedException(
              "restore of "
                  + id
                  + " failed loading PostgreSQL ("
                  + e.getMessage()
                  + "); the tables were rolled back and Redis was not touched: the target is as it was",
              e,
              RestoreFailedException.PostgresState.ROLLED_BACK,
              0,
              0,
              List.of());
        }
      }
      // 3. the keys; on failure delete the ones written and roll the tables back
      if (redis != null && keysEntry != null) {
        try (DataInputStream in =
            new DataInputStream(new BufferedInputStream(zip.getInputStream(keysEntry), 1 << 16))) {
          keys = RedisSnapshot.restore(redis, in);
        } catch (RedisSnapshot.RestoreFailure f) {
          rollbackQuietly(c);
          throw undo(
              id,
              zip,
              keysEntry,
              redis,
              c == null
                  ? RestoreFailedException.PostgresState.UNTOUCHED
                  : RestoreFailedException.PostgresState.ROLLED_BACK,
              f,
              Objects.toString(f.getMessage(), "RESTORE failed"),
              f.getCause() == null ? f : f.getCause());
        }
      }
      // 4. commit
      if (c != null) {
        try {
          c.commit();
        } catch (SQLException e) {
          RedisSnapshot.RestoreFailure all =
              new RedisSnapshot.RestoreFailure("commit failed", e, keys, List.of(), List.of());
          throw undo(
              id,
              zip,
              keysEntry,
              redis,
              RestoreFailedException.PostgresState.COMMIT_UNKNOWN,
              all,
              "COMMIT failed: " + e.getMessage(),
              e);
        }
      }
    } catch (IOException | SQLException e) {
      throw new BackupException("restore of " + id + " failed: " + e.getMessage(), e);
    }
    RestoreResult result =
        new RestoreResult(id, rows, keys, notRestored, Duration.ofNanos(System.nanoTime() - t0));
    log.info(
        "Restored backup {}: {} rows, {} keys in {} ms{}",
        id,
        rows.values().stream().mapToLong(Long::longValue).sum(),
        keys,
        result.took().toMillis(),
        notRestored.isEmpty() ? "" : "; not restored: " + notRestored);
    return result;
  }

  private static RestoreFailedException undo(
      String id,
      ZipFile zip,
      @Nullable ZipEntry keysEntry,
      @Nullable StatefulRedisConnection<byte[], byte[]> redis,
      RestoreFailedException.PostgresState pg,
      RedisSnapshot.RestoreFailure failure,
      String what,
      Throwable cause) {
    long written = failure.restored();
    RedisSnapshot.Removal removal = new RedisSnapshot.Removal(0, List.of());
    if (redis != null && keysEntry != null && written > 0) {
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(zip.getInputStream(keysEntry), 1 << 16))) {
        removal = RedisSnapshot.remove(redis, in, failure);
      } catch (IOException | RuntimeException e) {
        removal =
            new RedisSnapshot.Removal(
                0, List.of("(" + written + " key(s) not removed: " + e.getMessage() + ")"));
      }
    }
    StringBuilder msg =
        new StringBuilder("restore of ").append(id).append(" failed: ").append(what).append("; ");
    msg.append(
        switch (pg) {
          case UNTOUCHED -> "PostgreSQL: nothing restored";
          case ROLLED_BACK -> "PostgreSQL: rolled back, nothing restored";
          case COMMIT_UNKNOWN ->
              "PostgreSQL: the COMMIT's outcome is unknown, check whether the tables are empty";
        });
    msg.append("; Redis: ")
        .append(written)
        .append(" key(s) written, ")
        .append(removal.removed())
        .append(" removed again");
    if (!removal.left().isEmpty()) {
      List<String> shown = removal.left().subList(0, Math.min(20, removal.left().size()));
      msg.append(", ")
          .append(removal.left().size())
          .append(" could not be removed: ")
          .append(shown)
          .append(removal.left().size() > shown.size() ? " …" : "")
          .append(" (delete them before a rerun)");
    } else {
      msg.append(
          pg == RestoreFailedException.PostgresState.COMMIT_UNKNOWN
              ? ""
              : ": the target is as it was");
    }
    log.error("{}", msg);
    return new RestoreFailedException(
        msg.toString(), cause, pg, written, removal.removed(), removal.left());
  }

  /**
   * The names of the table entries a restore into PostgreSQL streams into COPY (all but the
   * migration history, which is compared rather than loaded).
   */
  static Set<String> tableEntriesLoaded(List<BackupManifest.Entry> entries) {
    Set<String> names = new TreeSet<>();
    for (BackupManifest.Entry e : entries) {
      if (e.kind().equals("table") && !tableName(e).endsWith("schema_history")) {
        names.add(e.name());
      }
    }
    return names;
  }

  private static String tableName(BackupManifest.Entry tableEntry) {
    return tableEntry
        .name()
        .substring("postgres/".length(), tableEntry.name().length() - ".copy".length());
  }

  private static Connection connect(DataSource ds) throws SQLException {
    Connection c = ds.getConnection();
    c.setAutoCommit(false);
    return c;
  }

  private static void rollbackQuietly(@Nullable Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.rollback();
    } catch (SQLException e) {
      log.warn(
          "Rollback of the restore failed ({}); closing the connection rolls it back",
          e.getMessage());
    }
  }

  /**
   * Locks the tables the backup holds, then checks each exists, is empty and that the migrations
   * match; returns the tables to load, in the backup's (foreign-key) order.
   */
  private static Map<String, BackupManifest.Entry> checkPostgres(
      BackupManifest manifest, ZipFile zip, Connection c, String targetSchema)
      throws SQLException, IOException {
    Map<String, BackupManifest.Entry> toLoad = new LinkedHashMap<>();
    List<String> history = new ArrayList<>();
    for (BackupManifest.Entry e : manifest.entries()) {
      if (!e.kind().equals("table")) {
        continue;
      }
      String table = tableName(e);
      if (table.endsWith("schema_history")) {
        history.add(table);
        continue;
      }
      if (!tableExists(c, targetSchema, table)) {
        throw new BackupException(
            "target has no table "
                + targetSchema
                + "."
                + table
                + "; migrate the target database to the backup's schema version first");
      }
      toLoad.put(table, e);
    }
    List<String> lock = new ArrayList<>(toLoad.keySet());
    for (String h : history) {
      if (tableExists(c, targetSchema, h)) {
        lock.add(h);
      }
    }
    PostgresSnapshot.lockExclusively(c, targetSchema, lock);
    for (BackupManifest.Entry e : manifest.entries()) {
      if (e.kind().equals("table") && history.contains(tableName(e))) {
        checkSameMigrations(
            c, zip.getInputStream(zip.getEntry(e.name())), targetSchema, tableName(e));
      }
    }
    for (String table : toLoad.keySet()) {
      if (PostgresSnapshot.hasRows(c, targetSchema, table)) {
        throw new BackupException(
            "target table "
                + targetSchema
                + "."
                + table
                + " is not empty; restore needs an empty database");
      }
    }
    return toLoad;
  }

  /**
   * Memory for each index build after the load (a sort that fits builds in one pass); {@code SET
   * LOCAL}, so it ends with the restore's transaction. Only raised, never lowered.
   */
  static final String INDEX_BUILD_MEMORY = "256MB";

  /**
   * Loads into bare tables, checking each entry's SHA-256 and size as it streams, then builds each
   * index and checks each foreign key once (like pg_restore).
   */
  private static void loadPostgres(
      ZipFile zip,
      Connection c,
      String targetSchema,
      Map<String, BackupManifest.Entry> toLoad,
      Map<String, Long> rows)
      throws SQLException, IOException {
    long t0 = System.nanoTime();
    List<String> recreate =
        PostgresSnapshot.dropDeferrableStructures(c, targetSchema, toLoad.keySet());
    for (Map.Entry<String, BackupManifest.Entry> t : toLoad.entrySet()) {
      String table = t.getKey();
      BackupManifest.Entry e = t.getValue();
      try (HashingInputStream hashed =
              new HashingInputStream(zip.getInputStream(zip.getEntry(e.name())));
          InputStream in = new BufferedInputStream(hashed, 1 << 16)) {
        long n = PostgresSnapshot.copyIn(c, targetSchema, table, in);
        long bytes = hashed.drain();
        if (!hashed.hex().equals(e.sha256()) || bytes != e.bytes()) {
          throw new BackupException(
              "entry " + e.name() + " checksum or size differs from the manifest");
        }
        if (n != e.count()) {
          throw new BackupException(
              "table " + table + ": loaded " + n + " rows, manifest says " + e.count());
        }
        rows.put(table, n);
      }
    }
    long t1 = System.nanoTime();
    PostgresSnapshot.raiseMaintenanceWorkMem(c, INDEX_BUILD_MEMORY);
    try (java.sql.Statement s = c.createStatement()) {
      for (String sql : recreate) {
        s.execute(sql);
      }
    }
    // after the rebuild: each sequence's max(column) is then read off the primary key's index
    // instead of a scan of the freshly loaded table
    for (String table : toLoad.keySet()) {
      PostgresSnapshot.resetSequences(c, targetSchema, table);
    }
    log.debug(
        "Restore: COPY of {} table(s) {} ms, {} index/key rebuild(s) {} ms",
        toLoad.size(),
        Duration.ofNanos(t1 - t0).toMillis(),
        recreate.size(),
        Duration.ofNanos(System.nanoTime() - t1).toMillis());
  }

  private static void checkSameMigrations(
      Connection c, InputStream copyText, String schema, String table)
      throws IOException, SQLException {
    Set<String> backedUp = new TreeSet<>();
    for (String line : new String(copyText.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
      String[] cols = line.split("\t", -1);
      if (cols.length > 1 && !cols[1].equals("\\N")) {
        backedUp.add(cols[1]);
      }
    }
    Set<String> present = new TreeSet<>();
    if (tableExists(c, schema, table)) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT version FROM "
                  + PostgresSnapshot.quote(schema)
                  + "."
                  + PostgresSnapshot.quote(table)
                  + " WHERE version IS NOT NULL AND success")) {
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            present.add(rs.getString(1));
          }
        }
      }
    }
    if (!present.equals(backedUp)) {
      throw new BackupException(
          "target schema migrations "
              + present
              + " differ from the backup's "
              + backedUp
              + "; migrate the target to the backup's version first");
    }
  }

  private static boolean tableExists(Connection c, String schema, String table)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
