package io.github.remnawaveshop.core.subscription;

import io.github.remnawaveshop.core.payment.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * A purchase waiting for its payment: a pending payment row. The {@link #reference()} goes to the
 * gateway and comes back in its {@link io.github.remnawaveshop.core.payment.PaymentEvent}.
 *
 * @param paymentId the store's payment id
 * @param reference the order reference (the payment's idempotency key)
 * @param userId the buyer's shop id
 * @param planCode the plan bought
 * @param gatewayId the gateway chosen
 * @param amount the amount to pay, after any discount
 * @param promoCode the promo code applied, if any
 * @param bonusDays extra days the promo code adds when the payment arrives
 */
public record Order(
    long paymentId,
    String reference,
    long userId,
    String planCode,
    String gatewayId,
    Money amount,
    Optional<String> promoCode,
    int bonusDays) {

  /** Validates. */
  public Order {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(planCode, "planCode");
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(promoCode, "promoCode");
  }
}
