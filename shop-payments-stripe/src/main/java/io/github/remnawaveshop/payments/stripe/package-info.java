/**
 * Stripe payment gateway plugin: Checkout Sessions (one-off payments and, for automatic renewal,
 * subscription mode), {@code Stripe-Signature} webhook verification, refunds and renewal
 * cancellation.
 *
 * <p>Public API: {@link io.github.remnawaveshop.payments.stripe.StripeGateway} (built with {@code
 * StripeGateway.builder()}), {@link io.github.remnawaveshop.payments.stripe.StripeGatewayProvider}
 * (the {@link java.util.ServiceLoader} entry point, gateway id {@code stripe}) and {@link
 * io.github.remnawaveshop.payments.stripe.StripeRefundReason}. Every other class in this package is
 * package-private and not API.
 */
package io.github.remnawaveshop.payments.stripe;
