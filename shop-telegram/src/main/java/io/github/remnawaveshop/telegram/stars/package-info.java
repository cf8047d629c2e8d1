/**
 * Telegram Stars ({@code XTR}) as a payment gateway of the shop: {@link
 * io.github.remnawaveshop.telegram.stars.StarsGateway} makes invoices and verifies payment facts,
 * {@link io.github.remnawaveshop.telegram.stars.StarsPayments} gives the dispatcher the router that
 * answers pre-checkout queries and hands {@code successful_payment} and {@code refunded_payment} to
 * the engine's exactly-once path. See {@code docs/payments/stars.md}.
 */
package io.github.remnawaveshop.telegram.stars;
