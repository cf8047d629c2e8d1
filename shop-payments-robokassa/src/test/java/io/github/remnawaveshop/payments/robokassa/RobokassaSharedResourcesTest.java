package io.github.remnawaveshop.payments.robokassa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.payment.GatewayResources;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.ProviderHttp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider's gateway calls OpStateExt through the shop's shared client and closes only a client
 * of its own.
 */
class RobokassaSharedResourcesTest {
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

  private GatewaySettings settings() {
    return GatewaySettings.of(
        "robokassa",
        Map.of(
            "merchant-login",
            "demo-shop",
            "password1",
            "pw1-Abc12345",
            "password2",
            "pw2-Def67890",
            "op-state-url",
            server.url("/OpStateExt").toString()));
  }

  @Test
  void statusCallsGoThroughTheSharedPoolAndCloseLeavesIt() throws Exception {
    Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    RobokassaGateway gateway =
        (RobokassaGateway)
            new RobokassaGatewayProvider()
                .create(
                    settings(), GatewayResources.builder().httpClient(shared).clock(fixed).build());
    assertThat(gateway.httpClient()).isSameAs(shared);

    server.enqueue(
        new MockResponse(
            200,
            Headers.of("Content-Type", "text/xml"),
            RobokassaRefundTest.opState(0, 100, "op-key-1")));
    assertThat(gateway.operationState("1001").paid()).isTrue();
    assertThat(server.takeRequest(1, TimeUnit.SECONDS)).isNotNull();
    assertThat(shared.connectionPool().connectionCount()).isEqualTo(1);

    gateway.close();
    assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
    assertThat(shared.connectionPool().connectionCount()).isEqualTo(1);
  }

  @Test
  void aStandaloneGatewayReleasesItsOwnClient() {
    RobokassaGateway gateway = (RobokassaGateway) new RobokassaGatewayProvider().create(settings());
    OkHttpClient own = gateway.httpClient();
    assertThat(own).isNotSameAs(shared);
    gateway.close();
    assertThat(own.dispatcher().executorService().isShutdown()).isTrue();
    gateway.close();
  }
}
