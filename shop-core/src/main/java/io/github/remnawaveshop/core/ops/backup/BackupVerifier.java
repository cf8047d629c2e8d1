package io.github.remnawaveshop.core.ops.backup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Recomputes a backup's checksums (the archive's, then each entry's) against its manifest. Not API.
 */
final class BackupVerifier {
  private BackupVerifier() {}

  static VerifyResult verify(String id, BackupManifest manifest, Path archive) {
    return verify(id, manifest, archive, Set.of());
  }

  /**
   * As {@link #verify(String, BackupManifest, Path)}, except that the entries named in {@code
   * checkedWhileRead} are only looked up, not inflated and hashed: their reader checks them as it
   * streams them (the archive's own checksum is still computed here, over every byte).
   */
  static VerifyResult verify(
      String id, BackupManifest manifest, Path archive, Set<String> checkedWhileRead) {
    List<String> problems = new ArrayList<>();
    if (!Files.isRegularFile(archive)) {
      return new VerifyResult(id, List.of("archive " + manifest.archiveFile() + " is missing"));
    }
    MessageDigest whole = Checksums.sha256();
    try (InputStream in =
        new DigestInputStream(
            new BufferedInputStream(Files.newInputStream(archive), 1 << 16), whole)) {
      in.transferTo(OutputStream.nullOutputStream());
      String actual = Checksums.hex(whole);
      if (!actual.equals(manifest.archiveSha256())) {
        problems.add(
            "archive checksum is " + actual + ", manifest says " + manifest.archiveSha256());
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
        if (checkedWhileRead.contains(entry.name())) {
          continue;
        }
        MessageDigest md = Checksums.sha256();
        try (InputStream in = new DigestInputStream(zip.getInputStream(ze), md)) {
          long n = in.transferTo(OutputStream.nullOutputStream());
          String actual = Checksums.hex(md);
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
}
