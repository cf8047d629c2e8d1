package io.github.remnawaveshop.payments.paypal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * PayPal's REST API played by a MockWebServer: routes by {@code METHOD path}, records every
 * request. The token route answers {@code access_token} {@code token-1}, {@code token-2}, … valid
 * for an hour unless a test replaces it. Unknown routes answer 404 with a PayPal error body.
 */
final class FakePayPal implements AutoCloseable {
  static final String CLIENT_ID = "AXtestClientId";
  static final String CLIENT_SECRET = "EPsuperSecretValue123";
  static final String WEBHOOK_ID = "8PT597110X687430LKGECATA";

  final MockWebServer server = new MockWebServer();
  final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger tokensIssued = new AtomicInteger();
  private final Map<String, Function<RecordedRequest, MockResponse>> routes =
      new ConcurrentHashMap<>();

  FakePayPal() throws IOException {
    route(
        "POST /v1/oauth2/token",
        r ->
            json(
                200,
                "{\"scope\":\"https://uri.paypal.com/services/payments\",\"access_token\":\"token-"
                    + tokensIssued.incrementAndGet()
                    + "\",\"token_type\":\"Bearer\",\"app_id\":\"APP-80W284485P519543T\",\"expires_in\":3600,\"nonce\":\"n\"}"));
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.add(request);
            Function<RecordedRequest, MockResponse> route =
                routes.get(request.getMethod() + " " + request.getUrl().encodedPath());
            return route != null
                ? route.apply(request)
                : json(
                    404,
                    "{\"name\":\"RESOURCE_NOT_FOUND\",\"message\":\"no route\",\"debug_id\":\"dbg404\"}");
          }
        });
    server.start();
  }

  FakePayPal route(String methodAndPath, Function<RecordedRequest, MockResponse> answer) {
    routes.put(methodAndPath, answer);
    return this;
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .addHeader("PayPal-Debug-Id", "dbg" + code)
        .body(body)
        .build();
  }

  /** The API base to give the gateway. */
  String base() {
    return server.url("/").toString();
  }

  /** The URL a test certificate is served at (under the test-only prefix {@link #certPrefix()}). */
  String certUrl(String name) {
    return server.url("/certs/" + name).toString();
  }

  String certPrefix() {
    return server.url("/certs/").toString();
  }

  /** Requests to one path, in order. */
  List<RecordedRequest> requestsTo(String path) {
    return requests.stream().filter(r -> r.getUrl().encodedPath().equals(path)).toList();
  }

  /** A gateway builder pointed at this server, in offline mode accepting certificates it serves. */
  PayPalGateway.Builder gateway(java.time.Clock clock) {
    return PayPalGateway.builder()
        .clientId(CLIENT_ID)
        .clientSecret(io.github.remnawaveshop.core.payment.Secret.of(CLIENT_SECRET))
        .webhookId(WEBHOOK_ID)
        .apiBase(java.net.URI.create(base()))
        .defaultReturnUrl(java.net.URI.create("https://shop.example/paypal/return"))
        .defaultCancelUrl(java.net.URI.create("https://shop.example/paypal/cancel"))
        .insecureTestOnlyCertUrlPrefix(certPrefix())
        .clock(clock);
  }

  @Override
  public void close() {
    server.close();
  }
}
