package io.github.remnawaveshop.testkit.telegram;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A photo or document the bot sent: the {@code file_id} Telegram gave it and, when the bot uploaded
 * the file (multipart) or reused the {@code file_id} of an upload, its bytes.
 *
 * @param fileId the {@code file_id} (generated for uploads; as given when sent by id or URL)
 * @param fileUniqueId the {@code file_unique_id}
 * @param fileName the uploaded file name, if any
 * @param mimeType the uploaded part's content type, if any
 * @param url the HTTP URL the bot passed instead of a file, if it did
 * @param bytes the uploaded bytes; empty when sent by URL or unknown {@code file_id}
 */
public record SentFile(
    String fileId,
    String fileUniqueId,
    Optional<String> fileName,
    Optional<String> mimeType,
    Optional<String> url,
    byte[] bytes) {
  /** Checks the components and copies the bytes. */
  public SentFile {
    Objects.requireNonNull(fileId, "fileId");
    Objects.requireNonNull(fileUniqueId, "fileUniqueId");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(url, "url");
    bytes = bytes.clone();
  }

  /** A copy of the bytes (empty when none were uploaded). */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Whether the bytes are known (the file was uploaded). */
  public boolean hasBytes() {
    return bytes.length > 0;
  }

  /** Size in bytes (0 when unknown). */
  public int size() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SentFile f
        && fileId.equals(f.fileId)
        && fileUniqueId.equals(f.fileUniqueId)
        && fileName.equals(f.fileName)
        && mimeType.equals(f.mimeType)
        && url.equals(f.url)
        && Arrays.equals(bytes, f.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fileId, fileUniqueId, fileName, mimeType, url, Arrays.hashCode(bytes));
  }

  @Override
  public String toString() {
    return "SentFile[fileId="
        + fileId
        + ", fileName="
        + fileName.orElse("-")
        + ", size="
        + bytes.length
        + (url.isPresent() ? ", url=" + url.get() : "")
        + "]";
  }
}
