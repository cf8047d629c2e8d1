package io.github.remnawaveshop.core.ops;

import io.github.remnawaveshop.core.cache.CacheLayer;
import io.github.remnawaveshop.core.cache.CacheStats;
import io.github.remnawaveshop.core.ratelimit.RateLimiter;
import io.github.remnawaveshop.core.ratelimit.RateLimiterStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The shop's metrics on Micrometer, so they go to whatever registry the application uses
 * (Prometheus, OTLP, JMX…). Meter names (Prometheus renders dots as underscores):
 *
 * <ul>
 *   <li>{@code shop.requests} counter, tags {@code handler}, {@code outcome=success|failure};
 *       {@code shop.request.latency} timer, tag {@code handler};
 *   <li>{@code shop.ratelimit.decisions} function counter, tags {@code limiter}, {@code decision}
 *       ({@link #bindRateLimiter});
 *   <li>{@code shop.cache.hits} (tag {@code level}), {@code .misses}, {@code .loads}, {@code
 *       .redis.errors}, {@code shop.cache.size}, tag {@code region} ({@link #bindCache});
 *   <li>{@code shop.outbox.backlog} and {@code shop.outbox.oldest.age} ({@code seconds}) gauges;
 *   <li>{@code shop.payments} counter, tags {@code gateway}, {@code status};
 *   <li>{@code shop.uptime} gauge in seconds.
 * </ul>
 *
 * Thread-safe. Build one per application; {@link #noop()} for tests and for shops without metrics.
 */
public final class ShopMetrics {
  private final MeterRegistry registry;

  private ShopMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    Instant started = clock.instant();
    Gauge.builder(
            "shop.uptime", clock, c -> Duration.between(started, c.instant()).toMillis() / 1000.0)
        .baseUnit("seconds")
        .description("time since the shop's metrics were created")
        .register(registry);
  }

  /** A builder; {@link Builder#registry} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ShopMetrics}: {@code ShopMetrics.builder().registry(prometheus).build()}. */
  public static final class Builder {
    private @Nullable MeterRegistry registry;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The Micrometer registry the meters go to (required). */
    public Builder registry(MeterRegistry value) {
      this.registry = Objects.requireNonNull(value, "registry");
      return this;
    }

    /** The clock of the uptime gauge (default system UTC). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The metrics; registers the uptime gauge.
     *
     * @throws IllegalStateException when no registry was given
     */
    public ShopMetrics build() {
      if (registry == null) {
        throw new IllegalStateException(
            "registry must be set (a Micrometer MeterRegistry, e.g. Prometheus)");
      }
      return new ShopMetrics(registry, clock);
    }
  }

  /** Metrics kept in a private in-memory registry nobody reads. */
  public static ShopMetrics noop() {
    return builder().registry(new SimpleMeterRegistry()).build();
  }

  /** The registry meters are registered on. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Counts a handled request (an update, a webhook) and records its latency. */
  public void recordRequest(String handler, boolean success, Duration latency) {
    Counter.builder("shop.requests")
        .tag("handler", handler)
        .tag("outcome", success ? "success" : "failure")
        .register(registry)
        .increment();
    Timer.builder("shop.request.latency")
        .tag("handler", handler)
        .publishPercentileHistogram(false)
        .register(registry)
        .record(latency);
  }

  /**
   * Publishes a rate limiter's cumulative decisions as {@code shop.ratelimit.decisions} with tags
   * {@code limiter} and {@code decision} = allowed / denied / ban_started / exempt /
   * backend_failure.
   */
  public void bindRateLimiter(String name, RateLimiter limiter) {
    Objects.requireNonNull(limiter, "limiter");
    bindDecision(name, limiter, "allowed", s -> s.allowed());
    bindDecision(name, limiter, "denied", s -> s.denied());
    bindDecision(name, limiter, "ban_started", s -> s.bansStarted());
    bindDecision(name, limiter, "exempt", s -> s.exempted());
    bindDecision(name, limiter, "backend_failure", s -> s.backendFailures());
  }

  private void bindDecision(
      String name, RateLimiter limiter, String decision, ToDoubleFunction<RateLimiterStats> count) {
    FunctionCounter.builder(
            "shop.ratelimit.decisions", limiter, l -> count.applyAsDouble(l.stats()))
        .tag("limiter", name)
        .tag("decision", decision)
        .register(registry);
  }

  /**
   * Counts a payment reaching a status ({@code paid}, {@code failed}, {@code refunded}, {@code
   * duplicate}…) at a gateway.
   */
  public void recordPayment(String gateway, String status) {
    Counter.builder("shop.payments")
        .tag("gateway", gateway)
        .tag("status", status)
        .register(registry)
        .increment();
  }

  /**
   * Publishes every region's counters: {@code shop.cache.hits} (tag {@code level} = l1 / l2),
   * {@code shop.cache.misses}, {@code shop.cache.loads}, {@code shop.cache.redis.errors} and the
   * {@code shop.cache.size} gauge, each tagged {@code region}.
   */
  public void bindCache(CacheLayer cache) {
    Objects.requireNonNull(cache, "cache");
    for (CacheStats initial : cache.stats()) {
      String region = initial.region();
      cacheCounter("shop.cache.hits", cache, region, s -> s.l1Hits())
          .tag("level", "l1")
          .register(registry);
      cacheCounter("shop.cache.hits", cache, region, s -> s.l2Hits())
          .tag("level", "l2")
          .register(registry);
      cacheCounter("shop.cache.misses", cache, region, s -> s.misses()).register(registry);
      cacheCounter("shop.cache.loads", cache, region, s -> s.loads()).register(registry);
      cacheCounter("shop.cache.redis.errors", cache, region, s -> s.redisErrors())
          .register(registry);
      Gauge.builder("shop.cache.size", cache, c -> stats(c, region).size())
          .tag("region", region)
          .register(registry);
    }
  }

  private static FunctionCounter.Builder<CacheLayer> cacheCounter(
      String name, CacheLayer cache, String region, ToDoubleFunction<CacheStats> count) {
    return FunctionCounter.builder(name, cache, c -> count.applyAsDouble(stats(c, region)))
        .tag("region", region);
  }

  private static CacheStats stats(CacheLayer cache, String region) {
    for (CacheStats s : cache.stats()) {
      if (s.region().equals(region)) {
        return s;
      }
    }
    return new CacheStats(region, 0, 0, 0, 0, 0, 0, 0);
  }

  /**
   * Publishes the outbox backlog.
   *
   * @param backlog pending jobs right now
   * @param oldestAge age of the oldest pending job (zero when none)
   */
  public void bindOutbox(Supplier<Number> backlog, Supplier<Duration> oldestAge) {
    Objects.requireNonNull(backlog, "backlog");
    Objects.requireNonNull(oldestAge, "oldestAge");
    Gauge.builder("shop.outbox.backlog", backlog, s -> s.get().doubleValue())
        .description("provisioning jobs waiting")
        .strongReference(true)
        .register(registry);
    Gauge.builder("shop.outbox.oldest.age", oldestAge, s -> s.get().toMillis() / 1000.0)
        .baseUnit("seconds")
        .description("age of the oldest waiting job")
        .strongReference(true)
        .register(registry);
  }
}
