package io.github.remnawaveshop.core.cache;

import org.jspecify.annotations.Nullable;

/**
 * A loader broke its contract (returned null, or threw a checked exception through a sneaky path).
 * A loader's own unchecked exception reaches every waiting caller unchanged instead.
 */
public final class CacheLoadException extends CacheException {
  /**
   * @param message what went wrong, naming region and key
   * @param cause the underlying failure, or {@code null}
   */
  public CacheLoadException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
