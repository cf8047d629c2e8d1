package io.github.remnawaveshop.core.payment;

import io.github.remnawaveshop.core.ShopException;
import org.jspecify.annotations.Nullable;

/** Root of the payment exceptions; unchecked. Messages never contain secrets. */
public abstract class PaymentException extends ShopException {
  private static final long serialVersionUID = 1L;

  /** With a message. */
  protected PaymentException(String message) {
    super(message);
  }

  /** With a message and a cause. */
  protected PaymentException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
