package io.github.remnawaveshop.telegram.stars;

import io.github.remnawaveshop.core.payment.Money;
import java.util.Objects;

/**
 * A Stars payment the shop recorded, as a refund needs it: {@code refundStarPayment} takes the
 * buyer's id besides the charge id.
 *
 * @param telegramPaymentChargeId Telegram's charge id (the payment's external id)
 * @param buyerTelegramId the Telegram id of the user who paid
 * @param amount the amount paid
 */
public record StarsCharge(String telegramPaymentChargeId, long buyerTelegramId, Money amount) {

  /** Validates. */
  public StarsCharge {
    Objects.requireNonNull(telegramPaymentChargeId, "telegramPaymentChargeId");
    Objects.requireNonNull(amount, "amount");
  }
}
