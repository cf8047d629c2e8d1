package io.github.remnawaveshop.core.ratelimit;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis backend: one {@code EVALSHA} of {@code sliding-log.lua} per decision, atomic on the
 * server, so any number of instances sharing the Redis enforce one limit. The script is loaded with
 * {@code SCRIPT LOAD} on first use and again whenever Redis answers {@code NOSCRIPT} (a restart or
 * a {@code SCRIPT FLUSH}). Failures and timeouts are answered by the {@link RedisFailurePolicy}.
 *
 * <p>With {@link TimeSource#REDIS_SERVER} the script reads Redis's {@code TIME}, so the arguments
 * are the same for every decision and are made once; only the two key names are built per call.
 */
final class RedisRateLimiter implements RateLimiter {
  private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);
  static final String SCRIPT = readScript();

  private final LimiterSettings settings;
  private final Decisions decisions;
  private final StatefulRedisConnection<String, String> connection;
  private final Optional<StatefulRedisConnection<String, String>> owned;
  private final String keyPrefix;
  private final RedisFailurePolicy policy;
  private final long timeoutNanos;
  private final String keyOpen;
  private final TimeSource timeSource;

  /**
   * limit, window, ban: the whole argument list with Redis time, the first three with the caller's.
   */
  private final String[] fixedArgs;

  /** Null with {@code rememberRefusals(false)}: every decision is then a round trip. */
  private final @Nullable Refusals refusals;

  private final AtomicBoolean healthy = new AtomicBoolean(true);
  private final LongAdder scriptLoads = new LongAdder();
  private volatile String sha;

  RedisRateLimiter(
      LimiterSettings settings,
      StatefulRedisConnection<String, String> connection,
      Optional<StatefulRedisConnection<String, String>> owned,
      String keyPrefix,
      RedisFailurePolicy policy,
      Duration timeout,
      TimeSource timeSource,
      long refusalKeys) {
    this.settings = settings;
    this.decisions = new Decisions(settings.limit());
    this.connection = connection;
    this.owned = owned;
    this.keyPrefix = keyPrefix;
    this.policy = policy;
    this.timeoutNanos = timeout.toNanos();
    this.keyOpen = keyPrefix + '{';
    this.timeSource = timeSource;
    java.time.Clock clock = settings.clock();
    java.util.function.LongSupplier nanos =
        timeSource == TimeSource.CALLER_CLOCK
            ? () -> clock.millis() * 1_000_000L
            : System::nanoTime;
    this.refusals =
        refusalKeys == 0
            ? null
            : new Refusals(nanos, refusalKeys, settings.windowMillis(), settings.banMillis());
    this.fixedArgs =
        new String[] {
          Integer.toString(settings.limit()),
          Long.toString(settings.windowMillis()),
          Long.toString(settings.banMillis())
        };
    this.sha = connection.sync().digest(SCRIPT);
  }

  @Override
  public Decision tryAcquire(String key) {
    Objects.requireNonNull(key, "key");
    if (settings.exempt().test(key)) {
      return decisions.exempt();
    }
    Decision known = refusals == null ? null : refusals.check(key, decisions);
    if (known != null) {
      return known; // Redis refused this key until later; nothing can let it through earlier
    }
    // read before the caller's clock goes into the arguments: a remembered deadline is never late
    long sent = refusals == null ? 0 : refusals.now();
    // a hash tag keeps both keys of one limited key in one Redis Cluster slot
    String[] keys = {keyOpen + key + "}:log", keyOpen + key + "}:ban"};
    String[] args = timeSource == TimeSource.REDIS_SERVER ? fixedArgs : callerArgs();
    List<Object> reply;
    try {
      reply = evaluate(keys, args);
    } catch (RedisCommandExecutionException e) {
      if (String.valueOf(e.getMessage()).contains("WRONGTYPE")) {
        throw new RateLimiterException(
            "a key under the rate limiter's keyPrefix "
                + keyPrefix
                + " holds a value of another type (another program writing under the prefix?)",
            e);
      }
      return failed(e);
    } catch (RedisException e) {
      return failed(e);
    }
    if (!healthy.get() && healthy.compareAndSet(false, true)) {
      log.info("Redis answers the rate limiter (keyPrefix {}) again", keyPrefix);
    }
    Decision decision = decide(reply, key);
    if (refusals != null && !decision.allowed()) {
      refusals.remember(key, sent, decision);
    }
    return decision;
  }

  private String[] callerArgs() {
    return new String[] {
      fixedArgs[0], fixedArgs[1], fixedArgs[2], Long.toString(settings.clock().millis())
    };
  }

  private List<Object> evaluate(String[] keys, String[] args) {
    try {
      return call(keys, args);
    } catch (RedisNoScriptException e) {
      load();
      return call(keys, args);
    }
  }

  private List<Object> call(String[] keys, String[] args) {
    return LettuceFutures.awaitOrCancel(
        connection.async().<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys, args),
        timeoutNanos,
        TimeUnit.NANOSECONDS);
  }

  private void load() {
    String loaded =
        LettuceFutures.awaitOrCancel(
            connection.async().scriptLoad(SCRIPT), timeoutNanos, TimeUnit.NANOSECONDS);
    scriptLoads.increment();
    sha = loaded;
    log.debug("Loaded the rate limiter script into Redis as {}", loaded);
  }

  private Decision decide(List<Object> reply, String key) {
    if (!isFourLongs(reply)) {
      throw new RateLimiterException(
          "unexpected reply from the rate limiter script for key prefix "
              + keyPrefix
              + " (another program writing under it?): "
              + reply);
    }
    int code = ((Long) reply.get(0)).intValue();
    long remaining = (Long) reply.get(1);
    long retryAfter = (Long) reply.get(2);
    long bannedUntil = (Long) reply.get(3);
    switch (code) {
      case 1:
        return decisions.allowed((int) remaining);
      case 0:
        return decisions.limited(retryAfter);
      case 2:
        return decisions.banStarted(retryAfter, bannedUntil);
      case 3:
        return decisions.banned(retryAfter, bannedUntil);
      default:
        throw new RateLimiterException(
            "unexpected code " + code + " from the rate limiter script for key " + key);
    }
  }

  private static boolean isFourLongs(List<Object> reply) {
    if (reply.size() != 4) {
      return false;
    }
    for (Object element : reply) {
      if (!(element instanceof Long)) {
        return false;
      }
    }
    return true;
  }

  private Decision failed(RedisException e) {
    if (healthy.compareAndSet(true, false)) {
      log.warn(
          "Redis does not answer the rate limiter (keyPrefix {}): {}; {} until it does",
          keyPrefix,
          e.toString(),
          policy == RedisFailurePolicy.FAIL_OPEN ? "letting requests pass" : "refusing requests");
    }
    return decisions.backendFailed(policy);
  }

  @Override
  public RateLimiterStats stats() {
    return decisions.counters().snapshot();
  }

  /** How many times the script was loaded (tests). */
  long scriptLoads() {
    return scriptLoads.sum();
  }

  @Override
  public void close() {
    owned.ifPresent(StatefulRedisConnection::close);
  }

  @Override
  public String toString() {
    return "RedisRateLimiter{keyPrefix="
        + keyPrefix
        + ", limit="
        + settings.limit()
        + "/"
        + settings.windowMillis()
        + "ms, ban="
        + settings.banMillis()
        + "ms, onFailure="
        + policy
        + ", time="
        + timeSource
        + "}";
  }

  private static String readScript() {
    try (InputStream in = RedisRateLimiter.class.getResourceAsStream("sliding-log.lua")) {
      if (in == null) {
        throw new IllegalStateException("sliding-log.lua is missing from the shop-core jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read sliding-log.lua from the shop-core jar", e);
    }
  }
}
