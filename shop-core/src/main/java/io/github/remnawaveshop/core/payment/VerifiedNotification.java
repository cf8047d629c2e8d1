package io.github.remnawaveshop.core.payment;

import java.util.Objects;
import java.util.Optional;

/**
 * A notification whose authenticity the gateway has checked.
 *
 * @param providerEventId the provider's id of this delivery, the same on redelivery (for
 *     deduplication)
 * @param eventType the provider's own event name ({@code checkout.session.completed}, {@code
 *     PAYMENT.CAPTURE.COMPLETED}, …)
 * @param event the payment fact to apply, or empty when the notification needs no crediting (an
 *     event type the shop ignores, a completed session whose payment is still pending, …)
 * @param reply the answer the provider expects once the notification has been handled
 */
public record VerifiedNotification(
    String providerEventId, String eventType, Optional<PaymentEvent> event, WebhookReply reply) {

  /** Validates. */
  public VerifiedNotification {
    Objects.requireNonNull(providerEventId, "providerEventId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(reply, "reply");
  }

  /** A notification that carries a payment fact, answered with {@code 200 OK}. */
  public static VerifiedNotification of(PaymentEvent event, String eventType) {
    return new VerifiedNotification(
        event.providerEventId(), eventType, Optional.of(event), WebhookReply.ok("ok"));
  }

  /** A genuine notification that needs no crediting, answered with {@code 200 OK}. */
  public static VerifiedNotification ignored(String providerEventId, String eventType) {
    return new VerifiedNotification(
        providerEventId, eventType, Optional.empty(), WebhookReply.ok("ignored"));
  }

  /** The same notification with another reply. */
  public VerifiedNotification withReply(WebhookReply reply) {
    return new VerifiedNotification(providerEventId, eventType, event, reply);
  }
}
