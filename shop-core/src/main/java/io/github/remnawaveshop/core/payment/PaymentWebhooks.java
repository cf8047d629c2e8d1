package io.github.remnawaveshop.core.payment;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point for payment provider notifications: {@code handle(gatewayId, headers,
 * rawBody)} verifies the notification with the gateway, then hands it to a {@link PaymentEventSink}
 * that deduplicates it by provider event id and applies it in one transaction. It returns the HTTP
 * answer the provider expects. Framework-agnostic (mount it on any HTTP server); immutable and
 * thread-safe.
 *
 * <table>
 *   <caption>HTTP answers</caption>
 *   <tr><th>situation</th><th>status</th><th>body</th><th>credited</th></tr>
 *   <tr><td>applied, duplicate delivery, or a genuine event that needs nothing</td>
 *       <td>the gateway's {@link WebhookReply} (2xx; e.g. Robokassa's {@code OK<InvId>})</td><td>gateway's</td>
 *       <td>once</td></tr>
 *   <tr><td>unknown gateway id</td><td>404</td><td>{@code unknown payment gateway}</td><td>no</td></tr>
 *   <tr><td>signature missing ({@code MISSING_SIGNATURE})</td><td>401</td><td>{@code missing signature}</td><td>no</td></tr>
 *   <tr><td>signature wrong, too old, or provider said no ({@code BAD_SIGNATURE}, {@code EXPIRED},
 *       {@code REJECTED_BY_PROVIDER})</td><td>401</td><td>{@code invalid signature} / {@code expired} /
 *       {@code rejected}</td><td>no</td></tr>
 *   <tr><td>body not what the protocol says ({@code MALFORMED})</td><td>400</td><td>{@code malformed notification}</td><td>no</td></tr>
 *   <tr><td>verification needed the provider and it could not be reached</td><td>503</td>
 *       <td>{@code try again later}</td><td>no (the provider retries)</td></tr>
 *   <tr><td>unknown order or payment</td><td>422</td><td>{@code unknown order}</td><td>no</td></tr>
 *   <tr><td>amount or currency differs from the order</td><td>422</td><td>{@code amount mismatch}</td><td>no</td></tr>
 *   <tr><td>the shop could not apply it now (database down)</td><td>503</td><td>{@code try again later}</td>
 *       <td>no (the provider retries)</td></tr>
 * </table>
 *
 * <p>Every answer is logged at one line with the gateway id, the provider event id when known and
 * the outcome; never the body, headers or signatures.
 */
public final class PaymentWebhooks {
  private static final Logger log = LoggerFactory.getLogger(PaymentWebhooks.class);

  private final PaymentGateways gateways;
  private final PaymentEventSink sink;

  private PaymentWebhooks(PaymentGateways gateways, PaymentEventSink sink) {
    this.gateways = gateways;
    this.sink = sink;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Handles a POST notification.
   *
   * @param gatewayId the gateway id from the webhook path ({@code /webhooks/payments/{gatewayId}})
   * @param headers the request headers (any case)
   * @param rawBody the raw body bytes, exactly as received
   * @return the answer to send
   */
  public WebhookReply handle(String gatewayId, Map<String, List<String>> headers, byte[] rawBody) {
    return handle(gatewayId, new Notification("POST", headers, "", rawBody));
  }

  /**
   * Handles a notification with its method and query string (Robokassa may notify with GET).
   *
   * @param gatewayId the gateway id from the webhook path
   * @param notification the request as received
   * @return the answer to send
   */
  public WebhookReply handle(String gatewayId, Notification notification) {
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(notification, "notification");
    PaymentGateway gateway = gateways.get(gatewayId).orElse(null);
    if (gateway == null) {
      log.warn("Payment webhook for unknown gateway '{}' rejected (404)", printable(gatewayId));
      return WebhookReply.text(404, "unknown payment gateway");
    }
    VerifiedNotification verified;
    try {
      verified = gateway.verify(notification);
    } catch (PaymentVerificationException e) {
      WebhookReply reply = rejection(e.reason());
      log.warn(
          "Payment webhook of '{}' rejected ({} {}): {}",
          gatewayId,
          reply.status(),
          e.reason(),
          e.getMessage());
      return reply;
    } catch (PaymentProviderException e) {
      log.warn(
          "Payment webhook of '{}' could not be verified now (503): {}", gatewayId, e.getMessage());
      return WebhookReply.text(503, "try again later");
    }
    ApplyResult result;
    try {
      result = sink.apply(gatewayId, verified);
    } catch (RuntimeException e) {
      log.error(
          "Payment webhook of '{}' event {} not applied (503); the provider will deliver it again",
          gatewayId,
          verified.providerEventId(),
          e);
      return WebhookReply.text(503, "try again later");
    }
    WebhookReply reply =
        switch (result.outcome()) {
          case APPLIED, DUPLICATE, IGNORED -> verified.reply();
          case UNKNOWN_ORDER -> WebhookReply.text(422, "unknown order");
          case AMOUNT_MISMATCH -> WebhookReply.text(422, "amount mismatch");
        };
    if (result.accepted()) {
      log.info(
          "Payment webhook of '{}' event {} ({}): {} - {}",
          gatewayId,
          verified.providerEventId(),
          verified.eventType(),
          result.outcome(),
          result.detail());
    } else {
      log.warn(
          "Payment webhook of '{}' event {} ({}) refused ({}): {} - {}",
          gatewayId,
          verified.providerEventId(),
          verified.eventType(),
          reply.status(),
          result.outcome(),
          result.detail());
    }
    return reply;
  }

  private static WebhookReply rejection(PaymentVerificationException.Reason reason) {
    return switch (reason) {
      case MISSING_SIGNATURE -> WebhookReply.text(401, "missing signature");
      case BAD_SIGNATURE -> WebhookReply.text(401, "invalid signature");
      case EXPIRED -> WebhookReply.text(401, "expired");
      case REJECTED_BY_PROVIDER -> WebhookReply.text(401, "rejected");
      case MALFORMED -> WebhookReply.text(400, "malformed notification");
    };
  }

  private static String printable(String id) {
    String cut = id.length() > 40 ? id.substring(0, 40) + "…" : id;
    return cut.replaceAll("[^A-Za-z0-9_.:-]", "?");
  }

  /** Builder of {@link PaymentWebhooks}; not thread-safe. */
  public static final class Builder {
    private @Nullable PaymentGateways gateways;
    private @Nullable PaymentEventSink sink;

    private Builder() {}

    /** The gateways that verify notifications (required). */
    public Builder gateways(PaymentGateways gateways) {
      this.gateways = Objects.requireNonNull(gateways, "gateways");
      return this;
    }

    /** Where verified notifications go (required; usually the subscription engine). */
    public Builder sink(PaymentEventSink sink) {
      this.sink = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /**
     * Builds the webhook handler.
     *
     * @throws IllegalStateException when gateways or sink are missing
     */
    public PaymentWebhooks build() {
      if (gateways == null) {
        throw new IllegalStateException("gateways must be set");
      }
      if (sink == null) {
        throw new IllegalStateException("sink must be set");
      }
      return new PaymentWebhooks(gateways, sink);
    }
  }
}
