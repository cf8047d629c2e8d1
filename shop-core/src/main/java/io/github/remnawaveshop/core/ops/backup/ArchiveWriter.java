package io.github.remnawaveshop.core.ops.backup;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Writes one backup archive: the schema's tables in one consistent read, the Redis keys under the
 * prefixes, the redacted settings — each a ZIP entry whose checksum and count go to the manifest.
 * Each source is optional (null). Holds no connection between calls; {@link #write} opens and
 * closes its own. Not API.
 */
final class ArchiveWriter {
  private final @Nullable DataSource postgres;
  private final String schema;
  private final Set<String> excludedTables;
  private final @Nullable RedisClient redis;
  private final List<String> redisPrefixes;
  private final @Nullable Supplier<Map<String, String>> config;
  private final int compressionLevel;

  ArchiveWriter(
      @Nullable DataSource postgres,
      String schema,
      Set<String> excludedTables,
      @Nullable RedisClient redis,
      List<String> redisPrefixes,
      @Nullable Supplier<Map<String, String>> config,
      int compressionLevel) {
    this.postgres = postgres;
    this.schema = schema;
    this.excludedTables = Set.copyOf(excludedTables);
    this.redis = redis;
    this.redisPrefixes = List.copyOf(redisPrefixes);
    this.config = config;
    this.compressionLevel = compressionLevel;
  }

  /** The schema recorded in the manifest: empty when no PostgreSQL is backed up. */
  String manifestSchema() {
    return postgres == null ? "" : schema;
  }

  List<String> redisPrefixes() {
    return redisPrefixes;
  }

  /**
   * Writes the archive to {@code file}, adding one manifest entry per ZIP entry to {@code entries}.
   *
   * @return the SHA-256 of the whole archive, in hex
   */
  String write(Path file, List<BackupManifest.Entry> entries) throws IOException, SQLException {
    MessageDigest whole = Checksums.sha256();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        DigestOutputStream digested = new DigestOutputStream(out, whole);
        ZipOutputStream zip = new WideZipOutputStream(digested)) {
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
    return Checksums.hex(whole);
  }

  /**
   * A {@link ZipOutputStream} that deflates into a 64 KiB buffer instead of the JDK's 512 bytes:
   * the plain one calls zlib (through JNI) and the archive's digest once per 512 compressed bytes,
   * some 400,000 times for a 200 MB archive.
   */
  private static final class WideZipOutputStream extends ZipOutputStream {
    WideZipOutputStream(OutputStream out) {
      super(out);
      buf = new byte[1 << 16];
    }
  }

  private void dumpPostgres(ZipOutputStream zip, List<BackupManifest.Entry> entries)
      throws SQLException, IOException {
    // called only when a PostgreSQL source was given, as are dumpRedis and dumpConfig for theirs
    try (Connection c = Objects.requireNonNull(postgres, "postgres").getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try {
        for (String table : PostgresSnapshot.tablesInDependencyOrder(c, schema, excludedTables)) {
          String name = "postgres/" + table + ".copy";
          zip.putNextEntry(new ZipEntry(name));
          TablePump.Result r =
              TablePump.pump(table, out -> PostgresSnapshot.copyOut(c, schema, table, out), zip);
          zip.closeEntry();
          entries.add(new BackupManifest.Entry(name, "table", r.sha256(), r.rows(), r.bytes()));
        }
      } finally {
        c.rollback();
      }
    }
  }

  private void dumpRedis(ZipOutputStream zip, List<BackupManifest.Entry> entries)
      throws IOException {
    try (StatefulRedisConnection<byte[], byte[]> conn =
        Objects.requireNonNull(redis, "redis").connect(ByteArrayCodec.INSTANCE)) {
      zip.putNextEntry(new ZipEntry("redis/keys.bin"));
      CountingOutputStream out = new CountingOutputStream(zip);
      DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
      long keys = RedisSnapshot.dump(conn, redisPrefixes, data);
      data.flush();
      zip.closeEntry();
      entries.add(
          new BackupManifest.Entry("redis/keys.bin", "redis", out.hex(), keys, out.bytes()));
    }
  }

  private void dumpConfig(ZipOutputStream zip, List<BackupManifest.Entry> entries)
      throws IOException {
    Map<String, String> redacted =
        ConfigRedactor.redact(Objects.requireNonNull(config, "config").get());
    StringBuilder sb = new StringBuilder("# effective settings, secrets redacted\n");
    redacted.forEach(
        (k, v) -> sb.append(k).append('=').append(v.replace("\n", "\\n")).append('\n'));
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    zip.putNextEntry(new ZipEntry("config/settings.properties"));
    zip.write(bytes);
    zip.closeEntry();
    entries.add(
        new BackupManifest.Entry(
            "config/settings.properties",
            "config",
            Checksums.sha256Hex(bytes),
            redacted.size(),
            bytes.length));
  }
}
