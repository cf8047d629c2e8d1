package io.github.remnawaveshop.core.ops.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes, lists, verifies, rotates and restores backups of the shop's own data.
 *
 * <p>A backup is one ZIP archive {@code <id>.zip} plus {@code <id>.manifest.json} holding SHA-256 checksums
 * (of the archive and of each entry) and row/key counts:
 * <ul>
 *   <li>{@code postgres/<table>.copy}: every base table of the configured schema, in COPY text format, all
 *       read in ONE {@code REPEATABLE READ READ ONLY} transaction, so the tables are mutually consistent;
 *       no {@code pg_dump} binary is needed;</li>
 *   <li>{@code redis/keys.bin}: keys under the configured prefixes with their remaining TTLs
 *       (SCAN + DUMP/PTTL), which works on a managed Redis whose disk is out of reach;</li>
 *   <li>{@code config/settings.properties}: the effective settings with every secret redacted.</li>
 * </ul>
 * After each backup the {@link RetentionPolicy} (7 daily, 4 weekly, 3 monthly by default) deletes old ones.
 * Restore first verifies every checksum and refuses a damaged backup, then loads into an empty, migrated
 * database in one transaction and RESTOREs keys into a Redis that has none under the prefixes.
 *
 * <p>Thread-safe for reads; run one {@link #backup()} at a time per directory.
 */
public final class BackupService {
  private static final Logger log = LoggerFactory.getLogger(BackupService.class);
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
  private static final String MANIFEST_SUFFIX = ".manifest.json";

  private final Path directory;
  private final DataSource postgres;
  private final String schema;
  private final Set<String> excludedTables;
  private final RedisClient redis;
  private final List<String> redisPrefixes;
  private final Supplier<Map<String, String>> config;
  private final int compressionLevel;
  private final RetentionPolicy retention;
  private final Clock clock;
  private final String namePrefix;
  private final ObjectMapper json;

  private BackupService(Builder b) {
    this.directory = b.directory;
    this.postgres = b.postgres;
    this.schema = b.schema;
    this.excludedTables = Set.copyOf(b.excludedTables);
    this.redis = b.redis;
    this.redisPrefixes = List.copyOf(b.redisPrefixes);
    this.config = b.config;
    this.compressionLevel = b.compressionLevel;
    this.retention = b.retention;
    this.clock = b.clock;
    this.namePrefix = b.namePrefix;
    this.json = new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Takes a backup now, then applies the retention policy.
   *
   * @return the new backup's manifest
   * @throws BackupException when any part fails; a half-written backup is deleted, never listed
   */
  public BackupManifest backup() {
    Instant now = clock.instant();
    String id = uniqueId(now);
    Path archive = directory.resolve(id + ".zip");
    Path tmp = directory.resolve(id + ".zip.tmp");
    List<BackupManifest.Entry> entries = new ArrayList<>();
    long t0 = System.nanoTime();
    try {
      Files.createDirectories(directory);
      MessageDigest whole = sha256();
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
          DigestOutputStream digested = new DigestOutputStream(file, whole);
          ZipOutputStream zip = new ZipOutputStream(digested)) {
        zip.setLevel(compressionLevel);
        if (postgres != null) {
          dumpPostgres(zip, entries);
        }
        if (redis != null) {
          dumpRedis(zip, entries);
        }
        if (config != null) {
          dumpConfig(zip, entries);
        }
      }
      BackupManifest manifest = new BackupManifest(id, now, archive.getFileName().toString(),
          HexFormat.of().formatHex(whole.digest()), Files.size(tmp), postgres == null ? "" : schema, redisPrefixes, entries);
      move(tmp, archive);
      writeManifest(manifest);
      log.info("Backup {} written: {} rows, {} keys, {} bytes in {} ms", id, manifest.totalRows(), manifest.totalKeys(),
          manifest.archiveBytes(), Duration.ofNanos(System.nanoTime() - t0).toMillis());
      rotate();
      return manifest;
    } catch (IOException | SQLException | RuntimeException e) {
      deleteQuietly(tmp);
      deleteQuietly(archive);
      deleteQuietly(directory.resolve(id + MANIFEST_SUFFIX));
      if (e instanceof BackupException be) {
        throw be;
      }
      throw new BackupException("backup " + id + " failed: " + e.getMessage(), e);
    }
  }

  private void dumpPostgres(ZipOutputStream zip, List<BackupManifest.Entry> entries) throws SQLException, IOException {
    try (Connection c = postgres.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try {
        for (String table : PostgresSnapshot.tablesInDependencyOrder(c, schema, excludedTables)) {
          String name = "postgres/" + table + ".copy";
          zip.putNextEntry(new ZipEntry(name));
          Counting out = new Counting(zip);
          long rows = PostgresSnapshot.copyOut(c, schema, table, out);
          zip.closeEntry();
          entries.add(new BackupManifest.Entry(name, "table", out.hex(), rows, out.bytes));
        }
      } finally {
        c.rollback();
      }
    }
  }

  private void dumpRedis(ZipOutputStream zip, List<BackupManifest.Entry> entries) throws IOException {
    try (StatefulRedisConnection<byte[], byte[]> conn = redis.connect(ByteArrayCodec.INSTANCE)) {
      zip.putNextEntry(new ZipEntry("redis/keys.bin"));
      Counting out = new Counting(zip);
      DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
      long keys = RedisSnapshot.dump(conn, redisPrefixes, data);
      data.flush();
      zip.closeEntry();
      entries.add(new BackupManifest.Entry("redis/keys.bin", "redis", out.hex(), keys, out.bytes));
    }
  }

  private void dumpConfig(ZipOutputStream zip, List<BackupManifest.Entry> entries) throws IOException {
    Map<String, String> redacted = ConfigRedactor.redact(config.get());
    StringBuilder sb = new StringBuilder("# effective settings, secrets redacted\n");
    redacted.forEach((k, v) -> sb.append(k).append('=').append(v.replace("\n", "\\n")).append('\n'));
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    zip.putNextEntry(new ZipEntry("config/settings.properties"));
    zip.write(bytes);
    zip.closeEntry();
    entries.add(new BackupManifest.Entry("config/settings.properties", "config",
        HexFormat.of().formatHex(sha256().digest(bytes)), redacted.size(), bytes.length));
  }

  /** Every backup in the directory, newest first. Unreadable manifests are skipped with a warning. */
  public List<BackupManifest> list() {
    List<BackupManifest> found = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return found;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + MANIFEST_SUFFIX)) {
      for (Path p : files) {
        try {
          found.add(json.readValue(p.toFile(), BackupManifest.class));
        } catch (IOException e) {
          log.warn("Skipping unreadable backup manifest {}: {}", p.getFileName(), e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new BackupException("cannot list backups in " + directory + ": " + e.getMessage(), e);
    }
    found.sort(Comparator.comparing(BackupManifest::createdAt).reversed());
    return found;
  }

  /** Count, size and age range of the backups. */
  public BackupStatistics statistics() {
    List<BackupManifest> all = list();
    long bytes = all.stream().mapToLong(BackupManifest::archiveBytes).sum();
    return new BackupStatistics(all.size(), bytes,
        all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1).createdAt()),
        all.isEmpty() ? Optional.empty() : Optional.of(all.get(0).createdAt()));
  }

  /** Recomputes every checksum of a backup and compares it with its manifest. */
  public VerifyResult verify(String id) {
    BackupManifest manifest = manifest(id);
    List<String> problems = new ArrayList<>();
    Path archive = directory.resolve(manifest.archiveFile());
    if (!Files.isRegularFile(archive)) {
      return new VerifyResult(id, List.of("archive " + manifest.archiveFile() + " is missing"));
    }
    try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(archive)), sha256())) {
      MessageDigest md = ((DigestInputStream) in).getMessageDigest();
      in.transferTo(OutputStream.nullOutputStream());
      String actual = HexFormat.of().formatHex(md.digest());
      if (!actual.equals(manifest.archiveSha256())) {
        problems.add("archive checksum is " + actual + ", manifest says " + manifest.archiveSha256());
      }
    } catch (IOException e) {
      problems.add("archive cannot be read: " + e.getMessage());
    }
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      for (BackupManifest.Entry entry : manifest.entries()) {
        ZipEntry ze = zip.getEntry(entry.name());
        if (ze == null) {
          problems.add("entry " + entry.name() + " is missing");
          continue;
        }
        MessageDigest md = sha256();
        try (InputStream in = new DigestInputStream(zip.getInputStream(ze), md)) {
          long n = in.transferTo(OutputStream.nullOutputStream());
          String actual = HexFormat.of().formatHex(md.digest());
          if (!actual.equals(entry.sha256()) || n != entry.bytes()) {
            problems.add("entry " + entry.name() + " checksum or size differs from the manifest");
          }
        }
      }
    } catch (IOException e) {
      problems.add("archive is not a readable ZIP: " + e.getMessage());
    }
    return new VerifyResult(id, problems);
  }

  /**
   * Restores a backup after verifying it, all or nothing.
   *
   * <p>Order: (1) lock the target tables ({@code ACCESS EXCLUSIVE}, waiting for transactions writing to
   * them) and check they exist, are empty and have the backup's migrations; check Redis has no key under the
   * prefixes — a refusal here has touched nothing; (2) load the tables in one transaction, not yet committed;
   * (3) restore the Redis keys; (4) commit. A failure in (2) rolls the tables back (sequences included); a
   * failure in (3) deletes the keys this restore wrote and rolls the tables back; so a rerun is accepted.
   *
   * @return what was restored, and what of the backup the target had no place for
   * @throws BackupException when the backup is damaged or the target is not empty or not migrated to the
   *     backup's schema version (nothing was touched)
   * @throws RestoreFailedException when loading failed; it says what was left in the target (normally nothing)
   */
  public RestoreResult restore(String id, RestoreTarget target) {
    VerifyResult verified = verify(id);
    if (!verified.ok()) {
      throw new BackupException("backup " + id + " failed verification; refusing to restore: "
          + String.join("; ", verified.problems()));
    }
    BackupManifest manifest = manifest(id);
    long t0 = System.nanoTime();
    Map<String, Long> rows = new LinkedHashMap<>();
    List<String> notRestored = new ArrayList<>();
    long tables = manifest.entries().stream().filter(e -> e.kind().equals("table")).count();
    long backedUpKeys = manifest.totalKeys();
    if (target.postgres().isEmpty() && tables > 0) {
      notRestored.add("postgres: " + tables + " table(s), " + manifest.totalRows() + " row(s); no PostgreSQL target given");
    }
    if (target.redis().isEmpty() && backedUpKeys > 0) {
      notRestored.add("redis: " + backedUpKeys + " key(s); no Redis target given");
    }
    String schema = target.schema().orElse(manifest.postgresSchema());
    long keys = 0;
    try (ZipFile zip = new ZipFile(directory.resolve(manifest.archiveFile()).toFile());
        Connection c = target.postgres().isPresent() ? connect(target.postgres().get()) : null;
        StatefulRedisConnection<byte[], byte[]> redis = target.redis().isPresent()
            ? target.redis().get().connect(ByteArrayCodec.INSTANCE) : null) {
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
            throw new BackupException("target Redis already has " + existing + " key(s) under " + manifest.redisPrefixes()
                + "; restore needs them absent");
          }
        }
      } catch (SQLException | IOException | RuntimeException e) {
        rollbackQuietly(c);
        if (e instanceof BackupException be) {
          throw be;
        }
        throw new BackupException("restore of " + id + " refused: checking the target failed: " + e.getMessage(), e);
      }
      // 2. the tables, uncommitted
      if (c != null) {
        try {
          loadPostgres(zip, c, schema, toLoad, rows);
        } catch (SQLException | IOException | RuntimeException e) {
          rollbackQuietly(c);
          throw new RestoreFailedException("restore of " + id + " failed loading PostgreSQL (" + e.getMessage()
              + "); the tables were rolled back and Redis was not touched: the target is as it was", e,
              RestoreFailedException.PostgresState.ROLLED_BACK, 0, 0, List.of());
        }
      }
      // 3. the keys; on failure delete the ones written and roll the tables back
      if (redis != null && keysEntry != null) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(zip.getInputStream(keysEntry), 1 << 16))) {
          keys = RedisSnapshot.restore(redis, in);
        } catch (RedisSnapshot.RestoreFailure f) {
          rollbackQuietly(c);
          throw undo(id, zip, keysEntry, redis, c == null ? RestoreFailedException.PostgresState.UNTOUCHED
              : RestoreFailedException.PostgresState.ROLLED_BACK, f, f.getMessage(), f.getCause() == null ? f : f.getCause());
        }
      }
      // 4. commit
      if (c != null) {
        try {
          c.commit();
        } catch (SQLException e) {
          RedisSnapshot.RestoreFailure all = new RedisSnapshot.RestoreFailure("commit failed", e, keys, List.of(), List.of());
          throw undo(id, zip, keysEntry, redis, RestoreFailedException.PostgresState.COMMIT_UNKNOWN, all,
              "COMMIT failed: " + e.getMessage(), e);
        }
      }
    } catch (IOException | SQLException e) {
      throw new BackupException("restore of " + id + " failed: " + e.getMessage(), e);
    }
    RestoreResult result = new RestoreResult(id, rows, keys, notRestored, Duration.ofNanos(System.nanoTime() - t0));
    log.info("Restored backup {}: {} rows, {} keys in {} ms{}", id, rows.values().stream().mapToLong(Long::longValue).sum(),
        keys, result.took().toMillis(), notRestored.isEmpty() ? "" : "; not restored: " + notRestored);
    return result;
  }

  /** Deletes the keys a failed restore wrote and describes exactly what is left in the target. */
  private static RestoreFailedException undo(String id, ZipFile zip, ZipEntry keysEntry,
      StatefulRedisConnection<byte[], byte[]> redis, RestoreFailedException.PostgresState pg,
      RedisSnapshot.RestoreFailure failure, String what, Throwable cause) {
    long written = failure.restored();
    RedisSnapshot.Removal removal = new RedisSnapshot.Removal(0, List.of());
    if (redis != null && keysEntry != null && written > 0) {
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(zip.getInputStream(keysEntry), 1 << 16))) {
        removal = RedisSnapshot.remove(redis, in, failure);
      } catch (IOException | RuntimeException e) {
        removal = new RedisSnapshot.Removal(0, List.of("(" + written + " key(s) not removed: " + e.getMessage() + ")"));
      }
    }
    StringBuilder msg = new StringBuilder("restore of ").append(id).append(" failed: ").append(what).append("; ");
    msg.append(switch (pg) {
      case UNTOUCHED -> "PostgreSQL: nothing restored";
      case ROLLED_BACK -> "PostgreSQL: rolled back, nothing restored";
      case COMMIT_UNKNOWN -> "PostgreSQL: the COMMIT's outcome is unknown, check whether the tables are empty";
    });
    msg.append("; Redis: ").append(written).append(" key(s) written, ").append(removal.removed()).append(" removed again");
    if (!removal.left().isEmpty()) {
      List<String> shown = removal.left().subList(0, Math.min(20, removal.left().size()));
      msg.append(", ").append(removal.left().size()).append(" could not be removed: ").append(shown)
          .append(removal.left().size() > shown.size() ? " …" : "").append(" (delete them before a rerun)");
    } else {
      msg.append(pg == RestoreFailedException.PostgresState.COMMIT_UNKNOWN ? "" : ": the target is as it was");
    }
    log.error("{}", msg);
    return new RestoreFailedException(msg.toString(), cause, pg, written, removal.removed(), removal.left());
  }

  private static String tableName(BackupManifest.Entry tableEntry) {
    return tableEntry.name().substring("postgres/".length(), tableEntry.name().length() - ".copy".length());
  }

  private static Connection connect(DataSource ds) throws SQLException {
    Connection c = ds.getConnection();
    c.setAutoCommit(false);
    return c;
  }

  private static void rollbackQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.rollback();
    } catch (SQLException e) {
      log.warn("Rollback of the restore failed ({}); closing the connection rolls it back", e.getMessage());
    }
  }

  /**
   * Locks the tables the backup holds, then checks each exists, is empty and that the migrations match;
   * returns the tables to load, in the backup's (foreign-key) order.
   */
  private static Map<String, BackupManifest.Entry> checkPostgres(BackupManifest manifest, ZipFile zip, Connection c,
      String targetSchema) throws SQLException, IOException {
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
        throw new BackupException("target has no table " + targetSchema + "." + table
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
        checkSameMigrations(c, zip.getInputStream(zip.getEntry(e.name())), targetSchema, tableName(e));
      }
    }
    for (String table : toLoad.keySet()) {
      if (PostgresSnapshot.hasRows(c, targetSchema, table)) {
        throw new BackupException("target table " + targetSchema + "." + table + " is not empty; restore needs an empty database");
      }
    }
    return toLoad;
  }

  /** Loads into bare tables, then builds each index and checks each foreign key once (like pg_restore). */
  private static void loadPostgres(ZipFile zip, Connection c, String targetSchema, Map<String, BackupManifest.Entry> toLoad,
      Map<String, Long> rows) throws SQLException, IOException {
    List<String> recreate = PostgresSnapshot.dropDeferrableStructures(c, targetSchema, toLoad.keySet());
    for (Map.Entry<String, BackupManifest.Entry> t : toLoad.entrySet()) {
      String table = t.getKey();
      BackupManifest.Entry e = t.getValue();
      try (InputStream in = new BufferedInputStream(zip.getInputStream(zip.getEntry(e.name())), 1 << 16)) {
        long n = PostgresSnapshot.copyIn(c, targetSchema, table, in);
        if (n != e.count()) {
          throw new BackupException("table " + table + ": loaded " + n + " rows, manifest says " + e.count());
        }
        rows.put(table, n);
      }
      PostgresSnapshot.resetSequences(c, targetSchema, table);
    }
    try (java.sql.Statement s = c.createStatement()) {
      for (String sql : recreate) {
        s.execute(sql);
      }
    }
  }

  private static void checkSameMigrations(Connection c, InputStream copyText, String schema, String table)
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
      try (PreparedStatement ps = c.prepareStatement("SELECT version FROM " + PostgresSnapshot.quote(schema) + "."
          + PostgresSnapshot.quote(table) + " WHERE version IS NOT NULL AND success")) {
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            present.add(rs.getString(1));
          }
        }
      }
    }
    if (!present.equals(backedUp)) {
      throw new BackupException("target schema migrations " + present + " differ from the backup's " + backedUp
          + "; migrate the target to the backup's version first");
    }
  }

  private static boolean tableExists(Connection c, String schema, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Applies the retention policy: deletes backups it does not keep.
   *
   * @return ids of the deleted backups
   */
  public List<String> rotate() {
    List<BackupManifest> all = list();
    Set<Instant> keep = retention.keep(all.stream().map(BackupManifest::createdAt).toList());
    List<String> deleted = new ArrayList<>();
    for (BackupManifest m : all) {
      if (!keep.contains(m.createdAt())) {
        deleteQuietly(directory.resolve(m.archiveFile()));
        deleteQuietly(directory.resolve(m.id() + MANIFEST_SUFFIX));
        deleted.add(m.id());
      }
    }
    if (!deleted.isEmpty()) {
      log.info("Retention deleted {} backup(s): {}", deleted.size(), deleted);
    }
    return deleted;
  }

  private BackupManifest manifest(String id) {
    Objects.requireNonNull(id, "id");
    if (!id.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("not a backup id: '" + id + "'");
    }
    Path p = directory.resolve(id + MANIFEST_SUFFIX);
    if (!Files.isRegularFile(p)) {
      throw new BackupException("no backup '" + id + "' in " + directory);
    }
    try {
      return json.readValue(p.toFile(), BackupManifest.class);
    } catch (IOException e) {
      throw new BackupException("manifest of backup '" + id + "' is unreadable: " + e.getMessage(), e);
    }
  }

  private void writeManifest(BackupManifest manifest) throws IOException {
    Path tmp = directory.resolve(manifest.id() + MANIFEST_SUFFIX + ".tmp");
    json.writeValue(tmp.toFile(), manifest);
    move(tmp, directory.resolve(manifest.id() + MANIFEST_SUFFIX));
  }

  private String uniqueId(Instant now) {
    String base = namePrefix + "-" + ID_TIME.format(now);
    String id = base;
    for (int i = 2; Files.exists(directory.resolve(id + MANIFEST_SUFFIX)); i++) {
      id = base + "-" + i;
    }
    return id;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      log.warn("Could not delete {}: {}", p, e.getMessage());
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK must provide SHA-256", e);
    }
  }

  /** Counts and hashes what passes through, without closing the underlying ZIP stream. */
  private static final class Counting extends FilterOutputStream {
    final MessageDigest md = sha256();
    long bytes;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      md.update((byte) b);
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      md.update(b, off, len);
      bytes += len;
    }

    @Override
    public void close() {
      // the ZIP entry is closed by the caller
    }

    String hex() {
      return HexFormat.of().formatHex(md.digest());
    }
  }

  /** Builder of {@link BackupService}; not thread-safe. */
  public static final class Builder {
    private Path directory;
    private DataSource postgres;
    private String schema = "public";
    private final List<String> excludedTables = new ArrayList<>();
    private RedisClient redis;
    private final List<String> redisPrefixes = new ArrayList<>();
    private Supplier<Map<String, String>> config;
    private int compressionLevel = Deflater.DEFAULT_COMPRESSION;
    private RetentionPolicy retention = RetentionPolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private String namePrefix = "shop";

    private Builder() {}

    /** Where archives and manifests go (created when missing). Required. */
    public Builder directory(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Back up every base table of this schema of this database. */
    public Builder postgres(DataSource dataSource, String schema) {
      this.postgres = Objects.requireNonNull(dataSource, "dataSource");
      this.schema = Objects.requireNonNull(schema, "schema");
      return this;
    }

    /** Tables of the schema to leave out (e.g. large, derivable ones). */
    public Builder excludeTables(String... tables) {
      excludedTables.addAll(List.of(tables));
      return this;
    }

    /** Back up Redis keys under these prefixes (the SDK's FSM and rate-limit prefixes). */
    public Builder redis(RedisClient client, List<String> prefixes) {
      this.redis = Objects.requireNonNull(client, "client");
      this.redisPrefixes.addAll(Objects.requireNonNull(prefixes, "prefixes"));
      return this;
    }

    /** The effective settings to include (secrets are redacted by name and inside URLs). */
    public Builder config(Supplier<Map<String, String>> settings) {
      this.config = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** ZIP deflate level 0 (store) to 9 (smallest); default 6-ish (the JDK's default). */
    public Builder compression(int level) {
      if (level < 0 || level > 9) {
        throw new IllegalArgumentException("compression level must be 0..9; was " + level);
      }
      this.compressionLevel = level;
      return this;
    }

    /** The retention policy (default 7 daily, 4 weekly, 3 monthly). */
    public Builder retention(RetentionPolicy retention) {
      this.retention = Objects.requireNonNull(retention, "retention");
      return this;
    }

    /** The clock that names and dates backups. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The file name prefix (default {@code shop}). */
    public Builder namePrefix(String prefix) {
      if (prefix == null || !prefix.matches("[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException("namePrefix must be letters, digits, '_' or '-'; was '" + prefix + "'");
      }
      this.namePrefix = prefix;
      return this;
    }

    /** Builds the service. */
    public BackupService build() {
      if (directory == null) {
        throw new IllegalStateException("directory must be set");
      }
      if (postgres == null && redis == null && config == null) {
        throw new IllegalStateException("nothing to back up: set postgres(...), redis(...) and/or config(...)");
      }
      if (redis != null && redisPrefixes.isEmpty()) {
        throw new IllegalStateException("redis(...) needs at least one key prefix; backing up a whole Redis is not the SDK's job");
      }
      return new BackupService(this);
    }
  }
}
