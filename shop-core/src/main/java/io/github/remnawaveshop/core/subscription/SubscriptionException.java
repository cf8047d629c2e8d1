package io.github.remnawaveshop.core.subscription;

import io.github.remnawaveshop.core.ShopException;

/** Root of the subscription engine's exceptions; unchecked. */
public abstract class SubscriptionException extends ShopException {
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
