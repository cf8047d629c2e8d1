package io.github.remnawaveshop.core.payment;

import java.util.Objects;

/**
 * The HTTP answer a provider expects to a notification. Providers differ: Stripe and PayPal want
 * any 2xx, Robokassa wants exactly {@code OK<InvId>} in the body or it retries.
 *
 * @param status HTTP status code
 * @param contentType the body's media type
 * @param body the body text
 */
public record WebhookReply(int status, String contentType, String body) {

  /** Validates the status and body. */
  public WebhookReply {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP status code; was " + status);
    }
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }

  /** {@code 200 OK} with a plain-text body. */
  public static WebhookReply ok(String body) {
    return new WebhookReply(200, "text/plain; charset=utf-8", body);
  }

  /** A plain-text answer with the given status. */
  public static WebhookReply text(int status, String body) {
    return new WebhookReply(status, "text/plain; charset=utf-8", body);
  }
}
