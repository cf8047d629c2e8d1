package io.github.remnawaveshop.core.payment;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified fact about a payment, produced by a gateway from a provider notification. The core applies
 * it at most once per {@code (gatewayId, type, externalPaymentId)} and deduplicates deliveries by
 * {@code (gatewayId, providerEventId)}.
 *
 * @param gatewayId the gateway that verified it
 * @param type what happened
 * @param providerEventId the provider's id of this notification; the same on every redelivery
 *     (Stripe {@code evt_…}, PayPal event id, Robokassa {@code InvId}, Telegram charge id)
 * @param orderReference the shop's order id the provider gave back, when the notification carries it
 * @param externalPaymentId the provider's id of the money movement (payment intent, capture id, InvId)
 * @param amount the amount paid or refunded, as the provider reports it
 * @param occurredAt when the provider says it happened
 * @param attributes extra non-secret facts (e.g. {@code recurring=true}, a subscription id)
 */
public record PaymentEvent(
    String gatewayId,
    Type type,
    String providerEventId,
    Optional<String> orderReference,
    String externalPaymentId,
    Money amount,
    Instant occurredAt,
    Map<String, String> attributes) {

  /** What happened to the payment. */
  public enum Type {
    /** Money was captured; the order may be credited. */
    PAID,
    /** The payment failed or was denied; nothing is credited. */
    FAILED,
    /** Money was returned to the buyer (in part or in whole). */
    REFUNDED
  }

  /** Validates and copies. */
  public PaymentEvent {
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(providerEventId, "providerEventId");
    Objects.requireNonNull(orderReference, "orderReference");
    Objects.requireNonNull(externalPaymentId, "externalPaymentId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(occurredAt, "occurredAt");
    attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
    if (providerEventId.isBlank() || externalPaymentId.isBlank()) {
      throw new IllegalArgumentException("providerEventId and externalPaymentId must not be blank");
    }
  }
}
