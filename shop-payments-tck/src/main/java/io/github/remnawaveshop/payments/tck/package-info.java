/**
 * The payment gateway conformance kit: {@link
 * io.github.remnawaveshop.payments.tck.PaymentGatewayConformanceTest}, an abstract JUnit 5 suite
 * that every {@link io.github.remnawaveshop.core.payment.PaymentGateway} test extends, with a
 * {@code MockWebServer} playing the provider. Depend on it in test scope only.
 */
package io.github.remnawaveshop.payments.tck;
