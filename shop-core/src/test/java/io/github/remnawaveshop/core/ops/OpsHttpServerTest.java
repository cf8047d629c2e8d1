package io.github.remnawaveshop.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.cache.CacheLayer;
import io.github.remnawaveshop.core.cache.CacheRegion;
import io.github.remnawaveshop.core.ratelimit.RateLimiter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpsHttpServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(OpsHttpServer server, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesHealthWith200Or503AndPrometheusMetrics() throws Exception {
    AtomicBoolean up = new AtomicBoolean(true);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ShopMetrics metrics = ShopMetrics.builder().registry(registry).build();
    metrics.recordRequest("start", true, Duration.ofMillis(12));
    RateLimiter limiter =
        RateLimiter.builder().limit(1, Duration.ofMinutes(1)).banFor(Duration.ZERO).build();
    limiter.tryAcquire("u1");
    limiter.tryAcquire("u1");
    metrics.bindRateLimiter("updates", limiter);
    CacheRegion<String, String> plans =
        CacheRegion.builder("plans", String.class, String.class)
            .ttl(Duration.ofMinutes(10))
            .maximumSize(100)
            .build();
    CacheLayer cache = CacheLayer.builder().region(plans).build();
    cache.put(plans, "month", "VPN, 30 days");
    cache.get(plans, "month");
    cache.get(plans, "year");
    metrics.bindCache(cache);
    metrics.recordPayment("stripe", "paid");
    metrics.bindOutbox(() -> 3, () -> Duration.ofSeconds(42));
    try (HealthMonitor monitor =
            HealthMonitor.builder()
                .cacheFor(Duration.ZERO)
                .check(
                    HealthCheck.of(
                        "panel",
                        () -> {
                          if (!up.get()) {
                            throw new IllegalStateException("503 from panel");
                          }
                          return "3.4.1";
                        }))
                .build();
        OpsHttpServer server =
            OpsHttpServer.builder().port(0).health(monitor).metrics(registry::scrape).build()) {
      server.start();
      HttpResponse<String> ok = get(server, "/health");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("Content-Type")).contains("application/json");
      assertThat(ok.body()).contains("\"status\":\"HEALTHY\"").contains("3.4.1");
      up.set(false);
      HttpResponse<String> down = get(server, "/health");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).contains("UNHEALTHY").contains("503 from panel");

      HttpResponse<String> scrape = get(server, "/metrics");
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body())
          .contains("shop_requests_total{handler=\"start\",outcome=\"success\"} 1.0")
          .contains("shop_ratelimit_decisions_total{decision=\"allowed\",limiter=\"updates\"} 1.0")
          .contains("shop_ratelimit_decisions_total{decision=\"denied\",limiter=\"updates\"} 1.0")
          .contains("shop_cache_hits_total{level=\"l1\",region=\"plans\"} 1.0")
          .contains("shop_cache_misses_total{region=\"plans\"} 1.0")
          .contains("shop_cache_size{region=\"plans\"} 1.0")
          .contains("shop_payments_total{gateway=\"stripe\",status=\"paid\"} 1.0")
          .contains("shop_outbox_backlog 3.0")
          .contains("shop_outbox_oldest_age_seconds 42.0")
          .contains("shop_uptime_seconds");
      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
    }
  }
}
