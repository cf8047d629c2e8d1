package io.github.remnawaveshop.core.payment;

/**
 * Where {@link PaymentWebhooks} delivers verified notifications: the subscription engine implements
 * it. An implementation deduplicates by {@code (gatewayId, providerEventId)} and applies the
 * payment fact in the same database transaction, so a notification is either fully applied and
 * remembered, or neither. Must be thread-safe: the same notification may arrive on many threads at
 * once.
 */
@FunctionalInterface
public interface PaymentEventSink {

  /**
   * Deduplicates and applies one verified notification.
   *
   * @param gatewayId the gateway that verified it
   * @param notification the verified notification
   * @return what happened
   * @throws RuntimeException when the shop could not decide (database unavailable): the webhook
   *     answers {@code 503} so the provider delivers again later
   */
  ApplyResult apply(String gatewayId, VerifiedNotification notification);
}
