package io.github.remnawaveshop.core.payment;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a gateway created for a {@link CheckoutRequest}: either a URL the buyer opens, or an invoice the
 * bot sends itself (Telegram Stars), plus the provider's own reference.
 *
 * @param gatewayId the gateway that made it
 * @param orderReference the shop's order id it was made for
 * @param providerReference the provider's id (Stripe session {@code cs_…}, PayPal order id, Robokassa InvId)
 * @param paymentUrl where to send the buyer, for redirect-style gateways
 * @param invoice invoice parameters for the bot to send, for invoice-style gateways (empty otherwise)
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

  /** A redirect-style checkout. */
  public static Checkout redirect(String gatewayId, String orderReference, String providerReference, URI url) {
    return new Checkout(gatewayId, orderReference, providerReference, Optional.of(url), Map.of());
  }

  /** An invoice-style checkout. */
  public static Checkout invoice(String gatewayId, String orderReference, String providerReference,
      Map<String, Object> invoice) {
    return new Checkout(gatewayId, orderReference, providerReference, Optional.empty(), invoice);
  }
}
