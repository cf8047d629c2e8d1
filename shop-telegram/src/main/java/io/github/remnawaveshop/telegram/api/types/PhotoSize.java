package io.github.remnawaveshop.telegram.api.types;

import java.util.Optional;

/**
 * One size of a photo.
 *
 * @param fileId the id to send the photo again
 * @param fileUniqueId a stable id of the file
 * @param width width in pixels
 * @param height height in pixels
 * @param fileSize size in bytes, if known
 */
public record PhotoSize(
    String fileId, String fileUniqueId, int width, int height, Optional<Long> fileSize) {
  /** Normalises absent parts. */
  public PhotoSize {
    fileSize = Types.opt(fileSize);
  }
}
