package io.github.remnawaveshop.core.subscription;

/**
 * A purchase could not be started: no gateway can take the payment, or the gateway failed to create
 * a checkout (the pending order is then marked cancelled).
 */
public final class PurchaseException extends SubscriptionException {
  private static final long serialVersionUID = 1L;

  /** With a message. */
  public PurchaseException(String message) {
    super(message);
  }

  /** With a message and a cause. */
  public PurchaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
