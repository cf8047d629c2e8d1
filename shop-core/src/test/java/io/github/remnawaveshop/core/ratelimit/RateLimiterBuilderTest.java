package io.github.remnawaveshop.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterBuilderTest {

  @Test
  void defaultsAreTheSeeds() {
    TestClock clock = new TestClock(0);
    RateLimiter limiter = RateLimiter.builder().clock(clock).build();
    for (int i = 0; i < 20; i++) {
      assertThat(limiter.tryAcquire("u").remaining()).isEqualTo(19 - i);
    }
    Decision over = limiter.tryAcquire("u");
    assertThat(over.outcome()).isEqualTo(Decision.Outcome.BAN_STARTED);
    assertThat(over.retryAfter()).isEqualTo(Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(5));
    assertThat(limiter.tryAcquire("u").remaining()).isEqualTo(19);
  }

  @Test
  void settersNameTheSettingAndTheBadValue() {
    RateLimiter.Builder b = RateLimiter.builder();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.limit(0, Duration.ofMinutes(1)))
        .withMessageContaining("limit")
        .withMessageContaining("0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.limit(10_001, Duration.ofMinutes(1)))
        .withMessageContaining("10001");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.limit(5, Duration.ofNanos(10)))
        .withMessageContaining("window")
        .withMessageContaining("PT0.00000001S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.banFor(Duration.ofSeconds(-1)))
        .withMessageContaining("banFor")
        .withMessageContaining("PT-1S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.keyPrefix(""))
        .withMessageContaining("keyPrefix");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.maxKeys(0))
        .withMessageContaining("maxKeys")
        .withMessageContaining("0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.redisTimeout(Duration.ZERO))
        .withMessageContaining("redisTimeout");
    assertThatThrownBy(() -> b.exempt(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("exempt");
  }

  @Test
  void theExactLogIsTheDefaultAlgorithm() {
    assertThat(RateLimiter.builder().build().toString()).contains("SLIDING_LOG");
    assertThat(RateLimiter.builder().algorithm(RateLimiter.Algorithm.GCRA).build().toString())
        .contains("GCRA");
  }

  @Test
  void badAlgorithmSettingsAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> RateLimiter.builder().algorithm(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("algorithm");
    RedisClient client = RedisClient.create(RedisURI.create("redis://127.0.0.1:1"));
    try {
      org.assertj.core.api.Assertions.assertThatIllegalStateException()
          .isThrownBy(
              () ->
                  RateLimiter.builder().algorithm(RateLimiter.Algorithm.GCRA).redis(client).build())
          .withMessageContaining("algorithm")
          .withMessageContaining("GCRA");
    } finally {
      client.shutdown();
    }
    org.assertj.core.api.Assertions.assertThatIllegalStateException()
        .isThrownBy(
            () ->
                RateLimiter.builder()
                    .algorithm(RateLimiter.Algorithm.GCRA)
                    .limit(10_000, Duration.ofDays(365 * 10_000L))
                    .build())
        .withMessageContaining("window")
        .withMessageContaining("PT87600000H")
        .withMessageContaining("10000");
  }

  @Test
  void redisTimeWithoutRedisIsRefusedAtBuild() {
    org.assertj.core.api.Assertions.assertThatIllegalStateException()
        .isThrownBy(() -> RateLimiter.builder().timeSource(TimeSource.REDIS_SERVER).build())
        .withMessageContaining("REDIS_SERVER");
    assertThat(RateLimiter.builder().timeSource(TimeSource.CALLER_CLOCK).build())
        .isInstanceOf(InMemoryRateLimiter.class);
  }

  @Test
  void aRedisClientThatCannotConnectFailsTheBuildClearly() {
    RedisClient client = RedisClient.create(RedisURI.create("redis://127.0.0.1:1"));
    try {
      assertThatThrownBy(() -> RateLimiter.builder().redis(client).keyPrefix("bot:rl:").build())
          .isInstanceOf(RateLimiterException.class)
          .hasMessageContaining("bot:rl:");
    } finally {
      client.shutdown();
    }
  }
}
