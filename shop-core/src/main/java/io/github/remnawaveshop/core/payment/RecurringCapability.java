package io.github.remnawaveshop.core.payment;

/**
 * A gateway that can renew a subscription without the buyer: either the provider charges on its own
 * schedule and notifies (Stripe subscription mode, Telegram Stars subscriptions), or the shop asks
 * it to charge a saved method.
 */
public interface RecurringCapability extends GatewayCapability {

  /** Whether the provider renews on its own schedule and only notifies the shop. */
  boolean providerSchedulesRenewals();

  /**
   * Cancels automatic renewal of the provider-side subscription.
   *
   * @param providerSubscriptionId the provider's subscription id as given in {@link
   *     PaymentEvent#attributes()}
   * @throws PaymentProviderException when the provider refuses or cannot be reached
   */
  void cancelRenewal(String providerSubscriptionId);

  /**
   * Charges the buyer's saved payment method for one renewal, for gateways where the shop schedules
   * renewals ({@link #providerSchedulesRenewals()} is false). The outcome arrives later as a {@link
   * PaymentEvent} for {@code request.orderReference()}, like any other payment.
   *
   * @param request the renewal order (reference, amount, idempotency key)
   * @param providerSubscriptionId the provider's subscription or saved method id ({@code
   *     PaymentEvent.providerSubscriptionId()} of the first payment's event)
   * @throws PaymentProviderException when the provider refuses or cannot be reached
   * @throws UnsupportedOperationException when the provider schedules renewals itself (the default)
   */
  default void chargeRenewal(CheckoutRequest request, String providerSubscriptionId) {
    throw new UnsupportedOperationException(
        "gateway renews on the provider's schedule; the shop cannot charge");
  }
}
