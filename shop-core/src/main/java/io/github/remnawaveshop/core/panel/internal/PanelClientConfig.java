package io.github.remnawaveshop.core.panel.internal;

import io.github.remnawaveshop.core.panel.PanelDialect;
import io.github.remnawaveshop.core.panel.PanelRetryPolicy;
import io.github.remnawaveshop.core.panel.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Validated settings of a panel client, produced by {@code RemnawavePanel.Builder}. Not API.
 *
 * @param baseUrl panel root
 * @param apiToken bearer token (never printed: see {@link #toString()})
 * @param dialect API dialect
 * @param connectTimeout connect timeout
 * @param readTimeout read timeout
 * @param callTimeout per-attempt timeout
 * @param headers extra headers
 * @param cookies cookies, in order
 * @param proxyHeaders whether to send proxy headers
 * @param forwardedFor X-Forwarded-For value
 * @param retryPolicy retries
 * @param clock time source
 * @param sleeper waits between retries
 * @param random jitter source
 * @param okHttpClient client to derive from
 * @param streamPageSize 3.x stream page size
 */
public record PanelClientConfig(
    HttpUrl baseUrl,
    String apiToken,
    PanelDialect dialect,
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    Map<String, String> headers,
    Map<String, String> cookies,
    boolean proxyHeaders,
    String forwardedFor,
    PanelRetryPolicy retryPolicy,
    Clock clock,
    Sleeper sleeper,
    RandomGenerator random,
    Optional<OkHttpClient> okHttpClient,
    int streamPageSize) {

  @Override
  public String toString() {
    return "PanelClientConfig[baseUrl=" + baseUrl + ", dialect=" + dialect + ", apiToken=***]";
  }
}
