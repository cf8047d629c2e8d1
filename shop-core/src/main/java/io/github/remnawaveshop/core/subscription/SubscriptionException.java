package io.github.remnawaveshop.core.subscription;

/** Root of the subscription engine's exceptions; unchecked. */
public abstract class SubscriptionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message. */
  protected SubscriptionException(String message) {
    super(message);
  }

  /** With a message and a cause. */
  protected SubscriptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
