package io.github.remnawaveshop.examples.shopbot;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.remnawaveshop.core.panel.PanelException;
import io.github.remnawaveshop.core.panel.PanelWebhookEvent;
import io.github.remnawaveshop.core.panel.PanelWebhooks;
import io.github.remnawaveshop.core.subscription.SubscriptionEngine;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /webhooks/panel}: verifies a Remnawave panel webhook with {@code PANEL_WEBHOOK_SECRET} and
 * feeds it to the engine ({@code user.deleted} re-provisioning, expiry reminders). Without a secret
 * the endpoint answers 404, so unsigned events are never taken.
 */
final class PanelWebhookEndpoint implements HttpHandler {
  static final String PATH = "/webhooks/panel";
  private static final Logger log = LoggerFactory.getLogger(PanelWebhookEndpoint.class);

  private final Optional<PanelWebhooks> verifier;
  private final SubscriptionEngine engine;

  PanelWebhookEndpoint(Optional<PanelWebhooks> verifier, SubscriptionEngine engine) {
    this.verifier = verifier;
    this.engine = engine;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!Http.allow(ex, "POST")) {
        return;
      }
      if (verifier.isEmpty()) {
        Http.send(
            ex,
            404,
            "text/plain; charset=utf-8",
            "panel webhooks are off: set PANEL_WEBHOOK_SECRET");
        return;
      }
      byte[] body = Http.body(ex);
      if (body == null) {
        return;
      }
      PanelWebhookEvent event;
      try {
        event =
            verifier
                .get()
                .verify(ex.getRequestHeaders().getFirst(PanelWebhooks.SIGNATURE_HEADER), body);
      } catch (PanelException e) {
        log.warn("Panel webhook rejected: {}", e.getMessage());
        Http.send(
            ex,
            e.kind() == PanelException.Kind.INVALID_SIGNATURE ? 401 : 400,
            "text/plain; charset=utf-8",
            e.kind() == PanelException.Kind.INVALID_SIGNATURE
                ? "invalid signature"
                : "not a panel event");
        return;
      }
      boolean acted = engine.onPanelEvent(event);
      log.info(
          "Panel webhook {} ({}): {}",
          event.event(),
          event.deliveryId(),
          acted ? "handled" : "nothing to do");
      Http.send(ex, 200, "application/json", "{\"ok\":true}");
    }
  }
}
