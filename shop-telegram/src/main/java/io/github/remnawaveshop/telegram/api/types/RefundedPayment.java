package io.github.remnawaveshop.telegram.api.types;

import java.util.Optional;

/**
 * A service message about a refunded payment.
 *
 * @param currency {@code XTR} for Stars
 * @param totalAmount the refunded amount
 * @param invoicePayload the invoice's payload
 * @param telegramPaymentChargeId the refunded charge
 * @param providerPaymentChargeId the provider's charge id
 */
public record RefundedPayment(
    String currency,
    long totalAmount,
    String invoicePayload,
    String telegramPaymentChargeId,
    Optional<String> providerPaymentChargeId) {
  /** Normalises absent parts. */
  public RefundedPayment {
    Types.required(currency, "refunded_payment.currency");
    Types.required(telegramPaymentChargeId, "refunded_payment.telegram_payment_charge_id");
    invoicePayload = invoicePayload == null ? "" : invoicePayload;
    providerPaymentChargeId = Types.opt(providerPaymentChargeId);
  }
}
