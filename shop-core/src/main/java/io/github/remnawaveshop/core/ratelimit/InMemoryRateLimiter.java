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
 * The in-memory backend: one {@link KeyState} per key — a {@link SlidingLog} ({@link
 * RateLimiter.Algorithm#SLIDING_LOG}) or a {@link GcraCell} ({@link RateLimiter.Algorithm#GCRA}) —
 * in a Caffeine cache bounded by size, whose entries expire once idle for longer than the window
 * and the ban (after which a fresh state is equivalent). Caffeine's reads are lock-free and each
 * key guards its own state (a spin lock per log, a compare-and-set per GCRA cell), so there is no
 * global lock on the hot path.
 *
 * <p>The size bound counts keys, but a key with a ban in force weighs nothing: size-based eviction
 * never lifts a ban, however many other keys flood in (such keys still expire, once idle for longer
 * than the ban). A key is re-weighed when its ban starts and on its first decision after the ban.
 * Caffeine runs the weigher inside {@code compute}, so the weight follows the key's state.
 */
final class InMemoryRateLimiter implements RateLimiter {
  private final LimiterSettings settings;
  private final RateLimiter.Algorithm algorithm;
  private final KeyRules rules;
  private final Clock clock;
  private final Cache<String, KeyState> states;
  private final Function<String, KeyState> newState;

  InMemoryRateLimiter(LimiterSettings settings, RateLimiter.Algorithm algorithm, long maxKeys) {
    this.settings = settings;
    this.algorithm = algorithm;
    this.clock = settings.clock();
    this.rules =
        new KeyRules(
            settings.limit(),
            settings.windowMillis(),
            settings.banMillis(),
            clock.millis(),
            new Decisions(settings.limit()));
    int limit = settings.limit();
    this.newState =
        algorithm == RateLimiter.Algorithm.GCRA
            ? key -> new GcraCell()
            : key -> new SlidingLog(limit);
    Ticker ticker =
        clock.equals(Clock.systemUTC())
            ? Ticker.systemTicker()
            : () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
    this.states =
        Caffeine.newBuilder()
            .maximumWeight(maxKeys)
            .<String, KeyState>weigher((key, state) -> state.weigh())
            .expireAfterAccess(
                Duration.ofMillis(Math.max(settings.windowMillis(), settings.banMillis())))
            .ticker(ticker)
            .build();
  }

  @Override
  public Decision tryAcquire(String key) {
    Objects.requireNonNull(key, "key");
    if (settings.exempt().test(key)) {
      return rules.decisions().exempt();
    }
    KeyState state = states.get(key, newState);
    Decision decision = state.acquire(clock.millis(), rules);
    if (state.needsReweigh()) {
      reweigh(key, state);
    }
    return decision;
  }

  /**
   * A ban started or ended: weighs the key again. If the state was evicted meanwhile, puts it back
   * (or hands its ban to the fresh state another request created), so the ban is never lost. Apart
   * from {@link #tryAcquire} so that the hot method stays small.
   */
  private void reweigh(String key, KeyState state) {
    states
        .asMap()
        .compute(
            key,
            (k, current) -> current == null || current == state ? state : current.adoptBan(state));
  }

  @Override
  public RateLimiterStats stats() {
    return rules.decisions().counters().snapshot();
  }

  /** Runs pending expiry and eviction, then returns how many keys are tracked (tests). */
  long trackedKeys() {
    states.cleanUp();
    return states.estimatedSize();
  }

  /** How many timestamp slots the tracked keys' logs hold in total; 0 for GCRA (tests). */
  long retainedSlots() {
    return states.asMap().values().stream()
        .mapToLong(state -> state instanceof SlidingLog log ? log.capacity() : 0)
        .sum();
  }

  @Override
  public void close() {
    states.invalidateAll();
  }

  @Override
  public String toString() {
    return "InMemoryRateLimiter{algorithm="
        + algorithm
        + ", limit="
        + settings.limit()
        + "/"
        + settings.windowMillis()
        + "ms, ban="
        + settings.banMillis()
        + "ms}";
  }
}
