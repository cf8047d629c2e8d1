package io.github.remnawaveshop.core.ops.backup;

import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes, lists, verifies, rotates and restores backups of the shop's own data.
 *
 * <p>A backup is one ZIP archive {@code <id>.zip} plus {@code <id>.manifest.json} holding SHA-256
 * checksums (of the archive and of each entry) and row/key counts:
 *
 * <ul>
 *   <li>{@code postgres/<table>.copy}: every base table of the configured schema, in COPY text
 *       format, all read in ONE {@code REPEATABLE READ READ ONLY} transaction, so the tables are
 *       mutually consistent; no {@code pg_dump} binary is needed;
 *   <li>{@code redis/keys.bin}: keys under the configured prefixes with their remaining TTLs (SCAN
 *       + DUMP/PTTL), which works on a managed Redis whose disk is out of reach;
 *   <li>{@code config/settings.properties}: the effective settings with every secret redacted.
 * </ul>
 *
 * Every entry is DEFLATED; the deflate runs on {@link Builder#compressionThreads(int)} cores (1 MiB
 * blocks compressed side by side and written in order), and the archive stays a standard ZIP.
 *
 * <p>After each backup the {@link RetentionPolicy} (7 daily, 4 weekly, 3 monthly by default)
 * deletes old ones. Restore checks the whole archive's checksum and its small entries first and
 * refuses a damaged backup, then loads into an empty, migrated database in one transaction,
 * checking each table's checksum as it streams into COPY (a mismatch rolls the load back), and
 * RESTOREs keys into a Redis that has none under the prefixes before the commit.
 *
 * <p>Thread-safe for reads; run one {@link #backup()} at a time per directory.
 */
public final class BackupService {
  private static final Logger log = LoggerFactory.getLogger(BackupService.class);

  private final BackupCatalog catalog;
  private final ArchiveWriter writer;
  private final RetentionPolicy retention;
  private final Clock clock;

  private BackupService(Builder b) {
    this.catalog =
        new BackupCatalog(Objects.requireNonNull(b.directory, "directory"), b.namePrefix);
    this.writer =
        new ArchiveWriter(
            b.postgres,
            b.schema,
            Set.copyOf(b.excludedTables),
            b.redis,
            b.redisPrefixes,
            b.config,
            b.compressionLevel,
            b.compressionThreads);
    this.retention = b.retention;
    this.clock = b.clock;
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
    String id = catalog.uniqueId(now);
    Path archive = catalog.resolve(id + ".zip");
    Path tmp = catalog.resolve(id + ".zip.tmp");
    List<BackupManifest.Entry> entries = new ArrayList<>();
    long t0 = System.nanoTime();
    try {
      Files.createDirectories(catalog.directory());
      String sha256 = writer.write(tmp, entries);
      BackupManifest manifest =
          new BackupManifest(
              id,
              now,
              archive.getFileName().toString(),
              sha256,
              Files.size(tmp),
              writer.manifestSchema(),
              writer.redisPrefixes(),
              entries);
      BackupCatalog.move(tmp, archive);
      catalog.writeManifest(manifest);
      log.info(
          "Backup {} written: {} rows, {} keys, {} bytes in {} ms",
          id,
          manifest.totalRows(),
          manifest.totalKeys(),
          manifest.archiveBytes(),
          Duration.ofNanos(System.nanoTime() - t0).toMillis());
      rotate();
      return manifest;
    } catch (IOException | SQLException | RuntimeException e) {
      BackupCatalog.deleteQuietly(tmp);
      BackupCatalog.deleteQuietly(archive);
      BackupCatalog.deleteQuietly(catalog.manifestFile(id));
      if (e instanceof BackupException be) {
        throw be;
      }
      throw new BackupException("backup " + id + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Every backup in the directory, newest first. Unreadable manifests are skipped with a warning.
   */
  public List<BackupManifest> list() {
    return catalog.list();
  }

  /** Count, size and age range of the backups. */
  public BackupStatistics statistics() {
    return catalog.statistics();
  }

  /** Recomputes every checksum of a backup and compares it with its manifest. */
  public VerifyResult verify(String id) {
    BackupManifest manifest = catalog.manifest(id);
    return BackupVerifier.verify(id, manifest, catalog.resolve(manifest.archiveFile()));
  }

  /**
   * Restores a backup after verifying it, all or nothing.
   *
   * <p>Order: (1) lock the target tables ({@code ACCESS EXCLUSIVE}, waiting for transactions
   * writing to them) and check they exist, are empty and have the backup's migrations; check Redis
   * has no key under the prefixes — a refusal here has touched nothing; (2) load the tables in one
   * transaction, not yet committed; (3) restore the Redis keys; (4) commit. A failure in (2) rolls
   * the tables back (sequences included); a failure in (3) deletes the keys this restore wrote and
   * rolls the tables back; so a rerun is accepted.
   *
   * @return what was restored, and what of the backup the target had no place for
   * @throws BackupException when the backup is damaged or the target is not empty or not migrated
   *     to the backup's schema version (nothing was touched)
   * @throws RestoreFailedException when loading failed; it says what was left in the target
   *     (normally nothing)
   */
  public RestoreResult restore(String id, RestoreTarget target) {
    BackupManifest checked = catalog.manifest(id);
    // the tables a PostgreSQL target loads are hashed as they stream into COPY (a mismatch rolls
    // the load back), not inflated once more here; the archive's checksum still covers every byte
    Set<String> streamed =
        target.postgres().isEmpty()
            ? Set.of()
            : BackupRestorer.tableEntriesLoaded(checked.entries());
    VerifyResult verified =
        BackupVerifier.verify(id, checked, catalog.resolve(checked.archiveFile()), streamed);
    if (!verified.ok()) {
      throw new BackupException(
          "backup "
              + id
              + " failed verification; refusing to restore: "
              + String.join("; ", verified.problems()));
    }
    BackupManifest manifest = catalog.manifest(id);
    return BackupRestorer.restore(id, manifest, catalog.resolve(manifest.archiveFile()), target);
  }

  /**
   * Applies the retention policy: deletes backups it does not keep.
   *
   * @return ids of the deleted backups
   */
  public List<String> rotate() {
    return catalog.rotate(retention);
  }

  /** Builder of {@link BackupService}; not thread-safe. */
  public static final class Builder {
    private @Nullable Path directory;
    private @Nullable DataSource postgres;
    private String schema = "public";
    private final List<String> excludedTables = new ArrayList<>();
    private @Nullable RedisClient redis;
    private final List<String> redisPrefixes = new ArrayList<>();
    private @Nullable Supplier<Map<String, String>> config;
    private int compressionLevel = Deflater.DEFAULT_COMPRESSION;
    private int compressionThreads = Runtime.getRuntime().availableProcessors();
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

    /**
     * How many threads deflate the archive (default {@link Runtime#availableProcessors()}): each
     * entry is cut into 1 MiB blocks deflated side by side, pigz-style, and written in order, so
     * the archive is the same standard ZIP. Takes up to {@code 2 × threads + 2} blocks of memory
     * (about 2 MiB each) during a backup; 1 deflates serially (still beside the thread reading the
     * data). Checked by {@link #build()}: at least 1.
     */
    public Builder compressionThreads(int threads) {
      this.compressionThreads = threads;
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
        throw new IllegalArgumentException(
            "namePrefix must be letters, digits, '_' or '-'; was '" + prefix + "'");
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
        throw new IllegalStateException(
            "nothing to back up: set postgres(...), redis(...) and/or config(...)");
      }
      if (compressionThreads < 1) {
        throw new IllegalStateException(
            "compressionThreads must be at least 1; was " + compressionThreads);
      }
      if (redis != null && redisPrefixes.isEmpty()) {
        throw new IllegalStateException(
            "redis(...) needs at least one key prefix; backing up a whole Redis is not the SDK's job");
      }
      return new BackupService(this);
    }
  }
}
