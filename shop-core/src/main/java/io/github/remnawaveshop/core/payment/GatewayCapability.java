package io.github.remnawaveshop.core.payment;

/**
 * Marker for optional things a gateway can do beyond checkout and verification, looked up with
 * {@link PaymentGateway#capability(Class)} instead of {@code instanceof} chains.
 *
 * @see RefundCapability
 * @see RecurringCapability
 */
public interface GatewayCapability {}
