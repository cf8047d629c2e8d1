package io.github.remnawaveshop.telegram.stars;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.GatewayResources;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.ProviderHttp;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Stars gateway from discovery makes its bot on the shop's shared client, and closes the bot but
 * not the client.
 */
class StarsSharedResourcesTest {
  private static final String TOKEN = "7654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
  private final OkHttpClient shared = ProviderHttp.defaultClient();
  private MockWebServer botApi;

  @BeforeEach
  void start() throws Exception {
    botApi = new MockWebServer();
    botApi.start();
  }

  @AfterEach
  void stop() {
    botApi.close();
    ProviderHttp.release(shared);
  }

  private void answerInvoiceLink() {
    botApi.enqueue(
        new MockResponse(
            200,
            Headers.of("Content-Type", "application/json"),
            "{\"ok\":true,\"result\":\"https://t.me/$shared-invoice\"}"));
  }

  private static CheckoutRequest order() {
    return CheckoutRequest.builder()
        .orderReference("ord_shared")
        .amount(Money.of(50, "XTR"))
        .description("VPN")
        .idempotencyKey("ord_shared")
        .build();
  }

  @Test
  void theBotCallsThroughTheSharedPoolAndClosingLeavesTheClient() throws Exception {
    PaymentGateway stars =
        new StarsGatewayProvider()
            .create(
                GatewaySettings.of(
                    "stars", Map.of("bot-token", TOKEN, "api-url", botApi.url("/").toString())),
                GatewayResources.builder().httpClient(shared).build());
    answerInvoiceLink();
    assertThat(stars.createCheckout(order()).paymentUrl()).isPresent();
    RecordedRequest call = botApi.takeRequest(5, TimeUnit.SECONDS);
    assertThat(call).isNotNull();
    assertThat(call.getUrl().encodedPath()).endsWith("/createInvoiceLink");
    assertThat(shared.connectionPool().connectionCount())
        .as("the Bot API connection is in the shared pool")
        .isEqualTo(1);

    stars.close();
    stars.close();
    assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
    assertThat(shared.connectionPool().connectionCount()).isEqualTo(1);
  }

  @Test
  void aGivenBotIsNotClosedWithTheGateway() throws Exception {
    StarsGateway own =
        StarsGateway.builder()
            .settings(
                GatewaySettings.of(
                    "stars", Map.of("bot-token", TOKEN, "api-url", botApi.url("/").toString())))
            .resources(GatewayResources.builder().httpClient(shared).build())
            .build();
    StarsGateway borrowing = StarsGateway.builder().bot(own.bot()).build();
    borrowing.close();
    answerInvoiceLink();
    assertThat(own.createCheckout(order()).paymentUrl())
        .as("the bot still works after the borrower closed")
        .isPresent();
    own.close();
  }
}
