package io.github.remnawaveshop.payments.stripe;

import static io.github.remnawaveshop.payments.stripe.StripeApi.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.core.payment.PaymentEvent.Type;
import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an authentic Stripe event body into a {@link VerifiedNotification}. Which Stripe id is the
 * {@link PaymentEvent#externalPaymentId()}:
 *
 * <ul>
 *   <li>payment-mode Checkout Sessions: the PaymentIntent ({@code pi_…}), which {@code
 *       charge.refunded} names as well, so a refund matches the payment it returns;
 *   <li>subscription-mode sessions and {@code invoice.paid}: the Invoice ({@code in_…}), one per
 *       charge of the subscription (falling back to the subscription id if an old API version
 *       leaves the session without an invoice);
 *   <li>{@code charge.refunded}: the charge's invoice when the event carries one (subscription
 *       payments on API versions that still put {@code invoice} on charges), else its
 *       PaymentIntent, else the charge.
 * </ul>
 *
 * The first payment of a subscription is credited from the session events; {@code invoice.paid}
 * with {@code billing_reason = subscription_create} is therefore ignored, and later invoices are
 * renewals. Stateless and thread-safe.
 */
final class StripeEventParser {
  static final String SESSION_COMPLETED = "checkout.session.completed";
  static final String SESSION_ASYNC_SUCCEEDED = "checkout.session.async_payment_succeeded";
  static final String SESSION_ASYNC_FAILED = "checkout.session.async_payment_failed";
  static final String CHARGE_REFUNDED = "charge.refunded";
  static final String INVOICE_PAID = "invoice.paid";

  /**
   * Metadata key under which the shop's order reference travels on sessions, payment intents and
   * subscriptions.
   */
  static final String ORDER_REFERENCE = "order_reference";

  private final String gatewayId;
  private final ObjectMapper json;

  StripeEventParser(String gatewayId, ObjectMapper json) {
    this.gatewayId = gatewayId;
    this.json = json;
  }

  VerifiedNotification parse(byte[] body) {
    JsonNode event;
    try {
      event = json.readTree(body);
    } catch (IOException e) {
      throw malformed("body is not JSON");
    }
    if (event == null || !event.isObject()) {
      throw malformed("body is not a JSON object");
    }
    String eventId = textOf(event, "id").orElseThrow(() -> malformed("event has no id"));
    String type =
        textOf(event, "type").orElseThrow(() -> malformed("event " + eventId + " has no type"));
    JsonNode data = event.path("data").path("object");
    Instant created =
        event.path("created").canConvertToLong()
            ? Instant.ofEpochSecond(event.path("created").asLong())
            : null;
    Context ctx =
        new Context(eventId, type, data, created, event.path("livemode").asBoolean(false));
    switch (type) {
      case SESSION_COMPLETED:
        return session(ctx, true);
      case SESSION_ASYNC_SUCCEEDED:
        return session(ctx, false);
      case SESSION_ASYNC_FAILED:
        return failedSession(ctx);
      case CHARGE_REFUNDED:
        return refund(ctx);
      case INVOICE_PAID:
        return invoice(ctx);
      default:
        return VerifiedNotification.ignored(eventId, type);
    }
  }

  private VerifiedNotification session(Context ctx, boolean mustBePaid) {
    JsonNode s = ctx.object("checkout.session");
    if (mustBePaid && !"paid".equals(textOf(s, "payment_status").orElse(""))) {
      // unpaid: a delayed method (bank debit) still pending; async_payment_succeeded credits it
      // later.
      // no_payment_required: nothing was charged, so nothing to credit.
      return VerifiedNotification.ignored(ctx.eventId, ctx.type);
    }
    return VerifiedNotification.of(sessionEvent(ctx, s, Type.PAID), ctx.type);
  }

  private VerifiedNotification failedSession(Context ctx) {
    JsonNode s = ctx.object("checkout.session");
    return VerifiedNotification.of(sessionEvent(ctx, s, Type.FAILED), ctx.type);
  }

  private PaymentEvent sessionEvent(Context ctx, JsonNode s, Type type) {
    String sessionId = textOf(s, "id").orElseThrow(() -> ctx.malformed("session has no id"));
    Money amount = ctx.money(s, "amount_total");
    Map<String, String> attributes = ctx.attributes();
    attributes.put("session_id", sessionId);
    String externalId;
    boolean recurring = "subscription".equals(textOf(s, "mode").orElse("payment"));
    Optional<String> subscription = recurring ? idOf(s, "subscription") : Optional.empty();
    if (recurring) {
      Optional<String> invoice = idOf(s, "invoice");
      invoice.ifPresent(id -> attributes.put("invoice_id", id));
      externalId =
          invoice
              .or(() -> subscription)
              .orElseThrow(
                  () ->
                      ctx.malformed(
                          "subscription-mode session "
                              + sessionId
                              + " names no invoice or subscription"));
    } else {
      externalId =
          idOf(s, "payment_intent")
              .orElseThrow(
                  () ->
                      ctx.malformed(
                          "payment-mode session " + sessionId + " has no payment_intent"));
      attributes.put("payment_intent", externalId);
    }
    Optional<String> order =
        textOf(s, "client_reference_id").or(() -> textOf(s.path("metadata"), ORDER_REFERENCE));
    return new PaymentEvent(
        gatewayId,
        type,
        ctx.eventId,
        order,
        externalId,
        amount,
        ctx.occurredAt(),
        recurring,
        subscription,
        false,
        attributes);
  }

