package io.github.remnawaveshop.payments.tck;

import io.github.remnawaveshop.core.payment.GatewayResources;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;

/**
 * What the conformance kit gives a gateway test for one test method: a started {@link
 * MockWebServer} that plays the provider, its base URL, the clock the gateway should use, and the
 * shared {@link GatewayResources} (an HTTP client the kit owns, with that clock) that {@code
 * PaymentGateways} discovery would pass. A new context (and a new server) is made for every test
 * method and closed after it.
 *
 * <p>The server's dispatcher is a fail-fast queue: a request for which no answer was enqueued gets
 * a {@code 503} at once instead of hanging the test. A test may replace the dispatcher (for example
 * with one that answers a provider's token endpoint on every call).
 */
public final class ConformanceContext {
  private final MockWebServer server;
  private final Clock clock;
  private final GatewayResources resources;

  ConformanceContext(MockWebServer server, Clock clock, GatewayResources resources) {
    this.server = Objects.requireNonNull(server, "server");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.resources = Objects.requireNonNull(resources, "resources");
  }

  /**
   * The resources of this test, as discovery passes them to {@code
   * PaymentGatewayProvider.create(settings, resources)}: a client the kit built (and releases after
   * the test) and {@link #clock()}. The kit counts the calls made through it.
   */
  public GatewayResources resources() {
    return resources;
  }

  /**
   * The server playing the provider; enqueue its answers here, and inspect what the gateway sent.
   */
  public MockWebServer server() {
    return server;
  }

  /**
   * The provider's base URL, {@code http://127.0.0.1:<port>} without a trailing slash; point the
   * gateway's API base-URL setting here.
   */
  public URI baseUrl() {
    String url = server.url("/").toString();
    return URI.create(url.substring(0, url.length() - 1));
  }

  /** The absolute URL of a path on the provider, e.g. {@code url("/v1/checkout/sessions")}. */
  public URI url(String path) {
    return server.url(path).uri();
  }

  /**
   * The clock of this test: fixed at the test's start, truncated to whole seconds. Gateways with
   * signed timestamps should be built with it, and notifications signed at {@link
   * TckPayment#occurredAt()}.
   */
  public Clock clock() {
    return clock;
  }

  /** Enqueues a JSON answer with the given status. */
  public void enqueueJson(int status, String json) {
    server.enqueue(new MockResponse(status, Headers.of("Content-Type", "application/json"), json));
  }

  /** Enqueues a plain-text answer with the given status. */
  public void enqueueText(int status, String text) {
    server.enqueue(
        new MockResponse(status, Headers.of("Content-Type", "text/plain; charset=utf-8"), text));
  }

  @Override
  public String toString() {
    return "ConformanceContext[" + baseUrl() + "]";
  }
}
