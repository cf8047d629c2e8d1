package io.github.remnawaveshop.core.payment;

/**
 * A gateway that can renew a subscription without the buyer: either the provider charges on its own
 * schedule and notifies (Stripe subscription mode, Telegram Stars subscriptions), or the shop asks it to
 * charge a saved method.
 */
public interface RecurringCapability extends GatewayCapability {

  /** Whether the provider renews on its own schedule and only notifies the shop. */
  boolean providerSchedulesRenewals();

  /**
   * Cancels automatic renewal of the provider-side subscription.
   *
   * @param providerSubscriptionId the provider's subscription id as given in {@link PaymentEvent#attributes()}
   * @throws PaymentProviderException when the provider refuses or cannot be reached
   */
  void cancelRenewal(String providerSubscriptionId);
}
