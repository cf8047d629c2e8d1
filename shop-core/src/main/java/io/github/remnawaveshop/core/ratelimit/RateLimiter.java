package io.github.remnawaveshop.core.ratelimit;

/**
 * Decides, per key, whether one more request may pass: at most {@code limit} allowed requests in
 * any sliding window of {@code window}, a temporary ban for a key that goes over, and exemptions.
 *
 * <p>Keys are strings (a Telegram user id, {@code "chat:42"}, an IP address); {@link
 * #tryAcquire(long)} is a shortcut for numeric ids. Every call counts: an allowed call consumes one
 * slot of the window, a denied one does not.
 *
 * <p>Instances are thread-safe and meant to be built once and shared by the whole application
 * ({@link #builder()}); with Redis, several application instances sharing one Redis and one key
 * prefix enforce one common limit. {@link #close()} releases what the limiter itself created (a
 * Redis connection it opened from a {@code RedisClient}); it never closes a connection or client
 * that was handed to it.
 */
public interface RateLimiter extends AutoCloseable {

  /** A builder with the seed defaults: 20 requests per 60 s, 5 min ban, in memory. */
  static RateLimiterBuilder builder() {
    return new RateLimiterBuilder();
  }

  /**
   * Records one request for {@code key} and says whether it may pass.
   *
   * @param key the limited identity; never null
   * @return the decision; never null. With Redis, an outage or timeout yields a decision according
   *     to the {@link RedisFailurePolicy}, never an exception.
   * @throws RateLimiterException if Redis holds something the limiter cannot read under its key
   *     prefix (another program writing there)
   */
  Decision tryAcquire(String key);

  /**
   * Same as {@code tryAcquire(Long.toString(id))}: for Telegram user or chat ids.
   *
   * @param id the numeric identity
   * @return the decision
   */
  default Decision tryAcquire(long id) {
    return tryAcquire(Long.toString(id));
  }

  /** Counters since this limiter was built; cheap, safe to call from any thread. */
  RateLimiterStats stats();

  /** Releases a Redis connection the limiter opened itself; idempotent. */
  @Override
  void close();
}
