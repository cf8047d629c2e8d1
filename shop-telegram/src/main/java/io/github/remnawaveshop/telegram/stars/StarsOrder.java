package io.github.remnawaveshop.telegram.stars;

import io.github.remnawaveshop.core.payment.Money;
import java.util.Objects;

/**
 * What the pre-checkout step needs to know about the order an invoice was made for.
 *
 * @param reference the order reference (the invoice payload)
 * @param gatewayId the gateway the order was placed with
 * @param amount the amount the order expects
 * @param pending whether the order still waits for its payment
 * @param buyerTelegramId the Telegram id of the buyer who placed the order
 */
public record StarsOrder(
    String reference, String gatewayId, Money amount, boolean pending, long buyerTelegramId) {

  /** Validates. */
  public StarsOrder {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(amount, "amount");
  }
}
