package io.github.remnawaveshop.core.ratelimit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.ratelimit.Decision;
import io.github.remnawaveshop.core.ratelimit.RateLimiter;
import io.github.remnawaveshop.core.ratelimit.RateLimiterStats;
import io.github.remnawaveshop.core.ratelimit.RedisFailurePolicy;
import io.github.remnawaveshop.testkit.RedisKeyPrefix;
import io.github.remnawaveshop.testkit.RedisServer;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The examples of docs/rate-limiting.md, compiled and run against the public API only (this package
 * is outside {@code core.ratelimit} on purpose). Keep the two in step.
 */
@ExtendWith(ShopServersExtension.class)
class RateLimitingGuideTest {

  // --- docs: "Quick start" ---
  static RateLimiter inMemory(Set<Long> adminIds) {
    return RateLimiter.builder()
        .limit(20, Duration.ofMinutes(1)) // at most 20 requests in any 60 s
        .banFor(Duration.ofMinutes(5)) // then refuse the key for 5 minutes
        .exemptIds(adminIds) // Telegram ids that are never limited
        .build(); // in memory
  }

  // --- docs: "Handling a decision" ---
  static String handle(RateLimiter limiter, long userId, List<String> replies) {
    Decision decision = limiter.tryAcquire(userId);
    if (decision.allowed()) {
      return "handled";
    }
    switch (decision.outcome()) {
      case BAN_STARTED: // once per ban: tell the user why they are ignored
        replies.add(
            "Too many requests. Try again in " + decision.retryAfter().toMinutes() + " min.");
        break;
      case LIMITED: // no ban configured: a slot frees up after retryAfter
        replies.add("Slow down: retry in " + decision.retryAfter().toSeconds() + " s.");
        break;
      default: // BANNED or FAILED_CLOSED: stay silent, do not feed a flood
        break;
    }
    return "dropped";
  }

  // --- docs: "Choosing GCRA (in memory)" ---
  static RateLimiter gcra() {
    return RateLimiter.builder()
        .algorithm(RateLimiter.Algorithm.GCRA) // default: Algorithm.SLIDING_LOG
        .limit(20, Duration.ofMinutes(1)) // a burst of 20, then one request every 3 s
        .banFor(Duration.ofMinutes(5))
        .build();
  }

  // --- docs: "Several instances: Redis" ---
  static RateLimiter onRedis(RedisClient redisClient, String prefix, Duration timeout) {
    return RateLimiter.builder()
        .limit(20, Duration.ofMinutes(1))
        .banFor(Duration.ofMinutes(5))
        .exempt(key -> key.startsWith("admin:"))
        .redis(redisClient) // or .redis(connection)
        .keyPrefix(prefix) // e.g. "mybot:ratelimit:"
        .onRedisOutage(RedisFailurePolicy.FAIL_OPEN) // or FAIL_CLOSED
        .redisTimeout(timeout) // default 500 ms
        .build();
  }

  // --- docs: "Metrics" ---
  static String metricsLine(RateLimiter limiter) {
    RateLimiterStats s = limiter.stats();
    return "allowed="
        + s.allowed()
        + " denied="
        + s.denied()
        + " bans="
        + s.bansStarted()
        + " exempt="
        + s.exempted()
        + " redisFailures="
        + s.backendFailures();
  }

  @Test
  void quickStartLimitsBansAndExempts() {
    try (RateLimiter limiter = inMemory(Set.of(1L))) {
      List<String> replies = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        assertThat(handle(limiter, 42L, replies)).isEqualTo("handled");
      }
      assertThat(handle(limiter, 42L, replies)).isEqualTo("dropped");
      assertThat(handle(limiter, 42L, replies)).isEqualTo("dropped");
      assertThat(replies).containsExactly("Too many requests. Try again in 5 min.");
      for (int i = 0; i < 50; i++) {
        assertThat(handle(limiter, 1L, replies)).isEqualTo("handled");
      }
      assertThat(metricsLine(limiter))
          .isEqualTo("allowed=20 denied=2 bans=1 exempt=50 redisFailures=0");
    }
  }

  @Test
  void gcraExampleAllowsABurstOfTheLimitThenBans() {
    try (RateLimiter limiter = gcra()) {
      for (int i = 0; i < 20; i++) {
        assertThat(limiter.tryAcquire(42L).remaining()).isEqualTo(19 - i);
      }
      Decision over = limiter.tryAcquire(42L);
      assertThat(over.outcome()).isEqualTo(Decision.Outcome.BAN_STARTED);
      assertThat(over.retryAfter()).isEqualTo(Duration.ofMinutes(5));
    }
  }

  @Test
  void redisExampleSharesOneLimitBetweenInstances(RedisServer redis, RedisKeyPrefix prefix) {
    RedisClient client = RedisClient.create(redis.uri());
    // a long timeout: this test is about sharing, not outages, and the test machine is loaded
    Duration patient = Duration.ofSeconds(20);
    try (RateLimiter one = onRedis(client, prefix.value(), patient);
        RateLimiter two = onRedis(client, prefix.value(), patient)) {
      for (int i = 0; i < 10; i++) {
        assertThat(one.tryAcquire("user:7").allowed()).isTrue();
        assertThat(two.tryAcquire("user:7").allowed()).isTrue();
      }
      assertThat(one.tryAcquire("user:7").outcome()).isEqualTo(Decision.Outcome.BAN_STARTED);
      assertThat(two.tryAcquire("user:7").outcome()).isEqualTo(Decision.Outcome.BANNED);
      assertThat(two.tryAcquire("admin:1").outcome()).isEqualTo(Decision.Outcome.EXEMPT);
    } finally {
      try (var c = client.connect()) {
        c.sync().del(prefix.value() + "{user:7}:log", prefix.value() + "{user:7}:ban");
      }
      client.shutdown();
    }
  }
}
