package io.github.remnawaveshop.core.fsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.remnawaveshop.core.testsupport.ThrowawayRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outage behaviour, against a Redis of this test's own that it stops and starts. */
class FsmRedisOutageTest {
  private ThrowawayRedis redis;
  private RedisClient client;
  private final StorageKey key = StorageKey.of(1, 2, 3);

  @BeforeEach
  void start() {
    redis = new ThrowawayRedis();
    client = redis.newClient();
  }

  @AfterEach
  void stop() {
    client.shutdown();
    redis.close();
  }

  @Test
  void failPolicyThrowsAClearExceptionWhileRedisIsDown() {
    try (FsmStorage fsm =
        FsmStorage.builder().redis(client).redisTimeout(Duration.ofMillis(300)).build()) {
      fsm.setState(key, "before");
      redis.stop();
      assertThatThrownBy(() -> fsm.getState(key))
          .isInstanceOf(FsmUnavailableException.class)
          .hasMessageContaining("getState")
          .hasMessageContaining("policy FAIL");
      assertThat(fsm.stats().redisFailures()).isPositive();
      assertThat(fsm.stats().fallbackOperations()).isZero();
    }
  }

  @Test
  void failPolicyRefusesToBuildWithoutRedis() {
    redis.stop();
    assertThatThrownBy(() -> FsmStorage.builder().redis(client).build())
        .isInstanceOf(FsmUnavailableException.class)
        .hasMessageContaining("policy FAIL");
  }

  @Test
  void fallbackPolicyServesFromMemoryCountsItAndReturnsToRedis() {
    try (FsmStorage fsm =
        FsmStorage.builder()
            .redis(client)
            .redisTimeout(Duration.ofMillis(300))
            .onRedisOutage(RedisOutagePolicy.FALLBACK_TO_MEMORY)
            .build()) {
      fsm.setState(key, "on-redis");
      redis.stop();
      assertThat(fsm.getState(key))
          .isEmpty(); // memory never saw it: the loss the WARN log talks about
      fsm.setState(key, "in-memory");
      assertThat(fsm.updateData(key, "x", 1)).isEqualTo(Map.of("x", 1));
      assertThat(fsm.read(key))
          .isEqualTo(new FsmSnapshot(Optional.of("in-memory"), Map.of("x", 1)));
      assertThat(fsm.stats().fallbackOperations()).isGreaterThanOrEqualTo(4);

      redis.start(); // empty: the throwaway server keeps nothing on disk
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(20))
          .untilAsserted(() -> assertThat(fsm.getState(key)).isEmpty());
      long fallbacks = fsm.stats().fallbackOperations();
      fsm.setState(key, "on-redis-again");
      try (StatefulRedisConnection<String, String> raw = client.connect()) {
        assertThat(raw.sync().get("fsm:{1:2:3:default}:state")).isEqualTo("on-redis-again");
      }
      assertThat(fsm.stats().fallbackOperations()).isEqualTo(fallbacks);
    }
  }

  @Test
  void fallbackPolicyBuildsWhileRedisIsDownAndConnectsLater() {
    redis.stop();
    try (FsmStorage fsm =
        FsmStorage.builder()
            .redis(client)
            .onRedisOutage(RedisOutagePolicy.FALLBACK_TO_MEMORY)
            .build()) {
      fsm.setState(key, "memory");
      assertThat(fsm.getState(key)).contains("memory");
      redis.start();
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(50))
          .untilAsserted(
              () -> {
                fsm.setState(key, "redis");
                try (StatefulRedisConnection<String, String> raw = client.connect()) {
                  assertThat(raw.sync().get("fsm:{1:2:3:default}:state")).isEqualTo("redis");
                }
              });
    }
  }

  @Test
  void scriptsAreLoadedAgainAfterTheServerForgetsThem() {
    try (FsmStorage fsm = FsmStorage.builder().redis(client).build();
        StatefulRedisConnection<String, String> raw = client.connect()) {
      fsm.updateData(key, "x", 1);
      raw.sync().scriptFlush(); // our own server: what a Redis restart does to the script cache
      assertThat(fsm.updateData(key, "y", 2)).isEqualTo(Map.of("x", 1, "y", 2));
      raw.sync().scriptFlush();
      assertThat(fsm.read(key).data()).containsKeys("x", "y");
    }
  }
}
