package io.github.remnawaveshop.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.remnawaveshop.core.testsupport.ThrowawayRedis;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outage behaviour, against a Redis of this test's own that it stops and starts. */
class CacheRedisOutageTest {
  private final CacheRegion<Long, String> names =
      CacheRegion.builder("names", Long.class, String.class).build();
  private ThrowawayRedis redis;
  private RedisClient clientA;
  private RedisClient clientB;

  @BeforeEach
  void start() {
    redis = new ThrowawayRedis();
    clientA = redis.newClient();
    clientB = redis.newClient();
  }

  @AfterEach
  void stop() {
    clientA.shutdown();
    clientB.shutdown();
    redis.close();
  }

  private CacheLayer open(RedisClient client) {
    return CacheLayer.builder()
        .region(names)
        .redis(client)
        .redisTimeout(Duration.ofMillis(200))
        .build();
  }

  @Test
  void keepsServingFromLevelOneAndTheLoaderAndRecovers() {
    try (CacheLayer a = open(clientA);
        CacheLayer b = open(clientB)) {
      // the first connect runs in the background and a call waits only the 200 ms Redis timeout for
      // it: on a
      // cold JVM (Netty's first start) that can be too short, so let both connect before the first
      // write
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> ((TwoLevelCache) a).redisConnected() && ((TwoLevelCache) b).redisConnected());
      a.put(names, 1L, "one");
      assertThat(b.get(names, 1L)).contains("one");

      redis.stop();
      AtomicInteger loads = new AtomicInteger();
      assertThat(a.get(names, 1L)).contains("one"); // level 1
      assertThat(a.getOrLoad(names, 2L, id -> "two#" + loads.incrementAndGet())).isEqualTo("two#1");
      assertThat(a.getOrLoad(names, 2L, id -> "two#" + loads.incrementAndGet())).isEqualTo("two#1");
      a.put(names, 3L, "three"); // level 1 only; the others cannot be told
      a.invalidate(names, 1L);
      assertThat(a.get(names, 1L)).isEmpty();
      assertThat(a.stats(names).redisErrors()).isGreaterThanOrEqualTo(4);

      redis.start(); // an empty server
      // after resubscribing, each instance empties level 1: invalidations may have been missed.
      // Lettuce
      // reconnects the pub/sub and the command connection one by one, so wait for both of each
      // instance.
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () ->
                  !((TwoLevelCache) b).inLevelOne(names, 1L)
                      && !((TwoLevelCache) a).inLevelOne(names, 3L)
                      && ((TwoLevelCache) a).redisConnected()
                      && ((TwoLevelCache) b).redisConnected());
      long errors = a.stats(names).redisErrors();
      a.put(names, 4L, "four");
      assertThat(b.get(names, 4L)).contains("four");
      assertThat(b.stats(names).l2Hits()).isEqualTo(2);
      assertThat(a.stats(names).redisErrors()).isEqualTo(errors);
      b.get(names, 4L);
      a.invalidate(names, 4L);
      await()
          .atMost(Duration.ofMillis(100))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(2))
          .until(() -> !((TwoLevelCache) b).inLevelOne(names, 4L));
    }
  }

  @Test
  void startsWithoutRedisAndConnectsWhenItAnswers() {
    redis.stop();
    try (CacheLayer a = open(clientA)) {
      assertThat(a.getOrLoad(names, 1L, id -> "one")).isEqualTo("one");
      redis.start();
      try (CacheLayer b = open(clientB)) {
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(50))
            .untilAsserted(
                () -> {
                  a.put(names, 2L, "two");
                  assertThat(b.get(names, 2L)).contains("two");
                });
      }
    }
  }
}
