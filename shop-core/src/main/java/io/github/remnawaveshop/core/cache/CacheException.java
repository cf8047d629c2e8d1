package io.github.remnawaveshop.core.cache;

/** Root of the cache layer's unchecked exceptions. */
public class CacheException extends RuntimeException {
  /**
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public CacheException(String message, Throwable cause) {
    super(message, cause);
  }
}
