package io.github.remnawaveshop.core.ops.backup;

import static io.github.remnawaveshop.core.ops.backup.BackupServiceTest.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A backup whose COPY fails part-way on the real server: the error reaches the caller, no file is
 * left, and neither the reader nor a deflate worker is still running.
 */
@ExtendWith(ShopServersExtension.class)
@Timeout(300)
class BackupServiceBackupFailureTest {
  @Test
  void aCopyCancelledMidwayFailsTheBackupAndLeavesNoFileAndNoThread(
      TestDatabase db, @TempDir Path dir) throws Exception {
    // some 70 MB of COPY text, far more than the server sends in the 200 ms it is allowed
    exec(
        db.dataSource(),
        """
        CREATE TABLE a_small (id int PRIMARY KEY, note text);
        INSERT INTO a_small SELECT g, 'note ' || g FROM generate_series(1, 1000) g;
        CREATE TABLE big (id bigint, payload text);
        INSERT INTO big SELECT g, md5(g::text) || repeat(md5((g * 7)::text), 6)
          FROM generate_series(1, 300000) g;
        """);
    PGSimpleDataSource limited = new PGSimpleDataSource();
    limited.setURL(db.jdbcUrl());
    limited.setOptions("-c statement_timeout=200");
    BackupService failing =
        BackupService.builder()
            .directory(dir)
            .postgres(limited, "public")
            .compressionThreads(2)
            .build();

    assertThatThrownBy(failing::backup)
        .isInstanceOf(BackupException.class)
        .hasMessageContaining("statement timeout");
    assertThat(DeflatePipelineTest.backupThreads()).isEmpty();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
    assertThat(failing.list()).isEmpty();

    // the same tables without the limit back up completely, with 1 thread as with several
    for (int threads : new int[] {1, 3}) {
      BackupService backups =
          BackupService.builder()
              .directory(dir)
              .namePrefix("t" + threads)
              .postgres(db.dataSource(), "public")
              .config(() -> Map.of("a", "b"))
              .compressionThreads(threads)
              .build();
      BackupManifest manifest = backups.backup();
      assertThat(manifest.totalRows()).isEqualTo(301_000);
      assertThat(backups.verify(manifest.id()).ok()).isTrue();
      try (ZipFile z = new ZipFile(dir.resolve(manifest.archiveFile()).toFile());
          InputStream in = z.getInputStream(z.getEntry("postgres/a_small.copy"))) {
        assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
            .startsWith("1\tnote 1\n");
      }
      assertThat(DeflatePipelineTest.backupThreads()).isEmpty();
    }
  }
}
