package io.github.remnawaveshop.payments.paypal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a verified PayPal webhook event into a {@link VerifiedNotification}:
 *
 * <ul>
 *   <li>{@code CHECKOUT.ORDER.APPROVED}: captures the order; a {@code COMPLETED} capture is a PAID
 *       event whose external id is the capture id, so the later {@code PAYMENT.CAPTURE.COMPLETED}
 *       for the same capture names the same payment and the core credits once;
 *   <li>{@code PAYMENT.CAPTURE.COMPLETED}: PAID; {@code custom_id} is the order reference;
 *   <li>{@code PAYMENT.CAPTURE.DENIED}: FAILED;
 *   <li>{@code PAYMENT.CAPTURE.REFUNDED}: REFUNDED, external id = the refunded capture's id (from
 *       the refund's {@code up} link), refund id in the attributes;
 *   <li>anything else: ignored (answered 200).
 * </ul>
 *
 * Thread-safe.
 */
final class WebhookEvents {
  private static final Logger log = LoggerFactory.getLogger(WebhookEvents.class);

  static final String ORDER_APPROVED = "CHECKOUT.ORDER.APPROVED";
  static final String CAPTURE_COMPLETED = "PAYMENT.CAPTURE.COMPLETED";
  static final String CAPTURE_DENIED = "PAYMENT.CAPTURE.DENIED";
  static final String CAPTURE_REFUNDED = "PAYMENT.CAPTURE.REFUNDED";

  private final String gatewayId;
  private final Clock clock;
  private final Function<String, JsonNode> captureOrder;

  /**
   * @param captureOrder captures a PayPal order by id and returns PayPal's answer; throws {@link
   *     PaymentProviderException} when PayPal refuses or cannot be reached
   */
  WebhookEvents(String gatewayId, Clock clock, Function<String, JsonNode> captureOrder) {
    this.gatewayId = gatewayId;
    this.clock = clock;
    this.captureOrder = captureOrder;
  }

  VerifiedNotification handle(JsonNode event) {
    String eventId = text(event, "id").orElseThrow(() -> malformed("event has no id"));
    String type =
        text(event, "event_type")
            .orElseThrow(() -> malformed("event " + eventId + " has no event_type"));
    JsonNode resource = event.path("resource");
    switch (type) {
      case ORDER_APPROVED:
        return approved(eventId, event, resource);
      case CAPTURE_COMPLETED:
        if (!"COMPLETED".equals(resource.path("status").asText())) {
          log.info(
              "PayPal event {} ({}): capture status {}, nothing to credit",
              eventId,
              type,
              resource.path("status").asText());
          return VerifiedNotification.ignored(eventId, type);
        }
        return VerifiedNotification.of(
            captureEvent(PaymentEvent.Type.PAID, eventId, event, resource, Optional.empty()), type);
      case CAPTURE_DENIED:
        return VerifiedNotification.of(
            captureEvent(PaymentEvent.Type.FAILED, eventId, event, resource, Optional.empty()),
            type);
      case CAPTURE_REFUNDED:
        return VerifiedNotification.of(refunded(eventId, event, resource), type);
      default:
        log.debug("PayPal event {} of type {} ignored", eventId, type);
        return VerifiedNotification.ignored(eventId, type);
    }
  }

  private VerifiedNotification approved(String eventId, JsonNode event, JsonNode order) {
    String orderId =
        text(order, "id")
            .orElseThrow(() -> malformed("event " + eventId + ": approved order has no id"));
    String intent = order.path("intent").asText("CAPTURE");
    String status = order.path("status").asText("APPROVED");
    if (!"CAPTURE".equals(intent) || !"APPROVED".equals(status)) {
      log.info(
          "PayPal event {}: order {} has intent {} and status {}; not captured here",
          eventId,
          orderId,
          intent,
          status);
      return VerifiedNotification.ignored(eventId, ORDER_APPROVED);
    }
    Optional<String> approvedReference = text(order.path("purchase_units").path(0), "custom_id");
    JsonNode answer;
    try {
      answer = captureOrder.apply(orderId);
    } catch (PaymentProviderException e) {
      if (e.getMessage().contains("(ORDER_ALREADY_CAPTURED)")) {
        log.info(
            "PayPal event {}: order {} was already captured; its PAYMENT.CAPTURE.COMPLETED credits it",
            eventId,
            orderId);
        return VerifiedNotification.ignored(eventId, ORDER_APPROVED);
      }
      if (e.isRetryable()) {
        // thrown on purpose: the webhook must fail so that PayPal delivers this event again and the
        // capture is retried
        throw e;
      }
      log.warn(
          "PayPal event {}: order {} could not be captured, not retried: {}",
          eventId,
          orderId,
          e.getMessage());
      return VerifiedNotification.ignored(eventId, ORDER_APPROVED);
    }
    JsonNode unit = answer.path("purchase_units").path(0);
    JsonNode capture = unit.path("payments").path("captures").path(0);
    if (!capture.isObject()) {
      throw new PaymentProviderException(
          "PayPal capture of order " + orderId + " answered without a capture", 200, null, null);
    }
    Optional<String> reference =
        text(capture, "custom_id").or(() -> text(unit, "custom_id")).or(() -> approvedReference);
    String captureStatus = capture.path("status").asText("");
    switch (captureStatus) {
      case "COMPLETED":
        return VerifiedNotification.of(
            captureEvent(PaymentEvent.Type.PAID, eventId, event, capture, reference),
            ORDER_APPROVED);
      case "DECLINED":
      case "FAILED":
        return VerifiedNotification.of(
            captureEvent(PaymentEvent.Type.FAILED, eventId, event, capture, reference),
            ORDER_APPROVED);
      default:
        log.info(
            "PayPal event {}: capture of order {} is {}; PAYMENT.CAPTURE.COMPLETED will credit it",
            eventId,
            orderId,
            captureStatus);
        return VerifiedNotification.ignored(eventId, ORDER_APPROVED);
    }
  }

