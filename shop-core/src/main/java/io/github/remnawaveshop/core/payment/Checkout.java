package io.github.remnawaveshop.core.payment;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a gateway created for a {@link CheckoutRequest}: either a URL the buyer opens, or an invoice
 * the bot sends itself (Telegram Stars), plus the provider's own reference.
 *
 * @param gatewayId the gateway that made it
 * @param orderReference the shop's order id it was made for
 * @param providerReference the provider's id (Stripe session {@code cs_…}, PayPal order id,
 *     Robokassa InvId)
 * @param paymentUrl where to send the buyer, for redirect-style gateways
 * @param invoice invoice parameters for the bot to send, for invoice-style gateways (empty
 *     otherwise)
 */
public record Checkout(
    String gatewayId,
    String orderReference,
    String providerReference,
    Optional<URI> paymentUrl,
    Map<String, Object> invoice) {

  /** Validates and copies. */
  public Checkout {
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(orderReference, "orderReference");
    Objects.requireNonNull(providerReference, "providerReference");
    Objects.requireNonNull(paymentUrl, "paymentUrl");
    invoice = Map.copyOf(Objects.requireNonNull(invoice, "invoice"));
    if (paymentUrl.isEmpty() && invoice.isEmpty()) {
      throw new IllegalArgumentException("a checkout needs a payment URL or an invoice");
    }
  }

  /**
   * A builder. Required: {@link Builder#gatewayId}, {@link Builder#orderReference}, {@link
   * Builder#providerReference}, and a {@link Builder#paymentUrl} or an {@link Builder#invoice} (or
   * both):
   *
   * <pre>{@code
   * Checkout.builder().gatewayId("stripe").orderReference(request.orderReference())
   *     .providerReference(session.id()).paymentUrl(URI.create(session.url())).build();
   * }</pre>
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this checkout's values. */
  public Builder toBuilder() {
    Builder b =
        new Builder()
            .gatewayId(gatewayId)
            .orderReference(orderReference)
            .providerReference(providerReference)
            .invoice(invoice);
    paymentUrl.ifPresent(b::paymentUrl);
    return b;
  }

  /** Builds a {@link Checkout}; {@link #build()} names what is missing. */
  public static final class Builder {
    private @Nullable String gatewayId;
    private @Nullable String orderReference;
    private @Nullable String providerReference;
    private @Nullable URI paymentUrl;
    private Map<String, Object> invoice = Map.of();

    private Builder() {}

    /** The gateway that made the checkout (its {@code PaymentGateway.id()}). */
    public Builder gatewayId(String value) {
      this.gatewayId = Objects.requireNonNull(value, "gatewayId");
      return this;
    }

    /** The shop's order id, {@code CheckoutRequest.orderReference()}. */
    public Builder orderReference(String value) {
      this.orderReference = Objects.requireNonNull(value, "orderReference");
      return this;
    }

    /**
     * The provider's id of what it created (Stripe session {@code cs_…}, PayPal order id, Robokassa
     * InvId).
     */
    public Builder providerReference(String value) {
      this.providerReference = Objects.requireNonNull(value, "providerReference");
      return this;
    }

    /** Where to send the buyer (redirect-style gateways). */
    public Builder paymentUrl(URI value) {
      this.paymentUrl = Objects.requireNonNull(value, "paymentUrl");
      return this;
    }

    /**
     * Invoice parameters for the bot to send itself (invoice-style gateways, e.g. Telegram Stars).
     */
    public Builder invoice(Map<String, Object> value) {
      this.invoice = Map.copyOf(Objects.requireNonNull(value, "invoice"));
      return this;
    }

    /**
     * The checkout.
     *
     * @throws IllegalStateException naming the first missing value, or when neither a payment URL
     *     nor an invoice was given
     */
    public Checkout build() {
      if (gatewayId == null) {
        throw new IllegalStateException("gatewayId must be set");
      }
      if (orderReference == null) {
        throw new IllegalStateException(
            "orderReference must be set (CheckoutRequest.orderReference())");
      }
      if (providerReference == null) {
        throw new IllegalStateException(
            "providerReference must be set (the provider's id of the checkout)");
      }
      if (paymentUrl == null && invoice.isEmpty()) {
        throw new IllegalStateException("a checkout needs a paymentUrl or an invoice");
      }
      return new Checkout(
          gatewayId, orderReference, providerReference, Optional.ofNullable(paymentUrl), invoice);
    }
  }
}
