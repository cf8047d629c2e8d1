package io.github.remnawaveshop.payments.stripe;

import static io.github.remnawaveshop.payments.stripe.StripeFixtures.NOW;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.SECRET_KEY;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.WEBHOOK_SECRET;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.GatewayResources;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.ProviderHttp;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider's gateway calls through the shop's shared client and clock, and closes only a client
 * of its own.
 */
class StripeSharedResourcesTest {
  private static final String SESSION =
      "{\"id\": \"cs_test_shared\", \"url\": \"https://checkout.stripe.com/c/pay/x\"}";

  private final OkHttpClient shared = ProviderHttp.defaultClient();
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
    ProviderHttp.release(shared);
  }

  private GatewaySettings settings(Map<String, String> extra) {
    Map<String, String> values =
        new java.util.HashMap<>(
            Map.of(
                "secret-key",
                SECRET_KEY,
                "webhook-secret",
                WEBHOOK_SECRET,
                "api-base",
                server.url("/").toString(),
                "success-url",
                "https://shop.example/ok"));
    values.putAll(extra);
    return GatewaySettings.of("stripe", values);
  }

  private static CheckoutRequest order() {
    return CheckoutRequest.builder()
        .orderReference("order-shared")
        .amount(Money.of(500, "USD"))
        .description("VPN")
        .customerId(7)
        .idempotencyKey("k-shared")
        .build();
  }

  @Test
  void callsGoThroughTheSharedPoolWithTheTimeoutSetting() throws Exception {
    GatewayResources resources =
        GatewayResources.builder().httpClient(shared).clock(StripeFixtures.CLOCK).build();
    StripeGateway stripe =
        (StripeGateway)
            new StripeGatewayProvider().create(settings(Map.of("timeout", "PT7S")), resources);
    assertThat(stripe.ownClient()).as("a gateway on shared resources builds no client").isEmpty();
    assertThat(stripe.httpClient().connectionPool()).isSameAs(shared.connectionPool());
    assertThat(stripe.httpClient().dispatcher()).isSameAs(shared.dispatcher());
    assertThat(stripe.httpClient().callTimeoutMillis()).as("the timeout setting").isEqualTo(7_000);

    server.enqueue(json(200, SESSION));
    stripe.createCheckout(order());
    assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(shared.connectionPool().connectionCount())
        .as("the connection is pooled in the shared client")
        .isEqualTo(1);

    stripe.close();
    assertThat(shared.dispatcher().executorService().isShutdown())
        .as("closing leaves the shared client")
        .isFalse();
    assertThat(shared.connectionPool().connectionCount()).isEqualTo(1);
  }

  @Test
  void theSharedClockChecksWebhookTimestamps() {
    // the fixtures sign at NOW (2026-01-01), long before the system clock: only the shared clock
    // accepts it
    GatewayResources resources =
        GatewayResources.builder().httpClient(shared).clock(StripeFixtures.CLOCK).build();
    PaymentGateway stripe = new StripeGatewayProvider().create(settings(Map.of()), resources);
    String body =
        StripeFixtures.event(
            "evt_shared", "checkout.session.completed", StripeFixtures.paymentSession("paid"));
    assertThat(stripe.verify(StripeFixtures.signed(body)).providerEventId())
        .isEqualTo("evt_shared");
    assertThat(NOW).isLessThan(System.currentTimeMillis() / 1000 - Duration.ofDays(1).toSeconds());
  }

  @Test
  void aStandaloneGatewayReleasesItsOwnClientOnClose() {
    StripeGateway stripe = (StripeGateway) new StripeGatewayProvider().create(settings(Map.of()));
    OkHttpClient own = stripe.ownClient().orElseThrow();
    assertThat(own.callTimeoutMillis()).isEqualTo(Duration.ofSeconds(30).toMillis());
    stripe.close();
    assertThat(own.dispatcher().executorService().isShutdown()).isTrue();
    stripe.close(); // idempotent

    StripeGateway given = StripeFixtures.gateway(server).httpClient(shared).build();
    assertThat(given.ownClient()).as("a given client is not the gateway's").isEmpty();
    given.close();
    assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
  }
}
