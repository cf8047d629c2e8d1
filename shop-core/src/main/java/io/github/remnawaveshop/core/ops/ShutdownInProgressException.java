package io.github.remnawaveshop.core.ops;

import io.github.remnawaveshop.core.ShopException;

/** Thrown when work is submitted to a {@link ShopLifecycle} that is shutting down. */
public final class ShutdownInProgressException extends ShopException {
  private static final long serialVersionUID = 1L;

  ShutdownInProgressException(String task) {
    super("shutting down: task '" + task + "' not accepted");
  }
}
