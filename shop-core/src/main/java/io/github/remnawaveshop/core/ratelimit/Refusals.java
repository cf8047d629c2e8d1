package io.github.remnawaveshop.core.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The Redis limiter's memory of its own refusals: when Redis answers LIMITED (no slot frees before
 * {@code retryAfter}: logged times only leave the window as time passes) or a ban (bans end only
 * when they run out), nothing any instance does can let the key through earlier, so until then the
 * limiter answers the key itself, without a round trip, with the same outcome, a shrinking {@code
 * retryAfter} and the same ban end. A flood from one key then costs Redis one call per {@code
 * retryAfter}, not one per request.
 *
 * <p>The deadline is counted from just before the call was sent, so it is never later than the one
 * Redis computed: a local refusal never outlasts the one Redis would give (up to the drift between
 * the two clocks over {@code retryAfter}). Bounded like the in-memory limiter: at most {@code
 * maxKeys} keys, each forgotten after max(window, ban).
 */
final class Refusals {
  /**
   * One remembered refusal: until {@code deadlineNanos} on {@link #nanos}; a ban if {@code
   * bannedUntil > 0}.
   */
  private record Refusal(long deadlineNanos, long bannedUntil) {}

  private final Cache<String, Refusal> byKey;
  private final LongSupplier nanos;

  /**
   * @param nanos a monotonic time in nanoseconds on the clock the decisions are made by (the
   *     caller's clock in ms x 10^6 for {@link TimeSource#CALLER_CLOCK}, else {@code
   *     System.nanoTime})
   */
  Refusals(LongSupplier nanos, long maxKeys, long windowMillis, long banMillis) {
    this.nanos = nanos;
    this.byKey =
        Caffeine.newBuilder()
            .maximumSize(maxKeys)
            .expireAfterWrite(Duration.ofMillis(Math.max(windowMillis, banMillis)))
            .ticker(nanos::getAsLong)
            .build();
  }

  /** The time to pass as {@code sentNanos} to {@link #remember}: read it just before sending. */
  long now() {
    return nanos.getAsLong();
  }

  /** A local refusal for {@code key}, or null if Redis must decide. */
  @Nullable Decision check(String key, Decisions decisions) {
    Refusal refusal = byKey.getIfPresent(key);
    if (refusal == null) {
      return null;
    }
    long left = refusal.deadlineNanos - nanos.getAsLong();
    if (left <= 0) {
      return null;
    }
    long retryAfterMillis = (left + 999_999) / 1_000_000;
    return refusal.bannedUntil > 0
        ? decisions.banned(retryAfterMillis, refusal.bannedUntil)
        : decisions.limited(retryAfterMillis);
  }

  /** Remembers a refusal Redis gave to a call sent at {@code sentNanos}. */
  void remember(String key, long sentNanos, Decision decision) {
    long retryAfterNanos = decision.retryAfter().toNanos();
    if (retryAfterNanos <= 0) {
      return;
    }
    long bannedUntil = decision.bannedUntil().map(java.time.Instant::toEpochMilli).orElse(0L);
    byKey.put(key, new Refusal(sentNanos + retryAfterNanos, bannedUntil));
  }
}
