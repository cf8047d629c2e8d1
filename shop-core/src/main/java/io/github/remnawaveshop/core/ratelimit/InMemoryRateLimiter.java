package io.github.remnawaveshop.core.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The in-memory backend: one {@link SlidingLog} per key in a Caffeine cache bounded by size, whose
 * entries expire once idle for longer than the window and the ban (after which a fresh log is
 * equivalent). Caffeine's reads are lock-free and each log has its own spin lock, so there is no
 * global lock on the hot path.
 *
 * <p>The size bound counts keys, but a key with a ban in force weighs nothing: size-based eviction
 * never lifts a ban, however many other keys flood in (such keys still expire, once idle for longer
 * than the ban). A log is re-weighed when its ban starts and on its first decision after the ban.
 * Caffeine runs the weigher inside {@code compute}, so the weight follows the log's state.
 */
final class InMemoryRateLimiter implements RateLimiter {
  private final LimiterSettings settings;
  private final Decisions decisions;
  private final Cache<String, SlidingLog> logs;
  private final Function<String, SlidingLog> newLog;

  InMemoryRateLimiter(LimiterSettings settings, long maxKeys) {
    this.settings = settings;
    this.decisions = new Decisions(settings.limit());
    int limit = settings.limit();
    this.newLog = key -> new SlidingLog(limit);
    Clock clock = settings.clock();
    Ticker ticker =
        clock.equals(Clock.systemUTC())
            ? Ticker.systemTicker()
            : () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
    this.logs =
        Caffeine.newBuilder()
            .maximumWeight(maxKeys)
            .<String, SlidingLog>weigher((key, log) -> log.weigh())
            .expireAfterAccess(
                Duration.ofMillis(Math.max(settings.windowMillis(), settings.banMillis())))
            .ticker(ticker)
            .build();
  }

  @Override
  public Decision tryAcquire(String key) {
    Objects.requireNonNull(key, "key");
    if (settings.exempt().test(key)) {
      return decisions.exempt();
    }
    SlidingLog log = logs.get(key, newLog);
    Decision decision =
        log.acquire(
            settings.clock().millis(), settings.windowMillis(), settings.banMillis(), decisions);
    if (log.needsReweigh()) {
      // a ban started or ended: weigh the key again. If the log was evicted meanwhile, put it back
      // (or hand its ban to the fresh log another request created), so the ban is never lost.
      logs.asMap()
          .compute(
              key, (k, current) -> current == null || current == log ? log : current.adoptBan(log));
    }
    return decision;
  }

  @Override
  public RateLimiterStats stats() {
    return decisions.counters().snapshot();
  }

  /** Runs pending expiry and eviction, then returns how many keys are tracked (tests). */
  long trackedKeys() {
    logs.cleanUp();
    return logs.estimatedSize();
  }

  /** How many timestamp slots the tracked keys' logs hold in total (tests). */
  long retainedSlots() {
    return logs.asMap().values().stream().mapToLong(SlidingLog::capacity).sum();
  }

  @Override
  public void close() {
    logs.invalidateAll();
  }

  @Override
  public String toString() {
    return "InMemoryRateLimiter{limit="
        + settings.limit()
        + "/"
        + settings.windowMillis()
        + "ms, ban="
        + settings.banMillis()
        + "ms}";
  }
}
