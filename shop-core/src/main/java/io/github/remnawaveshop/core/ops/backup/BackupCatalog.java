package io.github.remnawaveshop.core.ops.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backup directory: names new backups, reads and writes manifests, lists, and deletes what the
 * retention policy does not keep. Files are written under a temporary name and moved into place, so
 * a listed backup is always complete. Not API; logs as {@link BackupService}.
 */
final class BackupCatalog {
  private static final Logger log = LoggerFactory.getLogger(BackupService.class);
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
  static final String MANIFEST_SUFFIX = ".manifest.json";

  private final Path directory;
  private final String namePrefix;
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  BackupCatalog(Path directory, String namePrefix) {
    this.directory = directory;
    this.namePrefix = namePrefix;
  }

  Path directory() {
    return directory;
  }

  Path resolve(String fileName) {
    return directory.resolve(fileName);
  }

  Path manifestFile(String id) {
    return directory.resolve(id + MANIFEST_SUFFIX);
  }

  /**
   * A new backup id from its time; {@code -2}, {@code -3}, … when one of that millisecond exists.
   */
  String uniqueId(Instant now) {
    String base = namePrefix + "-" + ID_TIME.format(now);
    String id = base;
    for (int i = 2; Files.exists(manifestFile(id)); i++) {
      id = base + "-" + i;
    }
    return id;
  }

  /**
   * Every backup in the directory, newest first; unreadable manifests are skipped with a warning.
   */
  List<BackupManifest> list() {
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

  BackupStatistics statistics() {
    List<BackupManifest> all = list();
    long bytes = all.stream().mapToLong(BackupManifest::archiveBytes).sum();
    return new BackupStatistics(
        all.size(),
        bytes,
        all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1).createdAt()),
        all.isEmpty() ? Optional.empty() : Optional.of(all.get(0).createdAt()));
  }

  /** The manifest of a backup; refuses an id that could name a file outside the directory. */
  BackupManifest manifest(String id) {
    Objects.requireNonNull(id, "id");
    if (!id.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("not a backup id: '" + id + "'");
    }
    Path p = manifestFile(id);
    if (!Files.isRegularFile(p)) {
      throw new BackupException("no backup '" + id + "' in " + directory);
    }
    try {
      return json.readValue(p.toFile(), BackupManifest.class);
    } catch (IOException e) {
      throw new BackupException(
          "manifest of backup '" + id + "' is unreadable: " + e.getMessage(), e);
    }
  }

  void writeManifest(BackupManifest manifest) throws IOException {
    Path tmp = directory.resolve(manifest.id() + MANIFEST_SUFFIX + ".tmp");
    json.writeValue(tmp.toFile(), manifest);
    move(tmp, manifestFile(manifest.id()));
  }

  /** Deletes the backups the policy does not keep; returns their ids. */
  List<String> rotate(RetentionPolicy retention) {
    List<BackupManifest> all = list();
    Set<Instant> keep = retention.keep(all.stream().map(BackupManifest::createdAt).toList());
    List<String> deleted = new ArrayList<>();
    for (BackupManifest m : all) {
      if (!keep.contains(m.createdAt())) {
        deleteQuietly(directory.resolve(m.archiveFile()));
        deleteQuietly(manifestFile(m.id()));
        deleted.add(m.id());
      }
    }
    if (!deleted.isEmpty()) {
      log.info("Retention deleted {} backup(s): {}", deleted.size(), deleted);
    }
    return deleted;
  }

  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      log.warn("Could not delete {}: {}", p, e.getMessage());
    }
  }
}
