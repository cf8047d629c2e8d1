/**
 * The payment SPI: what a payment provider plugin implements ({@link
 * io.github.remnawaveshop.core.payment.PaymentGateway}, {@link
 * io.github.remnawaveshop.core.payment.PaymentGatewayProvider}) and the values that cross it.
 *
 * <p>A gateway creates checkouts and turns provider notifications into verified {@link
 * io.github.remnawaveshop.core.payment.PaymentEvent}s; it never touches the database. Crediting is
 * the core's job, once per (gateway, external payment id), in one transaction with the subscription
 * change. Plugins are found with {@link java.util.ServiceLoader} through {@code
 * META-INF/services/io.github.remnawaveshop.core.payment.PaymentGatewayProvider}; see {@link
 * io.github.remnawaveshop.core.payment.PaymentGateways}.
 *
 * <p>Around the SPI: {@link io.github.remnawaveshop.core.payment.PaymentRouter} picks the gateways
 * offered to a buyer, and {@link io.github.remnawaveshop.core.payment.PaymentWebhooks} is the
 * single webhook entry point (verify, then deduplicate and apply through a {@link
 * io.github.remnawaveshop.core.payment.PaymentEventSink}). See {@code docs/payments.md}.
 */
@NullMarked
package io.github.remnawaveshop.core.payment;

import org.jspecify.annotations.NullMarked;
