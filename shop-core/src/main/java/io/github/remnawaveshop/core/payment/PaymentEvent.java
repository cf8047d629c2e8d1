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

  /**
   * A builder with every part named, for a gateway's {@code verify}:
   *
   * <pre>{@code
   * PaymentEvent event = PaymentEvent.builder()
   *     .gatewayId(id()).type(PaymentEvent.Type.PAID)
   *     .providerEventId("evt_1").orderReference("ord_1").externalPaymentId("pay_1")
   *     .amount(Money.of(1000, "USD")).occurredAt(Instant.now())
   *     .build();
   * }</pre>
   *
   * @return a new builder; {@code orderReference} and {@code attributes} are optional
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this event's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder().gatewayId(gatewayId).type(type).providerEventId(providerEventId)
        .externalPaymentId(externalPaymentId).amount(amount).occurredAt(occurredAt);
    orderReference.ifPresent(b::orderReference);
    b.attributes.putAll(attributes);
    return b;
  }

  /** Builder of {@link PaymentEvent}; not thread-safe. {@link #build()} names what is missing or bad. */
  public static final class Builder {
    private String gatewayId;
    private Type type;
    private String providerEventId;
    private String orderReference;
    private String externalPaymentId;
    private Money amount;
    private Instant occurredAt;
    private final Map<String, String> attributes = new java.util.LinkedHashMap<>();

    private Builder() {}

    /** The gateway that verified the notification (required). */
    public Builder gatewayId(String value) {
      this.gatewayId = Objects.requireNonNull(value, "gatewayId");
      return this;
    }

    /** What happened (required). */
    public Builder type(Type value) {
      this.type = Objects.requireNonNull(value, "type");
      return this;
    }

    /** The provider's id of this notification, the same on every redelivery (required, not blank). */
    public Builder providerEventId(String value) {
      this.providerEventId = Objects.requireNonNull(value, "providerEventId");
      return this;
    }

    /** The shop's order reference the provider gave back (optional: not every notification carries it). */
    public Builder orderReference(String value) {
      this.orderReference = Objects.requireNonNull(value, "orderReference");
      return this;
    }

    /** The provider's id of the money movement (required, not blank). */
    public Builder externalPaymentId(String value) {
      this.externalPaymentId = Objects.requireNonNull(value, "externalPaymentId");
      return this;
    }

    /** The amount paid or refunded, as the provider reports it (required). */
    public Builder amount(Money value) {
      this.amount = Objects.requireNonNull(value, "amount");
      return this;
    }

    /** When the provider says it happened (required). */
    public Builder occurredAt(Instant value) {
      this.occurredAt = Objects.requireNonNull(value, "occurredAt");
      return this;
    }

    /** An extra non-secret fact, e.g. {@code ("recurring", "true")}; a second value for a key replaces the first. */
    public Builder attribute(String key, String value) {
      attributes.put(Objects.requireNonNull(key, "attribute key"), Objects.requireNonNull(value, key));
      return this;
    }

    /**
     * Builds the event.
     *
     * @throws IllegalStateException naming the first required part not set
     * @throws IllegalArgumentException when an id is blank
     */
    public PaymentEvent build() {
      require(gatewayId, "gatewayId");
      require(type, "type");
      require(providerEventId, "providerEventId");
      require(externalPaymentId, "externalPaymentId");
      require(amount, "amount");
      require(occurredAt, "occurredAt");
      if (providerEventId.isBlank()) {
        throw new IllegalArgumentException("providerEventId must not be blank; was '" + providerEventId + "'");
      }
      if (externalPaymentId.isBlank()) {
        throw new IllegalArgumentException("externalPaymentId must not be blank; was '" + externalPaymentId + "'");
      }
      return new PaymentEvent(gatewayId, type, providerEventId, Optional.ofNullable(orderReference),
          externalPaymentId, amount, occurredAt, attributes);
    }

    private static void require(Object value, String name) {
      if (value == null) {
        throw new IllegalStateException(name + " must be set");
      }
    }
  }
}
