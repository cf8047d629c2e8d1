/**
 * The PayPal payment gateway (REST, Orders v2): {@link
 * io.github.remnawaveshop.payments.paypal.PayPalGateway} and its {@link java.util.ServiceLoader}
 * entry point {@link io.github.remnawaveshop.payments.paypal.PayPalGatewayProvider} (gateway id
 * {@code paypal}).
 *
 * <p>Public API: {@code PayPalGateway} (with its builder), {@code PayPalGatewayProvider}, {@code
 * PayPalEnvironment} and {@code PayPalVerification}. Every other class in this package is
 * package-private and not API. See {@code docs/payments/paypal.md}.
 */
package io.github.remnawaveshop.payments.paypal;
