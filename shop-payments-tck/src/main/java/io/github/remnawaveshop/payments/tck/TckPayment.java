package io.github.remnawaveshop.payments.tck;

import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.Money;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * One made-up payment the conformance kit asks a gateway test to express in the provider's own
 * protocol (a signed notification, a checkout answer). Every test method gets fresh payments with
 * distinct numbers.
 *
 * @param orderReference the shop's order id; the gateway must give it back in the verified event
 * @param amount the amount paid
 * @param number a positive number unique among the payments of one test, for building provider ids
 *     (Stripe {@code evt_…}, a PayPal capture id, a Robokassa {@code InvId})
 * @param occurredAt when the payment happened: the kit's clock at the start of the test; protocols
 *     with a signed timestamp sign this one
 */
public record TckPayment(String orderReference, Money amount, long number, Instant occurredAt) {

  /** Validates. */
  public TckPayment {
    Objects.requireNonNull(orderReference, "orderReference");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (number <= 0) {
      throw new IllegalArgumentException("number must be positive; was " + number);
    }
  }

  /**
   * The idempotency key the kit's checkout request for this payment carries; stable per payment.
   */
  public String idempotencyKey() {
    return "tck-checkout-" + orderReference;
  }

  /**
   * A checkout request builder already filled for this payment: order reference, amount, a
   * description, customer {@code 4242}, return and cancel URLs, and {@link #idempotencyKey()}.
   * Gateway tests that need more (metadata, e-mail) add it and {@code build()}.
   */
  public CheckoutRequest.Builder checkoutRequestBuilder() {
    return CheckoutRequest.builder()
        .orderReference(orderReference)
        .amount(amount)
        .description("TCK order " + number)
        .customerId(4242)
        .returnUrl(URI.create("https://shop.example/paid?order=" + orderReference))
        .cancelUrl(URI.create("https://shop.example/cancelled?order=" + orderReference))
        .idempotencyKey(idempotencyKey());
  }
}
