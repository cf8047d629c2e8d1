package io.github.remnawaveshop.examples.shopbot;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentWebhooks;
import io.github.remnawaveshop.core.payment.WebhookReply;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code /webhooks/payments/{gateway}}: hands the raw request to the engine's {@link
 * PaymentWebhooks} (verify, deduplicate, credit once) and answers what it says. POST, and GET for
 * providers that notify that way (Robokassa may). The body is never logged.
 */
final class PaymentWebhookEndpoint implements HttpHandler {
  static final String PREFIX = "/webhooks/payments/";

  private final PaymentWebhooks webhooks;

  PaymentWebhookEndpoint(PaymentWebhooks webhooks) {
    this.webhooks = webhooks;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!Http.allow(ex, "POST", "GET")) {
        return;
      }
      String gateway = ex.getRequestURI().getPath().substring(PREFIX.length());
      if (gateway.isEmpty() || gateway.contains("/")) {
        Http.send(ex, 404, "text/plain; charset=utf-8", "unknown payment gateway");
        return;
      }
      byte[] body = Http.body(ex);
      if (body == null) {
        return;
      }
      Notification n =
          new Notification(
              ex.getRequestMethod(),
              ex.getRequestHeaders(),
              Optional.ofNullable(ex.getRequestURI().getRawQuery()).orElse(""),
              body);
      WebhookReply reply = webhooks.handle(gateway, n);
      Http.send(ex, reply.status(), reply.contentType(), reply.body());
    }
  }
}
