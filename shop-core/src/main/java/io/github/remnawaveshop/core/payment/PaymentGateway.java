package io.github.remnawaveshop.core.payment;

import java.util.Optional;
import java.util.Set;

/**
 * One payment provider, as the core sees it. Implementations are thread-safe and long-lived (build
 * once, share); they hold HTTP clients and secrets but never touch the shop's database.
 *
 * <p>Contract, checked by the {@code shop-payments-tck} conformance suite:
 *
 * <ul>
 *   <li>{@link #verify} accepts only notifications whose signature (or other proof) is valid for
 *       this gateway's secret, rejects tampered, unsigned, replayed-too-late and malformed ones
 *       with {@link PaymentVerificationException}, and returns the same provider event id on
 *       redelivery;
 *   <li>{@link #createCheckout} sends the order reference to the provider and an idempotency key
 *       where the provider supports one;
 *   <li>no secret ever appears in an exception message or {@code toString()}.
 * </ul>
 *
 * <p>Lifecycle: a gateway is {@link AutoCloseable} because some own threads or connections (an HTTP
 * client they built, a bot client). {@link #close()} releases what the gateway created itself and
 * nothing it was given: a client from {@link GatewayResources} or a builder's {@code httpClient(…)}
 * stays open for its owner. Whoever created a gateway closes it ({@link PaymentGateways#close()}
 * closes the ones it discovered).
 */
public interface PaymentGateway extends AutoCloseable {

  /**
   * Stable id, used in webhook paths and stored with each payment ({@code stripe}, {@code paypal},
   * …).
   */
  String id();

  /** Currencies this gateway accepts, upper case ({@code USD}, {@code RUB}, {@code XTR}). */
  Set<String> supportedCurrencies();

  /**
   * Creates a checkout at the provider.
   *
   * @throws PaymentProviderException when the provider refuses or cannot be reached
   * @throws IllegalArgumentException when the request's currency is not supported
   */
  Checkout createCheckout(CheckoutRequest request);

  /**
   * Verifies a provider notification and turns it into a payment fact.
   *
   * @throws PaymentVerificationException when the notification is not authentic, too old, or
   *     malformed
   */
  VerifiedNotification verify(Notification notification);

  /**
   * An optional capability of this gateway.
   *
   * @param type the capability interface, e.g. {@code RefundCapability.class}
   * @return the capability, or empty when this gateway does not have it
   */
  default <T extends GatewayCapability> Optional<T> capability(Class<T> type) {
    return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
  }

  /**
   * Releases what this gateway created itself (its own HTTP client, threads); idempotent, and a
   * no-op by default and for gateways that were given all their resources. Never closes a shared
   * client. A closed gateway must not be used.
   */
  @Override
  default void close() {}
}
