package io.github.remnawaveshop.examples.shopbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.remnawaveshop.core.store.Payment;
import io.github.remnawaveshop.testkit.TestDatabase;
import io.github.remnawaveshop.testkit.TestServers;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example bot started in-process on a free port, with the shop's PostgreSQL from the test
 * servers and every other part embedded: the HTTP front answers health, the sandbox page and its
 * chat, and a DemoPay purchase paid from the checkout page is credited once although its webhook
 * arrives twice.
 */
class ShopBotAppTest {
  @TempDir static Path dataDir;
  static TestDatabase db;
  static ShopBotApp app;
  static FrontClient front;

  @BeforeAll
  static void start() {
    db = TestServers.postgres().createDatabase();
    app =
        ShopBotApp.start(
            ShopConfig.from(
                ConfigSource.of(
                    Map.of(
                        "HTTP_PORT",
                        "0",
                        "DATABASE_URL",
                        db.jdbcUrl(),
                        "SHOP_DATA_DIR",
                        dataDir.toString()))));
    front = new FrontClient(app.url());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void healthAndMetricsAnswer() throws Exception {
    HttpResponse<String> health = front.get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode report = FrontClient.JSON.readTree(health.body());
    assertThat(report.path("status").asText()).isEqualTo("HEALTHY");
    assertThat(report.path("components").findValuesAsText("name"))
        .contains("postgres", "panel", "telegram");
    HttpResponse<String> metrics = front.get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("shop_uptime_seconds");
  }

  @Test
  void thePartsSayWhatIsRealAndWhatEmbedded() {
    assertThat(app.parts().parts())
        .extracting(StartupReport.Part::name, StartupReport.Part::embedded)
        .contains(
            org.assertj.core.groups.Tuple.tuple("postgres", false),
            org.assertj.core.groups.Tuple.tuple("telegram", true),
            org.assertj.core.groups.Tuple.tuple("panel", true),
            org.assertj.core.groups.Tuple.tuple("payments", true),
            org.assertj.core.groups.Tuple.tuple("redis", true),
            org.assertj.core.groups.Tuple.tuple("stars", true));
  }

  @Test
  void theSandboxPageLoadsAndStartShowsTheMenu() throws Exception {
    HttpResponse<String> page = front.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("<html", "VPN Shop");
    JsonNode config = FrontClient.JSON.readTree(front.get("/sandbox/api/config").body());
    assertThat(config.path("users").findValuesAsText("name"))
        .containsExactly("Alice", "Bob", "Admin");

    front.send(TelegramWiring.BOB, "/start");
    JsonNode menu = front.awaitBotMessage(TelegramWiring.BOB, m -> FrontClient.hasData(m, "m:buy"));
    assertThat(menu.path("html").asText()).contains("VPN Shop");
    assertThat(FrontClient.hasData(menu, "m:sub")).isTrue();
  }

  @Test
  void aDemoPayPurchaseIsCreditedOnceWhenItsWebhookArrivesTwice() throws Exception {
    long alice = TelegramWiring.ALICE;
    front.send(alice, "/start");
    JsonNode menu = front.awaitBotMessage(alice, m -> FrontClient.hasData(m, "m:buy"));
    long id = menu.path("id").asLong();
    front.press(alice, id, "m:buy");
    front.awaitBotMessage(alice, m -> FrontClient.hasData(m, "p:month"));
    front.press(alice, id, "p:month");
    front.awaitBotMessage(alice, m -> FrontClient.hasData(m, "pay:month:demopay:USD"));
    front.press(alice, id, "pay:month:demopay:USD");
    JsonNode checkout = front.awaitBotMessage(alice, m -> m.path("html").asText().contains("ord_"));
    URI payPage = URI.create(FrontClient.url(checkout));
    assertThat(payPage.getPath()).startsWith("/demopay/checkout/");

    HttpResponse<String> page = front.get(payPage.getPath());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Pay 2.99 USD");
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> paid =
          front.post(payPage.getPath() + "/pay", "application/x-www-form-urlencoded", "");
      assertThat(paid.statusCode()).isEqualTo(303);
    }
    String paymentId = payPage.getPath().substring("/demopay/checkout/".length());
    JsonNode desk =
        FrontClient.JSON.readTree(front.get("/demopay/v1/payments/" + paymentId).body());
    assertThat(desk.path("status").asText()).isEqualTo("succeeded");
    assertThat(desk.path("webhook_deliveries").asInt()).isEqualTo(2);
    assertThat(desk.path("last_webhook_status").asInt()).isEqualTo(200);

    List<Payment> payments = app.engine().recentPayments(alice, 10);
    assertThat(payments).hasSize(1);
    front.awaitBotMessage(alice, m -> m.path("html").asText().contains("Payment received"));
    Thread.sleep(500);
    assertThat(
            front.botMessages(alice).stream()
                .filter(m -> m.path("html").asText().contains("Payment received")))
        .hasSize(1);
    Instant endsAt = app.engine().activeSubscription(alice).orElseThrow().endsAt();
    assertThat(endsAt)
        .isBetween(
            Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));
    assertThat(front.get("/webhooks/panel").statusCode()).isEqualTo(405);
  }

  @Test
  void aStarsPurchaseIsPaidFromTheSandbox() throws Exception {
    long admin = TelegramWiring.SANDBOX_ADMIN;
    front.send(admin, "/start");
    JsonNode menu = front.awaitBotMessage(admin, m -> FrontClient.hasData(m, "m:buy"));
    long id = menu.path("id").asLong();
    front.press(admin, id, "m:buy");
    front.awaitBotMessage(admin, m -> FrontClient.hasData(m, "p:year"));
    front.press(admin, id, "p:year");
    front.awaitBotMessage(admin, m -> FrontClient.hasData(m, "pay:year:stars:XTR"));
    front.press(admin, id, "pay:year:stars:XTR");
    JsonNode invoice = front.awaitBotMessage(admin, m -> FrontClient.payLink(m) != null);
    front.payLink(admin, FrontClient.payLink(invoice));
    front.awaitBotMessage(admin, m -> m.path("html").asText().contains("Payment received"));
    assertThat(app.engine().recentPayments(admin, 10))
        .singleElement()
        .satisfies(p -> assertThat(p.amount().currency()).isEqualTo("XTR"));
    assertThat(app.engine().activeSubscription(admin).orElseThrow().endsAt())
        .isAfter(Instant.now().plus(Duration.ofDays(364)));
  }

  @Test
  void paymentWebhooksRefuseUnsignedAndUnknown() throws Exception {
    assertThat(front.post("/webhooks/payments/demopay", "application/json", "{}").statusCode())
        .isEqualTo(401);
    assertThat(front.post("/webhooks/payments/nope", "application/json", "{}").statusCode())
        .isEqualTo(404);
    assertThat(front.post("/webhooks/panel", "application/json", "{}").statusCode()).isEqualTo(404);
  }
}
