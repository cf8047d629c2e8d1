package io.github.remnawaveshop.core.ops;

/** Thrown when work is submitted to a {@link ShopLifecycle} that is shutting down. */
public final class ShutdownInProgressException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ShutdownInProgressException(String task) {
    super("shutting down: task '" + task + "' not accepted");
  }
}
