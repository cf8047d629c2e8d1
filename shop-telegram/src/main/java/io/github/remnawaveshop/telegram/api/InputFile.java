package io.github.remnawaveshop.telegram.api;

import java.util.Objects;

/**
 * A file uploaded with a call (multipart): a QR code, a backup archive.
 *
 * @param fileName the name shown to the user
 * @param contentType the MIME type
 * @param bytes the content (not copied; do not change it after handing it over)
 */
public record InputFile(String fileName, String contentType, byte[] bytes) {
  /** Validates the file. */
  public InputFile {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(bytes, "bytes");
    if (fileName.isBlank()) {
      throw new IllegalArgumentException("fileName must not be blank");
    }
  }

  /** A PNG image. */
  public static InputFile png(String fileName, byte[] bytes) {
    return new InputFile(fileName, "image/png", bytes);
  }

  /** A binary file. */
  public static InputFile binary(String fileName, byte[] bytes) {
    return new InputFile(fileName, "application/octet-stream", bytes);
  }

  @Override
  public String toString() {
    return "InputFile[" + fileName + ", " + contentType + ", " + bytes.length + " bytes]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputFile f
        && f.fileName.equals(fileName)
        && f.contentType.equals(contentType)
        && java.util.Arrays.equals(f.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fileName, contentType, java.util.Arrays.hashCode(bytes));
  }
}
