package io.github.remnawaveshop.core.subscription;

import io.github.remnawaveshop.core.payment.Checkout;
import java.util.Objects;

/**
 * The result of starting a purchase: the recorded order and the gateway's checkout to show the
 * buyer.
 *
 * @param order the pending order
 * @param checkout where or how the buyer pays
 */
public record Purchase(Order order, Checkout checkout) {

  /** Validates. */
  public Purchase {
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(checkout, "checkout");
  }
}
