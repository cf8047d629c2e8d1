package io.github.remnawaveshop.core.payment;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A verified fact about a payment, produced by a gateway from a provider notification. The core
 * applies it at most once per {@code (gatewayId, type, externalPaymentId)} and deduplicates
 * deliveries by {@code (gatewayId, providerEventId)}.
 *
 * @param gatewayId the gateway that verified it
 * @param type what happened
 * @param providerEventId the provider's id of this notification; the same on every redelivery
 *     (Stripe {@code evt_…}, PayPal event id, Robokassa {@code InvId}, Telegram charge id)
 * @param orderReference the shop's order id the provider gave back, when the notification carries
 *     it
 * @param externalPaymentId the provider's id of the money movement (payment intent, capture id,
 *     InvId)
 * @param amount the amount paid or refunded, as the provider reports it
 * @param occurredAt when the provider says it happened
 * @param recurring {@code true} on a charge the provider made by itself on a subscription or saved
 *     method (a renewal): the core credits it as a new payment of an order that is already paid,
 *     instead of refusing it as a second payment of that order
 * @param providerSubscriptionId the provider's subscription (or saved method) id, when the payment
 *     set one up or renewed one: the core remembers it on the subscription for automatic renewal
 *     ({@code sub_…})
 * @param runningRefundTotal on a {@link Type#REFUNDED} event, {@code true} when {@code amount} is
 *     the payment's running refunded total (Stripe's {@code amount_refunded}: after a 3.00 and a
 *     2.00 refund, 5.00); {@code false} when it is one more refund (PayPal, Stars). Always {@code
 *     false} on other types
 * @param attributes extra non-secret, provider-specific facts (a session id, a capture status); the
 *     core does not read them
 */
public record PaymentEvent(
    String gatewayId,
    Type type,
    String providerEventId,
    Optional<String> orderReference,
    String externalPaymentId,
    Money amount,
    Instant occurredAt,
    boolean recurring,
    Optional<String> providerSubscriptionId,
    boolean runningRefundTotal,
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
    Objects.requireNonNull(providerSubscriptionId, "providerSubscriptionId");
    attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
    if (providerEventId.isBlank()) {
      throw new IllegalArgumentException(
          "providerEventId must not be blank; was '" + providerEventId + "'");
    }
    if (externalPaymentId.isBlank()) {
      throw new IllegalArgumentException(
          "externalPaymentId must not be blank; was '" + externalPaymentId + "'");
    }
    if (providerSubscriptionId.isPresent() && providerSubscriptionId.get().isBlank()) {
      throw new IllegalArgumentException(
          "providerSubscriptionId must not be blank when present; was '"
              + providerSubscriptionId.get()
              + "'");
    }
    if (runningRefundTotal && type != Type.REFUNDED) {
      throw new IllegalArgumentException(
          "runningRefundTotal is only meaningful on a REFUNDED event; type was " + type);
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
   * @return a new builder; {@code orderReference}, {@code recurring}, {@code
   *     providerSubscriptionId}, {@code runningRefundTotal} and {@code attributes} are optional
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
    Builder b =
        new Builder()
            .gatewayId(gatewayId)
            .type(type)
            .providerEventId(providerEventId)
            .externalPaymentId(externalPaymentId)
            .amount(amount)
            .occurredAt(occurredAt)
            .recurring(recurring)
            .runningRefundTotal(runningRefundTotal);
    orderReference.ifPresent(b::orderReference);
    providerSubscriptionId.ifPresent(b::providerSubscriptionId);
    b.attributes.putAll(attributes);
    return b;
  }

  /**
   * Builder of {@link PaymentEvent}; not thread-safe. {@link #build()} names what is missing or
   * bad.
   */
  public static final class Builder {
    private @Nullable String gatewayId;
    private @Nullable Type type;
    private @Nullable String providerEventId;
    private @Nullable String orderReference;
    private @Nullable String externalPaymentId;
    private @Nullable Money amount;
    private @Nullable Instant occurredAt;
    private boolean recurring;
    private @Nullable String providerSubscriptionId;
    private boolean runningRefundTotal;
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

    /**
     * The provider's id of this notification, the same on every redelivery (required, not blank).
     */
    public Builder providerEventId(String value) {
      this.providerEventId = Objects.requireNonNull(value, "providerEventId");
      return this;
    }

    /**
     * The shop's order reference the provider gave back (optional: not every notification carries
     * it).
     */
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

    /**
     * Whether the provider made this charge by itself on a subscription or saved method (default
     * {@code false}).
     */
    public Builder recurring(boolean value) {
      this.recurring = value;
      return this;
    }

    /**
     * The provider's subscription (or saved method) id for automatic renewal (optional, not blank).
     */
    public Builder providerSubscriptionId(String value) {
      this.providerSubscriptionId = Objects.requireNonNull(value, "providerSubscriptionId");
      return this;
    }

    /**
     * On a refund, whether the amount is the payment's running refunded total rather than one more
     * refund (default {@code false}; only allowed on {@link Type#REFUNDED}).
     */
    public Builder runningRefundTotal(boolean value) {
      this.runningRefundTotal = value;
      return this;
    }

    /**
     * An extra non-secret, provider-specific fact, e.g. {@code ("session_id", "cs_…")}; a second
     * value for a key replaces the first. Facts the core acts on are typed setters, not attributes.
     */
    public Builder attribute(String key, String value) {
      attributes.put(
          Objects.requireNonNull(key, "attribute key"), Objects.requireNonNull(value, key));
      return this;
    }

    /**
     * Builds the event.
     *
     * @throws IllegalStateException naming the first required part not set
     * @throws IllegalArgumentException when an id is blank, or {@code runningRefundTotal} is set on
     *     an event that is not a refund
     */
    public PaymentEvent build() {
      String gateway = require(gatewayId, "gatewayId");
      Type t = require(type, "type");
      String eventId = require(providerEventId, "providerEventId");
      String paymentId = require(externalPaymentId, "externalPaymentId");
      Money money = require(amount, "amount");
      Instant at = require(occurredAt, "occurredAt");
      return new PaymentEvent(
          gateway,
          t,
          eventId,
          Optional.ofNullable(orderReference),
          paymentId,
          money,
          at,
          recurring,
          Optional.ofNullable(providerSubscriptionId),
          runningRefundTotal,
          attributes);
    }

    private static <T> T require(@Nullable T value, String name) {
      if (value == null) {
        throw new IllegalStateException(name + " must be set");
      }
      return value;
    }
  }
}
