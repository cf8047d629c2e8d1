package io.github.remnawaveshop.telegram.api.types;

import java.util.Optional;

/**
 * A service message about a successful payment (Telegram Stars: currency {@code XTR}).
 *
 * @param currency ISO 4217 code or {@code XTR}
 * @param totalAmount the amount in the smallest units (Stars for XTR)
 * @param invoicePayload the invoice's payload (the shop's order reference)
 * @param telegramPaymentChargeId Telegram's charge id: the payment's identity, deduplicate on it
 * @param providerPaymentChargeId the provider's charge id
 * @param subscriptionExpirationDate for Stars subscriptions, when the period ends (unix seconds)
 * @param isRecurring whether this is a subscription renewal
 * @param isFirstRecurring whether this is the first payment of a subscription
 */
public record SuccessfulPayment(
    String currency,
    long totalAmount,
    String invoicePayload,
    String telegramPaymentChargeId,
    Optional<String> providerPaymentChargeId,
    Optional<Long> subscriptionExpirationDate,
    boolean isRecurring,
    boolean isFirstRecurring) {
  /** Normalises absent parts. */
  public SuccessfulPayment {
    Types.required(currency, "successful_payment.currency");
    Types.required(telegramPaymentChargeId, "successful_payment.telegram_payment_charge_id");
    invoicePayload = invoicePayload == null ? "" : invoicePayload;
    providerPaymentChargeId = Types.opt(providerPaymentChargeId);
    subscriptionExpirationDate = Types.opt(subscriptionExpirationDate);
  }
}
