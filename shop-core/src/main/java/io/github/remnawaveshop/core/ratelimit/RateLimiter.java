package io.github.remnawaveshop.core.ratelimit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Decides, per key, whether one more request may pass: at most {@code limit} allowed requests in
 * any sliding window of {@code window} (the default {@link Algorithm#SLIDING_LOG}; in memory {@link
 * Algorithm#GCRA} is a burst of {@code limit} then a steady rate instead), a temporary ban for a
 * key that goes over, and exemptions.
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
  static Builder builder() {
    return new Builder();
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

  /**
   * How the in-memory limiter decides; chosen with {@link Builder#algorithm(Algorithm)}. The Redis
   * limiter always keeps the exact sliding log.
   *
   * <p>The default is {@link #SLIDING_LOG}: it keeps the promise "at most N requests in any window
   * W" literally, and it is what the Redis limiter does, so switching a deployment between memory
   * and Redis never changes what users see. {@link #GCRA} is the choice when throughput or memory
   * per key matter more than that literal promise: it holds one number per key whatever the limit,
   * and decides with one compare-and-set instead of a lock.
   */
  enum Algorithm {
    /**
     * The exact sliding log: the times of the key's allowed requests still in the window. A request
     * is allowed iff fewer than N allowed requests are in the window (t - W, t], so no window of
     * length W ever holds more than N allowed requests, and a request is refused only when its
     * window really is full. {@code remaining} is N minus the requests in the window, {@code
     * retryAfter} the time until the oldest of them leaves it. Memory grows with the requests a key
     * made in the last window (about 8 bytes each, at most 8 x N). Decisions on one key take a
     * short spin lock.
     */
    SLIDING_LOG,
    /**
     * GCRA, the generic cell rate algorithm (as redis-cell does), equivalent to a token bucket of
     * capacity N refilled continuously at N per W: a key idle for W has a burst of N, after which
     * one request passes every W/N. Never more than N at once, but up to 2N - 1 in some window of
     * length W (a full burst at the end of one window, then the steady rate through the next).
     * {@code remaining} is how many more requests would pass right now; {@code retryAfter} (whole
     * milliseconds, rounded up) the time until the next one would. Memory is constant (one {@code
     * long} per key, plus the ban's end), and a decision is one compare-and-set, lock-free. Bans,
     * exemptions, stats, {@code maxKeys} and expiry work as with the log. In memory only: {@link
     * Builder#build()} refuses it together with Redis.
     */
    GCRA
  }

  /**
   * Configures and builds a {@link RateLimiter}. Obtain one from {@link RateLimiter#builder()}; the
   * defaults are the seed's: 20 requests per 60 s, a 5 minute ban, no exemptions, in memory, the
   * exact sliding log.
   *
   * <pre>{@code
   * RateLimiter limiter = RateLimiter.builder()
   *     .limit(20, Duration.ofMinutes(1))
   *     .banFor(Duration.ofMinutes(5))
   *     .exemptIds(adminIds)                 // Set<Long> of Telegram ids
   *     .redis(redisClient)                  // omit for in-memory
   *     .keyPrefix("mybot:ratelimit:")
   *     .onRedisOutage(RedisFailurePolicy.FAIL_OPEN)
   *     .build();
   * }</pre>
   *
   * <p>Setters check their argument and throw {@link IllegalArgumentException} naming the setting
   * and the bad value; {@link #build()} checks combinations. A builder is not thread-safe; the
   * limiter it builds is, and building twice gives two independent limiters.
   */
  final class Builder {
    /**
     * The largest accepted limit, for both algorithms: the exact sliding log keeps one timestamp
     * per allowed request.
     */
    public static final int MAX_LIMIT = 10_000;

    /**
     * window x limit bound for GCRA, whose arithmetic is in ms / limit units (far from overflow).
     */
    private static final long MAX_GCRA_WINDOW_UNITS = Long.MAX_VALUE / 4;

    private int limit = 20;
    private Duration window = Duration.ofSeconds(60);
    private Duration ban = Duration.ofMinutes(5);
    private Predicate<String> exempt = key -> false;
    private @Nullable RedisClient redisClient;
    private @Nullable StatefulRedisConnection<String, String> redisConnection;
    private String keyPrefix = "shop:ratelimit:";
    private RedisFailurePolicy redisFailurePolicy = RedisFailurePolicy.FAIL_OPEN;
    private Duration redisTimeout = Duration.ofMillis(500);
    private Clock clock = Clock.systemUTC();
    private @Nullable TimeSource timeSource;
    private boolean rememberRefusals = true;
    private long maxKeys = 100_000;
    private Algorithm algorithm = Algorithm.SLIDING_LOG;

    Builder() {}

    /**
     * At most {@code requests} allowed requests per key in any sliding window of {@code window}.
     *
     * @param requests 1 to {@value #MAX_LIMIT}
     * @param window at least 1 ms; whole milliseconds count
     * @return this builder
     */
    public Builder limit(int requests, Duration window) {
      Objects.requireNonNull(window, "window");
      if (requests < 1 || requests > MAX_LIMIT) {
        throw new IllegalArgumentException(
            "limit requests must be between 1 and " + MAX_LIMIT + "; was " + requests);
      }
      if (window.toMillis() < 1) {
        throw new IllegalArgumentException("limit window must be at least 1 ms; was " + window);
      }
      this.limit = requests;
      this.window = Duration.ofMillis(window.toMillis());
      return this;
    }

    /**
     * How long a key that goes over the limit is refused; {@link Duration#ZERO} disables bans (the
     * key is then only refused until a slot of its window frees up).
     *
     * @param duration zero or more; whole milliseconds count
     * @return this builder
     */
    public Builder banFor(Duration duration) {
      Objects.requireNonNull(duration, "banFor");
      if (duration.isNegative()) {
        throw new IllegalArgumentException("banFor must not be negative; was " + duration);
      }
      this.ban = Duration.ofMillis(duration.toMillis());
      return this;
    }

    /**
     * Keys for which this predicate is true are never limited nor counted (e.g. admins). Replaces
     * an earlier {@code exempt}/{@code exemptIds}. The predicate is called on every decision from
     * any thread: keep it fast and thread-safe.
     *
     * @param predicate tested with the key as passed to {@code tryAcquire}
     * @return this builder
     */
    public Builder exempt(Predicate<String> predicate) {
      this.exempt = Objects.requireNonNull(predicate, "exempt");
      return this;
    }

    /**
     * Exempts numeric ids (as used by {@link RateLimiter#tryAcquire(long)}); a copy is taken. Use
     * this rather than {@code exempt(adminIds::contains)} with a {@code Set<Long>}, which compiles
     * but never matches because the keys are strings.
     *
     * @param ids e.g. the admins' Telegram user ids
     * @return this builder
     */
    public Builder exemptIds(Collection<Long> ids) {
      Objects.requireNonNull(ids, "exemptIds");
      Set<String> keys =
          ids.stream()
              .map(id -> Long.toString(Objects.requireNonNull(id, "exemptIds element")))
              .collect(Collectors.toUnmodifiableSet());
      this.exempt = keys::contains;
      return this;
    }

    /**
     * Keeps the limiter's state in Redis, shared by every instance that uses the same Redis and key
     * prefix. The limiter opens one connection from this client and closes it on {@code close()};
     * the client itself stays the caller's.
     *
     * @param client a Lettuce client
     * @return this builder
     */
    public Builder redis(RedisClient client) {
      this.redisClient = Objects.requireNonNull(client, "redis client");
      return this;
    }

    /**
     * Keeps the limiter's state in Redis over an existing connection (shared with other users of
     * it; Lettuce connections are thread-safe). The limiter never closes it.
     *
     * @param connection a Lettuce connection with String keys and values
     * @return this builder
     */
    public Builder redis(StatefulRedisConnection<String, String> connection) {
      this.redisConnection = Objects.requireNonNull(connection, "redis connection");
      return this;
    }

    /**
     * Prefix of the Redis keys (default {@code shop:ratelimit:}). Two limiters with different
     * limits must use different prefixes.
     *
     * @param prefix not empty
     * @return this builder
     */
    public Builder keyPrefix(String prefix) {
      Objects.requireNonNull(prefix, "keyPrefix");
      if (prefix.isEmpty()) {
        throw new IllegalArgumentException("keyPrefix must not be empty; was \"\"");
      }
      this.keyPrefix = prefix;
      return this;
    }

    /**
     * What to answer when Redis fails or times out (default {@link RedisFailurePolicy#FAIL_OPEN}).
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder onRedisOutage(RedisFailurePolicy policy) {
      this.redisFailurePolicy = Objects.requireNonNull(policy, "onRedisOutage");
      return this;
    }

    /**
     * How long one decision waits for Redis before the failure policy applies (default 500 ms).
     *
     * @param timeout at least 1 ms
     * @return this builder
     */
    public Builder redisTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "redisTimeout");
      if (timeout.toMillis() < 1) {
        throw new IllegalArgumentException("redisTimeout must be at least 1 ms; was " + timeout);
      }
      this.redisTimeout = timeout;
      return this;
    }

    /**
     * The clock (default {@link Clock#systemUTC()}) of the in-memory limiter, and of the Redis
     * limiter only with {@link TimeSource#CALLER_CLOCK}; by default the Redis limiter decides by
     * Redis's own {@code TIME} and does not read this clock (see {@link #timeSource(TimeSource)}).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Redis only: whose clock the decisions use. Default {@link TimeSource#REDIS_SERVER} (one clock
     * for all instances, so skewed instance clocks do not matter); {@link TimeSource#CALLER_CLOCK}
     * sends the {@link #clock(Clock)} with each decision, for tests with a controlled clock.
     *
     * @param source the time source
     * @return this builder
     */
    public Builder timeSource(TimeSource source) {
      this.timeSource = Objects.requireNonNull(source, "timeSource");
      return this;
    }

    /**
     * Redis only: whether a key that Redis refused is answered locally, without a round trip, until
     * its {@code retryAfter} (default true; a flood from one key then costs Redis one call per
     * {@code retryAfter}). Turn it off if something else may lift a ban or clear a key's log in
     * Redis (an admin deleting the ban key) and that must take effect at once on every instance.
     *
     * @param remember whether to remember refusals
     * @return this builder
     */
    public Builder rememberRefusals(boolean remember) {
      this.rememberRefusals = remember;
      return this;
    }

    /**
     * The most keys tracked at once (default 100,000); beyond it the least recently used keys are
     * forgotten. Keys idle for longer than the window and the ban are forgotten anyway. In memory
     * this bounds the keys' logs (a key with a ban in force is never evicted by size); with Redis
     * it bounds the limiter's local memory of refusals it may answer without a round trip.
     *
     * @param keys at least 1
     * @return this builder
     */
    public Builder maxKeys(long keys) {
      if (keys < 1) {
        throw new IllegalArgumentException("maxKeys must be at least 1; was " + keys);
      }
      this.maxKeys = keys;
      return this;
    }

    /**
     * The in-memory algorithm (default {@link Algorithm#SLIDING_LOG}, the exact log; see {@link
     * Algorithm} for what each guarantees and why the log is the default).
     *
     * @param algorithm the algorithm; {@link Algorithm#GCRA} is in memory only
     * @return this builder
     */
    public Builder algorithm(Algorithm algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /**
     * Builds the limiter. With a {@code RedisClient} this opens the limiter's connection and throws
     * {@link RateLimiterException} if Redis cannot be reached; with a given connection nothing is
     * sent yet. The script is loaded on first use either way.
     *
     * @return a new, thread-safe limiter
     * @throws IllegalStateException if Redis was set both as a client and as a connection, if
     *     {@link TimeSource#REDIS_SERVER} was asked for without Redis, if {@link Algorithm#GCRA}
     *     was asked for with Redis, or if a GCRA window times the limit would overflow its
     *     arithmetic
     * @throws RateLimiterException if the limiter's Redis connection cannot be opened
     */
    public RateLimiter build() {
      if (redisClient != null && redisConnection != null) {
        throw new IllegalStateException(
            "redis was set twice: both a RedisClient and a StatefulRedisConnection; pick one");
      }
      boolean onRedis = redisClient != null || redisConnection != null;
      if (!onRedis && timeSource == TimeSource.REDIS_SERVER) {
        throw new IllegalStateException(
            "timeSource was REDIS_SERVER but no redis(...) was set; the in-memory limiter"
                + " always uses the clock");
      }
      if (onRedis && algorithm != Algorithm.SLIDING_LOG) {
        throw new IllegalStateException(
            "algorithm was "
                + algorithm
                + " but redis(...) was set; the Redis limiter keeps the exact sliding log"
                + " (algorithm SLIDING_LOG)");
      }
      if (algorithm == Algorithm.GCRA && window.toMillis() > MAX_GCRA_WINDOW_UNITS / limit) {
        throw new IllegalStateException(
            "limit window was "
                + window
                + " at "
                + limit
                + " requests; GCRA takes a window of at most "
                + MAX_GCRA_WINDOW_UNITS / limit
                + " ms at that limit");
      }
      TimeSource source = timeSource == null ? TimeSource.REDIS_SERVER : timeSource;
      LimiterSettings settings =
          new LimiterSettings(limit, window.toMillis(), ban.toMillis(), exempt, clock);
      if (redisClient != null) {
        StatefulRedisConnection<String, String> connection;
        try {
          connection = redisClient.connect();
        } catch (RuntimeException e) {
          throw new RateLimiterException(
              "could not connect to Redis for the rate limiter with keyPrefix " + keyPrefix, e);
        }
        return new RedisRateLimiter(
            settings,
            connection,
            Optional.of(connection),
            keyPrefix,
            redisFailurePolicy,
            redisTimeout,
            source,
            rememberRefusals ? maxKeys : 0);
      }
      if (redisConnection != null) {
        return new RedisRateLimiter(
            settings,
            redisConnection,
            Optional.empty(),
            keyPrefix,
            redisFailurePolicy,
            redisTimeout,
            source,
            rememberRefusals ? maxKeys : 0);
      }
      return new InMemoryRateLimiter(settings, algorithm, maxKeys);
    }
  }
}
