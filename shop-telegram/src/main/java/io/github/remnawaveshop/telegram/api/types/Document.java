package io.github.remnawaveshop.telegram.api.types;

import java.util.Optional;

/**
 * A general file.
 *
 * @param fileId the id to send the file again
 * @param fileUniqueId a stable id of the file
 * @param fileName the original file name
 * @param mimeType the MIME type
 * @param fileSize size in bytes
 */
public record Document(
    String fileId,
    String fileUniqueId,
    Optional<String> fileName,
    Optional<String> mimeType,
    Optional<Long> fileSize) {
  /** Normalises absent parts. */
  public Document {
    fileName = Types.opt(fileName);
    mimeType = Types.opt(mimeType);
    fileSize = Types.opt(fileSize);
  }
}
