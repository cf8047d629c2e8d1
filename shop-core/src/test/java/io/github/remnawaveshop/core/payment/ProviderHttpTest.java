package io.github.remnawaveshop.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ProviderHttp} against a real socket: 2xx bodies, refusals with their status, transport
 * failures.
 */
class ProviderHttpTest {
  private static final String SECRET_BODY = "{\"error\":\"bad key sk_test_123\"}";

  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient client = ProviderHttp.defaultClient();
  private ProviderHttp http;

  @BeforeEach
  void start() throws Exception {
    server.start();
    http = ProviderHttp.of("DemoPay", client);
  }

  @AfterEach
  void stop() {
    server.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private Request request() {
    return new Request.Builder()
        .url(server.url("/v1/payments"))
        .header("Authorization", "Bearer sk_test_123")
        .build();
  }

  @Test
  void defaultClientHasTheDocumentedTimeouts() {
    assertThat(client.connectTimeoutMillis())
        .isEqualTo(ProviderHttp.DEFAULT_CONNECT_TIMEOUT.toMillis());
    assertThat(client.readTimeoutMillis()).isEqualTo(ProviderHttp.DEFAULT_READ_TIMEOUT.toMillis());
    assertThat(client.writeTimeoutMillis()).isEqualTo(ProviderHttp.DEFAULT_READ_TIMEOUT.toMillis());
    assertThat(client.callTimeoutMillis()).isEqualTo(ProviderHttp.DEFAULT_CALL_TIMEOUT.toMillis());
  }

  @Test
  void aSuccessfulAnswerGivesItsBody() {
    server.enqueue(new MockResponse.Builder().code(201).body("{\"id\":\"p_1\"}").build());
    assertThat(http.execute(request(), "POST /v1/payments")).isEqualTo("{\"id\":\"p_1\"}");
  }

  @Test
  void aRefusalCarriesTheStatusButNeitherBodyNorHeaders() {
    server.enqueue(new MockResponse.Builder().code(402).body(SECRET_BODY).build());
    assertThatThrownBy(() -> http.execute(request(), "POST /v1/payments"))
        .isInstanceOfSatisfying(
            PaymentProviderException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(402);
              assertThat(e.isRetryable()).isFalse();
              assertThat(e.getMessage())
                  .isEqualTo("DemoPay POST /v1/payments failed with HTTP 402")
                  .doesNotContain("sk_test_123");
            });
  }

  @Test
  void aGatewaysOwnRefusalReadsTheBody() {
    server.enqueue(new MockResponse.Builder().code(503).body("{\"code\":\"busy\"}").build());
    assertThatThrownBy(
            () ->
                http.execute(
                    request(),
                    "POST /v1/payments",
                    (status, body) ->
                        new PaymentProviderException(
                            "refused " + status,
                            status,
                            body.contains("busy") ? "busy" : null,
                            null)))
        .isInstanceOfSatisfying(
            PaymentProviderException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(503);
              assertThat(e.providerCode()).contains("busy");
              assertThat(e.isRetryable()).isTrue();
            });
  }

  @Test
  void sendReturnsAnyStatusForTheCallerToJudge() {
    server.enqueue(
        new MockResponse.Builder().code(401).addHeader("X-Debug", "d1").body("no").build());
    ProviderHttp.Answer answer = http.send(request(), "POST /v1/payments");
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.successful()).isFalse();
    assertThat(answer.body()).isEqualTo("no");
    assertThat(answer.headers().get("X-Debug")).isEqualTo("d1");
  }

  @Test
  void anUnreachableProviderIsStatusZeroAndRetryable() {
    for (int i = 0; i < 3; i++) { // OkHttp retries a failed connection once by itself
      server.enqueue(
          new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    }
    assertThatThrownBy(() -> http.execute(request(), "POST /v1/payments"))
        .isInstanceOfSatisfying(
            PaymentProviderException.class,
            e -> {
              assertThat(e.httpStatus()).isZero();
              assertThat(e.isRetryable()).isTrue();
              assertThat(e.getMessage())
                  .startsWith("DemoPay could not be reached for POST /v1/payments: ")
                  .doesNotContain("sk_test_123");
            });
  }

  @Test
  void releaseShutsTheDispatcherDownAndEmptiesThePool() {
    OkHttpClient own = ProviderHttp.defaultClient();
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    ProviderHttp.of("DemoPay", own).execute(request(), "GET /v1/payments");
    assertThat(own.connectionPool().connectionCount()).isEqualTo(1);
    ProviderHttp.release(own);
    assertThat(own.connectionPool().connectionCount()).isZero();
    assertThat(own.dispatcher().executorService().isShutdown()).isTrue();
    ProviderHttp.release(own); // idempotent
  }
}
