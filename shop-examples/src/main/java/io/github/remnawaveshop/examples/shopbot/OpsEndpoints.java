package io.github.remnawaveshop.examples.shopbot;

import com.sun.net.httpserver.HttpHandler;
import io.github.remnawaveshop.core.ops.HealthMonitor;
import io.github.remnawaveshop.core.ops.HealthReport;
import io.github.remnawaveshop.core.ops.HealthStatus;
import java.util.function.Supplier;

/**
 * {@code /health} and {@code /metrics} on the shop's own server, answering as core's {@code
 * OpsHttpServer} does: the health report as JSON, 200 when healthy or degraded and 503 when
 * unhealthy; a Prometheus text scrape.
 */
final class OpsEndpoints {
  private OpsEndpoints() {}

  static HttpHandler health(HealthMonitor monitor) {
    return ex -> {
      try (ex) {
        if (Http.allow(ex, "GET", "HEAD")) {
          HealthReport report = monitor.check();
          Http.send(
              ex,
              report.status() == HealthStatus.UNHEALTHY ? 503 : 200,
              "application/json",
              report.toJson());
        }
      }
    };
  }

  static HttpHandler metrics(Supplier<String> scrape) {
    return ex -> {
      try (ex) {
        if (Http.allow(ex, "GET", "HEAD")) {
          Http.send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", scrape.get());
        }
      }
    };
  }
}
