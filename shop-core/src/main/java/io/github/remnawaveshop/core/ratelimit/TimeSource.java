package io.github.remnawaveshop.core.ratelimit;

/**
 * Whose clock a Redis-backed {@link RateLimiter} decides by. The in-memory limiter always uses the
 * builder's {@link java.time.Clock}.
 */
public enum TimeSource {
  /**
   * Redis's own {@code TIME}, read inside the script (the default with Redis): every instance
   * sharing the Redis decides by one clock, so instances whose clocks are skewed still agree on
   * every window and ban. The builder's {@code Clock} is not used for decisions. Needs Redis 5 or
   * later (scripts replicated by effects).
   */
  REDIS_SERVER,
  /**
   * The builder's {@link java.time.Clock}, sent to the script with each decision: for tests with a
   * controlled clock. Instances up to {@code s} ms apart see windows between {@code W - s} and
   * {@code W + s} long (see docs/rate-limiting.md, "Whose clock?").
   */
  CALLER_CLOCK
}
