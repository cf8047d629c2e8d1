package io.github.remnawaveshop.core.cache;

import io.github.remnawaveshop.core.ShopException;
import org.jspecify.annotations.Nullable;

/** Root of the cache layer's unchecked exceptions. */
public class CacheException extends ShopException {
  /**
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public CacheException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
