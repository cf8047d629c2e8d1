package io.github.remnawaveshop.core.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A tiny HTTP endpoint on the JDK's {@code com.sun.net.httpserver}: {@code GET /health} answers the
 * {@link HealthMonitor}'s report as JSON with 200 (healthy or degraded) or 503 (unhealthy); {@code
 * GET /metrics} answers a metrics scrape in Prometheus text format (pass {@code
 * prometheusRegistry::scrape}). Nothing runs until {@link #start()}; it binds to 127.0.0.1 by
 * default. Those who mount health and metrics in their own server use {@link HealthMonitor#check()}
 * and their registry directly instead.
 */
public final class OpsHttpServer implements Managed, AutoCloseable {
  private final String host;
  private final int port;
  private final @Nullable HealthMonitor health;
  private final @Nullable Supplier<String> metrics;
  private @Nullable HttpServer server; // guarded by this
  private @Nullable ExecutorService executor; // guarded by this

  private OpsHttpServer(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.health = b.health;
    this.metrics = b.metrics;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "ops-http";
  }

  /** Binds and starts serving. */
  @Override
  public synchronized void start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind ops endpoint to " + host + ":" + port, e);
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "shop-ops-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    HealthMonitor health = this.health;
    Supplier<String> metrics = this.metrics;
    if (health != null) {
      server.createContext(
          "/health",
          ex -> {
            if (!allowGet(ex)) {
              return;
            }
            HealthReport report = health.check();
            respond(
                ex,
                report.status() == HealthStatus.UNHEALTHY ? 503 : 200,
                "application/json",
                report.toJson());
          });
    }
    if (metrics != null) {
      server.createContext(
          "/metrics",
          ex -> {
            if (allowGet(ex)) {
              respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
            }
          });
    }
    server.start();
    this.server = server;
    this.executor = executor;
  }

  /** The bound port (useful with port 0). */
  public synchronized int port() {
    HttpServer s = server;
    if (s == null) {
      throw new IllegalStateException("not started");
    }
    return s.getAddress().getPort();
  }

  private static boolean allowGet(HttpExchange ex) throws IOException {
    if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
      ex.getResponseHeaders().add("Allow", "GET, HEAD");
      respond(ex, 405, "text/plain", "method not allowed");
      return false;
    }
    return true;
  }

  private static void respond(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      if (!head) {
        out.write(bytes);
      }
    }
  }

  @Override
  public synchronized void stop() {
    HttpServer s = server;
    if (s != null) {
      s.stop(0);
      if (executor != null) {
        executor.shutdownNow();
      }
      server = null;
      executor = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Builder of {@link OpsHttpServer}; not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 9090;
    private @Nullable HealthMonitor health;
    private @Nullable Supplier<String> metrics;

    private Builder() {}

    /** The address to bind (default 127.0.0.1; use 0.0.0.0 to expose it). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port (default 9090; 0 picks a free one). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535; was " + port);
      }
      this.port = port;
      return this;
    }

    /** Serves {@code /health} from this monitor. */
    public Builder health(HealthMonitor health) {
      this.health = Objects.requireNonNull(health, "health");
      return this;
    }

    /**
     * Serves {@code /metrics} from this scrape function (e.g. {@code prometheusRegistry::scrape}).
     */
    public Builder metrics(Supplier<String> scrape) {
      this.metrics = Objects.requireNonNull(scrape, "scrape");
      return this;
    }

    /** Builds the server (not started). */
    public OpsHttpServer build() {
      if (health == null && metrics == null) {
        throw new IllegalStateException("nothing to serve: set health(...) and/or metrics(...)");
      }
      return new OpsHttpServer(this);
    }
  }
}