  private VerifiedNotification refund(Context ctx) {
    JsonNode charge = ctx.object("charge");
    String chargeId = textOf(charge, "id").orElseThrow(() -> ctx.malformed("charge has no id"));
    Money refunded = ctx.money(charge, "amount_refunded");
    if (refunded.minorUnits() == 0) {
      return VerifiedNotification.ignored(ctx.eventId, ctx.type);
    }
    Map<String, String> attributes = ctx.attributes();
    attributes.put("charge_id", chargeId);
    attributes.put("fully_refunded", Boolean.toString(charge.path("refunded").asBoolean(false)));
    Optional<String> paymentIntent = idOf(charge, "payment_intent");
    paymentIntent.ifPresent(id -> attributes.put("payment_intent", id));
    Optional<String> invoice = idOf(charge, "invoice");
    invoice.ifPresent(id -> attributes.put("invoice_id", id));
    String externalId = invoice.or(() -> paymentIntent).orElse(chargeId);
    Optional<String> order = textOf(charge.path("metadata"), ORDER_REFERENCE);
    return VerifiedNotification.of(
        // amount_refunded is the charge's running total: after a 3.00 and a 2.00 refund the second
        // event says 5.00
        new PaymentEvent(
            gatewayId,
            Type.REFUNDED,
            ctx.eventId,
            order,
            externalId,
            refunded,
            ctx.occurredAt(),
            false,
            Optional.empty(),
            true,
            attributes),
        ctx.type);
  }

  private VerifiedNotification invoice(Context ctx) {
    JsonNode invoice = ctx.object("invoice");
    String invoiceId = textOf(invoice, "id").orElseThrow(() -> ctx.malformed("invoice has no id"));
    String billingReason = textOf(invoice, "billing_reason").orElse("");
    // API versions from 2025-03-31 move the subscription under parent.subscription_details
    JsonNode details = invoice.path("parent").path("subscription_details");
    Optional<String> subscription =
        idOf(invoice, "subscription").or(() -> idOf(details, "subscription"));
    if (subscription.isEmpty() || "subscription_create".equals(billingReason)) {
      // not a subscription invoice, or the first one, which the Checkout Session events credit
      return VerifiedNotification.ignored(ctx.eventId, ctx.type);
    }
    Money paid = ctx.money(invoice, "amount_paid");
    if (paid.minorUnits() == 0) {
      return VerifiedNotification.ignored(ctx.eventId, ctx.type);
    }
    Map<String, String> attributes = ctx.attributes();
    attributes.put("invoice_id", invoiceId);
    if (!billingReason.isEmpty()) {
      attributes.put("billing_reason", billingReason);
    }
    Optional<String> order =
        textOf(details.path("metadata"), ORDER_REFERENCE)
            .or(
                () ->
                    textOf(invoice.path("subscription_details").path("metadata"), ORDER_REFERENCE));
    Instant paidAt =
        invoice.path("status_transitions").path("paid_at").canConvertToLong()
                && !invoice.path("status_transitions").path("paid_at").isNull()
            ? Instant.ofEpochSecond(invoice.path("status_transitions").path("paid_at").asLong())
            : ctx.occurredAt();
    return VerifiedNotification.of(
        new PaymentEvent(
            gatewayId,
            Type.PAID,
            ctx.eventId,
            order,
            invoiceId,
            paid,
            paidAt,
            true,
            subscription,
            false,
            attributes),
        ctx.type);
  }

  /**
   * An id field that Stripe gives either as a string or, when expanded, as an object with an id.
   */
  private static Optional<String> idOf(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    return v.isObject() ? textOf(v, "id") : textOf(node, field);
  }

  private static PaymentVerificationException malformed(String what) {
    return new PaymentVerificationException(Reason.MALFORMED, "Stripe event: " + what);
  }

  /** What every handler needs from the event envelope. */
  private record Context(
      String eventId, String type, JsonNode data, Instant created, boolean livemode) {

    JsonNode object(String expected) {
      if (!data.isObject()) {
        throw malformed("has no data.object");
      }
      String actual = textOf(data, "object").orElse("");
      if (!expected.equals(actual)) {
        throw malformed("carries a '" + actual + "' object where '" + expected + "' belongs");
      }
      return data;
    }

    Money money(JsonNode node, String amountField) {
      JsonNode amount = node.get(amountField);
      Optional<String> currency = textOf(node, "currency");
      if (amount == null
          || !amount.canConvertToLong()
          || !amount.isIntegralNumber()
          || currency.isEmpty()) {
        throw malformed("has no valid " + amountField + " and currency");
      }
      try {
        return StripeAmounts.fromStripe(amount.asLong(), currency.get());
      } catch (IllegalArgumentException e) {
        throw malformed("has an invalid " + amountField + " or currency: " + e.getMessage());
      }
    }

    Instant occurredAt() {
      if (created == null) {
        throw malformed("has no created timestamp");
      }
      return created;
    }

    Map<String, String> attributes() {
      Map<String, String> a = new LinkedHashMap<>();
      a.put("livemode", Boolean.toString(livemode));
      return a;
    }

    PaymentVerificationException malformed(String what) {
      return StripeEventParser.malformed("event " + eventId + " (" + type + ") " + what);
    }
  }
}
