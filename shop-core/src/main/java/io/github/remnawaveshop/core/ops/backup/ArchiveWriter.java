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
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Writes one backup archive: the schema's tables in one consistent read, the Redis keys under the
 * prefixes, the redacted settings — each a ZIP entry whose checksum and count go to the manifest.
 * Each source is optional (null). Holds no connection between calls; {@link #write} opens and
 * closes its own. Every entry is deflated on {@code compressionThreads} cores by a {@link
 * DeflatePipeline} while its source is read, and written by a {@link ZipWriter}. Not API.
 */
final class ArchiveWriter {
  private final @Nullable DataSource postgres;
  private final String schema;
  private final Set<String> excludedTables;
  private final @Nullable RedisClient redis;
  private final List<String> redisPrefixes;
  private final @Nullable Supplier<Map<String, String>> config;
  private final int compressionLevel;
  private final int compressionThreads;

  ArchiveWriter(
      @Nullable DataSource postgres,
      String schema,
      Set<String> excludedTables,
      @Nullable RedisClient redis,
      List<String> redisPrefixes,
      @Nullable Supplier<Map<String, String>> config,
      int compressionLevel,
      int compressionThreads) {
    this.postgres = postgres;
    this.schema = schema;
    this.excludedTables = Set.copyOf(excludedTables);
    this.redis = redis;
    this.redisPrefixes = List.copyOf(redisPrefixes);
    this.config = config;
    this.compressionLevel = compressionLevel;
    this.compressionThreads = compressionThreads;
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
        DeflatePipeline pipeline = new DeflatePipeline(compressionLevel, compressionThreads)) {
      ZipWriter zip = new ZipWriter(digested);
      if (postgres != null) {
        dumpPostgres(zip, pipeline, entries);
      }
      if (redis != null) {
        dumpRedis(zip, pipeline, entries);
      }
      if (config != null) {
        dumpConfig(zip, pipeline, entries);
      }
      zip.finish();
    }
    return Checksums.hex(whole);
  }

  private void dumpPostgres(
      ZipWriter zip, DeflatePipeline pipeline, List<BackupManifest.Entry> entries)
      throws SQLException, IOException {
    // called only when a PostgreSQL source was given, as are dumpRedis and dumpConfig for theirs
    try (Connection c = Objects.requireNonNull(postgres, "postgres").getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try {
        for (String table : PostgresSnapshot.tablesInDependencyOrder(c, schema, excludedTables)) {
          String name = "postgres/" + table + ".copy";
          DeflatePipeline.Result r =
              pipeline.entry(zip, name, out -> PostgresSnapshot.copyOut(c, schema, table, out));
          entries.add(new BackupManifest.Entry(name, "table", r.sha256(), r.count(), r.bytes()));
        }
      } finally {
        c.rollback();
      }
    }
  }

  private void dumpRedis(
      ZipWriter zip, DeflatePipeline pipeline, List<BackupManifest.Entry> entries)
      throws SQLException, IOException {
    try (StatefulRedisConnection<byte[], byte[]> conn =
        Objects.requireNonNull(redis, "redis").connect(ByteArrayCodec.INSTANCE)) {
      DeflatePipeline.Result r =
          pipeline.entry(
              zip,
              "redis/keys.bin",
              out -> {
                DataOutputStream data =
                    new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
                long keys = RedisSnapshot.dump(conn, redisPrefixes, data);
                data.flush();
                return keys;
              });
      entries.add(
          new BackupManifest.Entry("redis/keys.bin", "redis", r.sha256(), r.count(), r.bytes()));
    }
  }

  private void dumpConfig(
      ZipWriter zip, DeflatePipeline pipeline, List<BackupManifest.Entry> entries)
      throws SQLException, IOException {
    Map<String, String> redacted =
        ConfigRedactor.redact(Objects.requireNonNull(config, "config").get());
    StringBuilder sb = new StringBuilder("# effective settings, secrets redacted\n");
    redacted.forEach(
        (k, v) -> sb.append(k).append('=').append(v.replace("\n", "\\n")).append('\n'));
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    DeflatePipeline.Result r =
        pipeline.entry(
            zip,
            "config/settings.properties",
            out -> {
              out.write(bytes);
              return redacted.size();
            });
    entries.add(
        new BackupManifest.Entry(
            "config/settings.properties", "config", r.sha256(), r.count(), r.bytes()));
  }
}