  private PaymentEvent captureEvent(
      PaymentEvent.Type type,
      String eventId,
      JsonNode event,
      JsonNode capture,
      Optional<String> fallbackReference) {
    String captureId =
        text(capture, "id")
            .orElseThrow(() -> malformed("event " + eventId + ": capture has no id"));
    Map<String, String> attributes = new LinkedHashMap<>();
    text(capture.path("supplementary_data").path("related_ids"), "order_id")
        .ifPresent(id -> attributes.put("paypalOrderId", id));
    text(capture, "status").ifPresent(s -> attributes.put("captureStatus", s));
    return new PaymentEvent(
        gatewayId,
        type,
        eventId,
        text(capture, "custom_id").or(() -> fallbackReference),
        captureId,
        amount(eventId, capture),
        occurredAt(capture, event),
        false,
        Optional.empty(),
        false,
        attributes);
  }

  private PaymentEvent refunded(String eventId, JsonNode event, JsonNode refund) {
    String refundId =
        text(refund, "id").orElseThrow(() -> malformed("event " + eventId + ": refund has no id"));
    String captureId =
        OrderJson.link(refund, "up")
            .map(WebhookEvents::lastSegment)
            .filter(s -> !s.isEmpty())
            .orElseThrow(
                () ->
                    malformed(
                        "event "
                            + eventId
                            + ": refund "
                            + refundId
                            + " has no 'up' link to its capture"));
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("refundId", refundId);
    text(refund, "status").ifPresent(s -> attributes.put("refundStatus", s));
    return new PaymentEvent(
        gatewayId,
        PaymentEvent.Type.REFUNDED,
        eventId,
        text(refund, "custom_id"),
        captureId,
        amount(eventId, refund),
        occurredAt(refund, event),
        false,
        Optional.empty(),
        false /* one event per refund: the amount is that refund alone */,
        attributes);
  }

  private Money amount(String eventId, JsonNode resource) {
    JsonNode amount = resource.path("amount");
    String value =
        text(amount, "value")
            .orElseThrow(() -> malformed("event " + eventId + " has no amount.value"));
    String currency =
        text(amount, "currency_code")
            .orElseThrow(() -> malformed("event " + eventId + " has no amount.currency_code"));
    try {
      return PayPalAmounts.parse(value, currency);
    } catch (IllegalArgumentException e) {
      throw malformed("event " + eventId + " has a bad amount: " + e.getMessage());
    }
  }

  private Instant occurredAt(JsonNode resource, JsonNode event) {
    for (Optional<String> candidate :
        java.util.List.of(
            text(resource, "update_time"),
            text(resource, "create_time"),
            text(event, "create_time"))) {
      if (candidate.isPresent()) {
        try {
          return OffsetDateTime.parse(candidate.get()).toInstant();
        } catch (DateTimeParseException ignored) {
          // try the next one
        }
      }
    }
    return clock.instant();
  }

  private static String lastSegment(String href) {
    String path = href.contains("?") ? href.substring(0, href.indexOf('?')) : href;
    return path.substring(path.lastIndexOf('/') + 1);
  }

  static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank()
        ? Optional.of(value.asText())
        : Optional.empty();
  }

  private static PaymentVerificationException malformed(String message) {
    return new PaymentVerificationException(Reason.MALFORMED, "PayPal webhook: " + message);
  }
}
