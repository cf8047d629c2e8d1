/**
 * A complete, small example payment gateway plugin, "DemoPay": an imaginary provider with a JSON checkout
 * API and HMAC-SHA256-signed webhooks. It shows what a plugin author writes — a
 * {@link io.github.remnawaveshop.core.payment.PaymentGateway}, its
 * {@link io.github.remnawaveshop.core.payment.PaymentGatewayProvider} registered in
 * {@code META-INF/services}, and a test that extends the conformance kit. See
 * {@code docs/payments/writing-a-gateway.md}.
 */
package io.github.remnawaveshop.examples.gateway;
