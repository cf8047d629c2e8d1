package io.github.remnawaveshop.examples.shopbot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.payments.tck.demo.DemoPayGateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the DemoPay provider, mounted at {@code /demopay/} on the shop's HTTP front
 * when no real gateway is configured. It serves DemoPay's API to the {@link DemoPayGateway} ({@code
 * POST /demopay/v1/payments} creates a payment, {@code GET /demopay/v1/payments/{id}} reads it) and
 * a checkout page per payment ({@code GET /demopay/checkout/{id}}) whose Pay button ({@code POST
 * /demopay/checkout/{id}/pay}) marks the payment paid and posts a correctly signed {@code
 * payment.succeeded} webhook to the shop's {@code /webhooks/payments/demopay}, as the real provider
 * would. Pressing it again delivers the same event again, the way providers redeliver, to show that
 * the shop credits it once. Payments live in memory. Thread-safe.
 */
final class DemoPayDesk implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(DemoPayDesk.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Secret apiKey;
  private final Secret webhookSecret;
  private final Supplier<String> publicBase;
  private final Supplier<URI> webhookUrl;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, DeskPayment> payments = new ConcurrentHashMap<>();
  private final Map<String, String> byIdempotencyKey = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger(1000);

  /**
   * @param publicBase the front's address as the buyer's browser sees it (checkout URLs start with
   *     it)
   * @param webhookUrl where the shop takes DemoPay's webhooks (the front's own, on loopback)
   */
  DemoPayDesk(
      Secret apiKey,
      Secret webhookSecret,
      Supplier<String> publicBase,
      Supplier<URI> webhookUrl,
      Clock clock) {
    this.apiKey = apiKey;
    this.webhookSecret = webhookSecret;
    this.publicBase = publicBase;
    this.webhookUrl = webhookUrl;
    this.clock = clock;
  }

  /** One payment the desk knows. */
  private static final class DeskPayment {
    final String id;
    final String order;
    final Money amount;
    final String description;
    final Optional<String> returnUrl;
    volatile boolean paid;
    volatile int deliveries;
    volatile int lastStatus;

    DeskPayment(
        String id, String order, Money amount, String description, Optional<String> returnUrl) {
      this.id = id;
      this.order = order;
      this.amount = amount;
      this.description = description;
      this.returnUrl = returnUrl;
    }
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getPath();
      String rest = path.startsWith("/demopay/") ? path.substring("/demopay/".length()) : "";
      if (rest.equals("v1/payments")) {
        if (Http.allow(ex, "POST")) {
          create(ex);
        }
      } else if (rest.startsWith("v1/payments/")) {
        if (Http.allow(ex, "GET")) {
          status(ex, rest.substring("v1/payments/".length()));
        }
      } else if (rest.startsWith("checkout/") && rest.endsWith("/pay")) {
        if (Http.allow(ex, "POST")) {
          pay(ex, rest.substring("checkout/".length(), rest.length() - "/pay".length()));
        }
      } else if (rest.startsWith("checkout/")) {
        if (Http.allow(ex, "GET", "HEAD")) {
          page(ex, rest.substring("checkout/".length()));
        }
      } else {
        Http.send(ex, 404, "text/plain; charset=utf-8", "not found");
      }
    } catch (RuntimeException e) {
      log.warn(
          "DemoPay desk failed on {} {}: {}",
          ex.getRequestMethod(),
          ex.getRequestURI().getPath(),
          e.toString());
      Http.send(ex, 500, "application/json", "{\"error\":{\"type\":\"internal\"}}");
    } finally {
      ex.close();
    }
  }

  private void create(HttpExchange ex) throws IOException {
    String auth = Optional.ofNullable(ex.getRequestHeaders().getFirst("Authorization")).orElse("");
    if (!MessageDigest.isEqual(
        auth.getBytes(StandardCharsets.UTF_8),
        ("Bearer " + apiKey.reveal()).getBytes(StandardCharsets.UTF_8))) {
      Http.send(ex, 401, "application/json", "{\"error\":{\"type\":\"unauthorized\"}}");
      return;
    }
    byte[] body = Http.body(ex);
    if (body == null) {
      return;
    }
    JsonNode req;
    Money amount;
    try {
      req = JSON.readTree(body);
      amount = Money.parse(req.path("amount").asText(), req.path("currency").asText());
    } catch (IOException | RuntimeException e) {
      Http.send(ex, 400, "application/json", "{\"error\":{\"type\":\"invalid_request\"}}");
      return;
    }
    String order = req.path("order").asText("");
    if (order.isEmpty()) {
      Http.send(ex, 400, "application/json", "{\"error\":{\"type\":\"invalid_request\"}}");
      return;
    }
    String key =
        Optional.ofNullable(ex.getRequestHeaders().getFirst("Idempotency-Key"))
            .orElse("order:" + order);
    String id =
        byIdempotencyKey.computeIfAbsent(
            key,
            k -> {
              String newId = "dp_" + ids.incrementAndGet();
              payments.put(
                  newId,
                  new DeskPayment(
                      newId,
                      order,
                      amount,
                      req.path("description").asText(""),
                      Optional.ofNullable(req.path("return_url").textValue())));
              return newId;
            });
    ObjectNode answer = JSON.createObjectNode().put("id", id).put("url", checkoutUrl(id));
    Http.send(ex, 200, "application/json", answer.toString());
  }

  private String checkoutUrl(String id) {
    return publicBase.get() + "/demopay/checkout/" + id;
  }

  private void status(HttpExchange ex, String id) throws IOException {
    DeskPayment p = payments.get(id);
    if (p == null) {
      Http.send(ex, 404, "application/json", "{\"error\":{\"type\":\"not_found\"}}");
      return;
    }
    ObjectNode o =
        JSON.createObjectNode()
            .put("id", p.id)
            .put("order", p.order)
            .put("amount", p.amount.toDecimalString())
            .put("currency", p.amount.currency())
            .put("status", p.paid ? "succeeded" : "pending")
            .put("webhook_deliveries", p.deliveries)
            .put("last_webhook_status", p.lastStatus);
    Http.send(ex, 200, "application/json", o.toString());
  }

  private void pay(HttpExchange ex, String id) throws IOException {
    Http.body(ex);
    DeskPayment p = payments.get(id);
    if (p == null) {
      Http.send(ex, 404, "text/plain; charset=utf-8", "no such payment");
      return;
    }
    p.paid = true;
    deliver(p);
    Http.redirect(ex, "/demopay/checkout/" + id);
  }

  /**
   * Posts the signed {@code payment.succeeded} event for a paid payment (the same event id every
   * time).
   */
  private void deliver(DeskPayment p) {
    ObjectNode event =
        JSON.createObjectNode().put("id", "evt_" + p.id).put("type", "payment.succeeded");
    event
        .putObject("data")
        .put("order", p.order)
        .put("payment_id", p.id)
        .put("amount", p.amount.toDecimalString())
        .put("currency", p.amount.currency());
    byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(webhookUrl.get())
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header(
                DemoPayGateway.signatureHeaderName(),
                DemoPayGateway.signatureHeader(webhookSecret, clock.instant(), body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    int status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      status = 0;
      log.warn("DemoPay webhook for payment {} could not be delivered: {}", p.id, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 0;
    }
    synchronized (p) {
      p.deliveries++;
      p.lastStatus = status;
    }
    log.info(
        "DemoPay webhook for payment {} (order {}) delivered, attempt {}: HTTP {}",
        p.id,
        p.order,
        p.deliveries,
        status);
  }

  private void page(HttpExchange ex, String id) throws IOException {
    DeskPayment p = payments.get(id);
    if (p == null) {
      Http.send(ex, 404, "text/html; charset=utf-8", page("DemoPay", "<p>No such payment.</p>"));
      return;
    }
    String amount = Http.html(p.amount.toDecimalString() + " " + p.amount.currency());
    StringBuilder b = new StringBuilder();
    b.append("<p class=\"muted\">Test payment — no money moves.</p>")
        .append("<p class=\"amount\">")
        .append(amount)
        .append("</p>")
        .append("<p>")
        .append(Http.html(p.description))
        .append("</p>")
        .append("<p class=\"muted\">Order <code>")
        .append(Http.html(p.order))
        .append("</code> · payment <code>")
        .append(Http.html(p.id))
        .append("</code></p>");
    String action = "/demopay/checkout/" + Http.html(p.id) + "/pay";
    if (!p.paid) {
      b.append("<form method=\"post\" action=\"")
          .append(action)
          .append("\"><button type=\"submit\">Pay ")
          .append(amount)
          .append("</button></form>");
    } else {
      b.append("<p class=\"ok\">Paid ✓ — the shop was notified (webhook deliveries: ")
          .append(p.deliveries)
          .append(", last answer HTTP ")
          .append(p.lastStatus)
          .append(").</p>")
          .append("<p>Go back to the chat: \u201cMy subscription\u201d shows the paid time.</p>")
          .append("<form method=\"post\" action=\"")
          .append(action)
          .append("\"><button type=\"submit\" class=\"second\">")
          .append("Deliver the webhook again</button></form>")
          .append(
              "<p class=\"muted\">Providers redeliver webhooks; the shop credits a payment once however often it arrives.</p>");
    }
    b.append("<p><a href=\"")
        .append(Http.html(p.returnUrl.orElse("/")))
        .append("\">Back to the shop</a></p>");
    Http.send(ex, 200, "text/html; charset=utf-8", page("DemoPay checkout", b.toString()));
  }

  private static String page(String title, String body) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + Http.html(title)
        + "</title>"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<style>body{font-family:system-ui,sans-serif;background:#eef1f5;margin:0;display:flex;justify-content:center}"
        + "main{background:#fff;margin:48px 16px;padding:28px 32px;border-radius:14px;max-width:420px;width:100%;"
        + "box-shadow:0 2px 12px rgba(0,0,0,.08)}h1{font-size:20px;margin:0 0 12px}.amount{font-size:32px;font-weight:600;"
        + "margin:8px 0}.muted{color:#6b7280;font-size:14px}.ok{color:#15803d;font-weight:600}button{font-size:17px;"
        + "padding:12px 22px;border:0;border-radius:10px;background:#2563eb;color:#fff;cursor:pointer;width:100%}"
        + "button.second{background:#e5e7eb;color:#111}code{font-size:13px}</style></head><body><main><h1>"
        + "DemoPay</h1>"
        + body
        + "</main></body></html>";
  }
}
