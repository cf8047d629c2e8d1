package io.github.remnawaveshop.core.cache;

/** A value could not be written as JSON for Redis; nothing was cached. */
public final class CacheCodecException extends CacheException {
  /**
   * @param message what went wrong, naming the region
   * @param cause the Jackson failure
   */
  public CacheCodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
