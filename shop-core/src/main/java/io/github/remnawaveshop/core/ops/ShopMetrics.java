package io.github.remnawaveshop.core.ops;

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
import java.util.function.ToDoubleFunction;
import java.util.function.Supplier;

/**
 * The shop's metrics on Micrometer, so they go to whatever registry the application uses (Prometheus,
 * OTLP, JMX…). Meter names (Prometheus renders dots as underscores):
 * <ul>
 *   <li>{@code shop.requests} counter, tags {@code handler}, {@code outcome=success|failure};
 *       {@code shop.request.latency} timer, tag {@code handler};</li>
 *   <li>{@code shop.ratelimit.decisions} counter, tag {@code decision=allowed|denied|banned|exempt};</li>
 *   <li>{@code shop.cache.hits}, {@code shop.cache.misses}, {@code shop.cache.loads} function counters, tag {@code region};</li>
 *   <li>{@code shop.outbox.backlog} and {@code shop.outbox.oldest.age} ({@code seconds}) gauges;</li>
 *   <li>{@code shop.payments} counter, tags {@code gateway}, {@code status};</li>
 *   <li>{@code shop.uptime} gauge in seconds.</li>
 * </ul>
 * Thread-safe. Build one per application; {@link #noop()} for tests and for shops without metrics.
 */
public final class ShopMetrics {
  private final MeterRegistry registry;

  private ShopMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    Instant started = clock.instant();
    Gauge.builder("shop.uptime", clock, c -> Duration.between(started, c.instant()).toMillis() / 1000.0)
        .baseUnit("seconds").description("time since the shop's metrics were created").register(registry);
  }

  /** Metrics on the given registry with the system clock. */
  public static ShopMetrics of(MeterRegistry registry) {
    return of(registry, Clock.systemUTC());
  }

  /** Metrics on the given registry with the given clock (for the uptime gauge). */
  public static ShopMetrics of(MeterRegistry registry, Clock clock) {
    return new ShopMetrics(Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(clock, "clock"));
  }

  /** Metrics kept in a private in-memory registry nobody reads. */
  public static ShopMetrics noop() {
    return of(new SimpleMeterRegistry());
  }

  /** The registry meters are registered on. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Counts a handled request (an update, a webhook) and records its latency. */
  public void recordRequest(String handler, boolean success, Duration latency) {
    Counter.builder("shop.requests").tag("handler", handler).tag("outcome", success ? "success" : "failure")
        .register(registry).increment();
    Timer.builder("shop.request.latency").tag("handler", handler).publishPercentileHistogram(false)
        .register(registry).record(latency);
  }

  /** Counts a rate-limit decision: {@code allowed}, {@code denied}, {@code banned} or {@code exempt}. */
  public void recordRateLimit(String decision) {
    Counter.builder("shop.ratelimit.decisions").tag("decision", decision).register(registry).increment();
  }

  /** Counts a payment reaching a status ({@code paid}, {@code failed}, {@code refunded}, {@code duplicate}…) at a gateway. */
  public void recordPayment(String gateway, String status) {
    Counter.builder("shop.payments").tag("gateway", gateway).tag("status", status).register(registry).increment();
  }

  /**
   * Publishes a cache region's cumulative counts.
   *
   * @param source the object holding the counts (kept weakly by Micrometer, like any function counter)
   */
  public <T> void bindCacheRegion(String region, T source, ToDoubleFunction<T> hits, ToDoubleFunction<T> misses,
      ToDoubleFunction<T> loads) {
    FunctionCounter.builder("shop.cache.hits", source, hits).tag("region", region).register(registry);
    FunctionCounter.builder("shop.cache.misses", source, misses).tag("region", region).register(registry);
    FunctionCounter.builder("shop.cache.loads", source, loads).tag("region", region).register(registry);
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
        .description("provisioning jobs waiting").strongReference(true).register(registry);
    Gauge.builder("shop.outbox.oldest.age", oldestAge, s -> s.get().toMillis() / 1000.0)
        .baseUnit("seconds").description("age of the oldest waiting job").strongReference(true).register(registry);
  }
}
