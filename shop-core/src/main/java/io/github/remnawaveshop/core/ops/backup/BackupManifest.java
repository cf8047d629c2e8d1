package io.github.remnawaveshop.core.ops.backup;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one backup holds, written next to its archive as {@code <id>.manifest.json}.
 *
 * @param id the backup's id ({@code shop-20260101T030000Z})
 * @param createdAt when the snapshot was taken
 * @param archiveFile the archive's file name
 * @param archiveSha256 hex SHA-256 of the whole archive file
 * @param archiveBytes the archive's size
 * @param postgresSchema the schema whose tables were dumped, or an empty string when none
 * @param redisPrefixes the Redis key prefixes that were dumped
 * @param entries one per archive entry, with its own checksum and count, tables in restore order
 */
public record BackupManifest(
    String id,
    Instant createdAt,
    String archiveFile,
    String archiveSha256,
    long archiveBytes,
    String postgresSchema,
    List<String> redisPrefixes,
    List<Entry> entries) {

  /** Validates and copies. */
  public BackupManifest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(archiveFile, "archiveFile");
    Objects.requireNonNull(archiveSha256, "archiveSha256");
    Objects.requireNonNull(postgresSchema, "postgresSchema");
    redisPrefixes = List.copyOf(redisPrefixes);
    entries = List.copyOf(entries);
  }

  /**
   * One archive entry.
   *
   * @param name entry name: {@code postgres/<table>.copy}, {@code redis/keys.bin} or {@code
   *     config/settings.properties}
   * @param kind {@code table}, {@code redis} or {@code config}
   * @param sha256 hex SHA-256 of the entry's uncompressed bytes
   * @param count rows for a table, keys for Redis, settings for config
   * @param bytes the entry's uncompressed size
   */
  public record Entry(String name, String kind, String sha256, long count, long bytes) {}

  /** Total rows over all tables. */
  public long totalRows() {
    return entries.stream().filter(e -> e.kind().equals("table")).mapToLong(Entry::count).sum();
  }

  /** Total Redis keys. */
  public long totalKeys() {
    return entries.stream().filter(e -> e.kind().equals("redis")).mapToLong(Entry::count).sum();
  }
}
