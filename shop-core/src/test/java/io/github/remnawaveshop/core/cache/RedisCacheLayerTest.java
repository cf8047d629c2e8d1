package io.github.remnawaveshop.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.remnawaveshop.testkit.RedisKeyPrefix;
import io.github.remnawaveshop.testkit.RedisServer;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ShopServersExtension.class)
class RedisCacheLayerTest extends CacheLayerContract {
  private static RedisServer server;
  private static RedisClient client;
  private static String prefix;
  private static StatefulRedisConnection<String, String> raw;

  @BeforeAll
  static void connect(RedisServer redis, RedisKeyPrefix keyPrefix) {
    server = redis;
    client = RedisClient.create(redis.uri());
    prefix = keyPrefix.value() + "cache";
    raw = client.connect();
  }

  @AfterAll
  static void disconnect() {
    List<String> left = raw.sync().keys(prefix + "*"); // only this class's prefix
    if (!left.isEmpty()) {
      raw.sync().del(left.toArray(new String[0]));
    }
    raw.close();
    client.shutdown();
  }

  @Override
  CacheLayer.Builder backend(CacheLayer.Builder builder) {
    return builder.redis(client).keyPrefix(prefix);
  }

  /** A second application instance: its own Lettuce client, the same Redis and prefix. */
  private CacheLayer otherInstance(RedisClient otherClient) {
    CacheLayer c =
        CacheLayer.builder()
            .region(plans)
            .region(profiles)
            .clock(clock)
            .redis(otherClient)
            .keyPrefix(prefix)
            .build();
    opened.add(c);
    return c;
  }

  private static ConditionFactory within100ms() {
    return await()
        .atMost(Duration.ofMillis(100))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(2));
  }

  @Test
  void aValuePutOnOneInstanceIsReadByAnotherFromRedis() {
    RedisClient otherClient = RedisClient.create(server.uri());
    try {
      CacheLayer other = otherInstance(otherClient);
      cache.put(plans, key, plan(key));
      assertThat(other.get(plans, key)).contains(plan(key));
      assertThat(other.stats(plans).l2Hits()).isEqualTo(1);
      assertThat(other.get(plans, key)).contains(plan(key));
      // level 1 or, if the put's invalidation message arrived after the first read, Redis again
      assertThat(other.stats(plans).hits()).isEqualTo(2);
      assertThat(other.stats(plans).misses()).isZero();
    } finally {
      opened.forEach(CacheLayer::close);
      otherClient.shutdown();
    }
  }

  @Test
  void invalidationsAndWritesReachTheOtherInstancesLevelOneWithin100ms() {
    RedisClient otherClient = RedisClient.create(server.uri());
    try {
      TwoLevelCache other = (TwoLevelCache) otherInstance(otherClient);
      TwoLevelCache self = (TwoLevelCache) cache;
      // each instance fills its level 1 by its own put: an instance ignores its own messages, so no
      // earlier message can race with the one under test
      other.put(plans, key, plan(key));
      assertThat(other.inLevelOne(plans, key)).isTrue();
      cache.invalidate(plans, key);
      within100ms().until(() -> !other.inLevelOne(plans, key));
      assertThat(other.get(plans, key)).isEmpty();

      long key2 = key + 2_000_000;
      cache.put(plans, key2, plan(key2));
      assertThat(self.inLevelOne(plans, key2)).isTrue();
      Plan newer = new Plan(key2, "renamed", 1, List.of());
      other.put(plans, key2, newer);
      within100ms().until(() -> !self.inLevelOne(plans, key2));
      assertThat(cache.get(plans, key2)).contains(newer);

      cache.put(profiles, key, new Profile(key, "en"));
      assertThat(self.inLevelOne(profiles, key)).isTrue();
      other.invalidateAll(profiles);
      within100ms().until(() -> !self.inLevelOne(profiles, key));
      assertThat(raw.sync().keys(prefix + ":user-profiles:*")).isEmpty();
    } finally {
      opened.forEach(CacheLayer::close);
      otherClient.shutdown();
    }
  }

  @Test
  void redisHoldsJsonTaggedWithTheValueTypeAndRefusesOtherTypes() {
    cache.put(plans, key, plan(key));
    String stored = raw.sync().get(prefix + ":plans:" + key);
    assertThat(stored)
        .startsWith("{\"type\":\"" + Plan.class.getName() + "\",\"expiresAt\":")
        .contains("\"value\":{\"id\":" + key + ",\"name\":\"plan-" + key + "\"");
    assertThat(raw.sync().pttl(prefix + ":plans:" + key)).isBetween(590_000L, 600_000L);

    long foreign = key + 5_000_000;
    raw.sync()
        .set(
            prefix + ":plans:" + foreign, stored.replace(Plan.class.getName(), "com.example.Evil"));
    assertThat(cache.get(plans, foreign)).isEmpty();
    raw.sync().set(prefix + ":plans:" + (foreign + 1), "not json");
    assertThat(cache.get(plans, foreign + 1)).isEmpty();
    assertThat(cache.stats(plans).l2Hits()).isZero();
  }

  @Test
  void aValueFromRedisLivesInLevelOneOnlyForWhatRemainsOfItsTtl() {
    RedisClient otherClient = RedisClient.create(server.uri());
    try {
      cache.put(plans, key, plan(key));
      // the other instance starts after the put: the put's own invalidation message, delivered late
      // on a
      // loaded machine, would otherwise evict what the other instance just read from Redis
      TwoLevelCache other = (TwoLevelCache) otherInstance(otherClient);
      clock.advance(Duration.ofSeconds(500));
      assertThat(other.get(plans, key)).contains(plan(key)); // from Redis, 100 s left
      assertThat(other.inLevelOne(plans, key)).isTrue();
      clock.advance(Duration.ofSeconds(99));
      assertThat(other.get(plans, key)).contains(plan(key));
      clock.advance(Duration.ofSeconds(2));
      assertThat(other.get(plans, key)).isEmpty();
    } finally {
      opened.forEach(CacheLayer::close);
      otherClient.shutdown();
    }
  }

  @Test
  void loadsFillRedisForTheOtherInstances() {
    RedisClient otherClient = RedisClient.create(server.uri());
    try {
      CacheLayer other = otherInstance(otherClient);
      cache.getOrLoad(plans, key, this::plan);
      assertThat(
              other.getOrLoad(
                  plans,
                  key,
                  id -> {
                    throw new AssertionError("should come from Redis");
                  }))
          .isEqualTo(plan(key));
      assertThat(other.stats(plans).loads()).isZero();
    } finally {
      opened.forEach(CacheLayer::close);
      otherClient.shutdown();
    }
  }

  /**
   * Instance A loads the old value; while its loader runs, instance B changes the entry; then A's
   * load returns and fills Redis. B carries A's instance id, so A ignores B's invalidation message:
   * that makes "A's fill happens before B's message reaches A" certain instead of a race.
   */
  private void fillRacesWith(Consumer<CacheLayer> change, Plan expectedAfter) throws Exception {
    RedisClient clientA = RedisClient.create(server.uri());
    RedisClient clientB = RedisClient.create(server.uri());
    RedisClient clientC = RedisClient.create(server.uri());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      CacheLayer a =
          CacheLayer.builder()
              .region(plans)
              .region(profiles)
              .clock(clock)
              .redis(clientA)
              .keyPrefix(prefix)
              .instanceId("same-id")
              .build();
      opened.add(a);
      CacheLayer b =
          CacheLayer.builder()
              .region(plans)
              .region(profiles)
              .clock(clock)
              .redis(clientB)
              .keyPrefix(prefix)
              .instanceId("same-id")
              .build();
      opened.add(b);
      Plan old = new Plan(key, "old", 1, List.of());
      Future<Plan> load = loadHeldOpen(pool, a, key, old, loading, release);
      assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
      change.accept(b);
      release.countDown();
      assertThat(load.get(10, TimeUnit.SECONDS))
          .isEqualTo(old); // its own caller started before the change
      String stored = raw.sync().get(prefix + ":plans:" + key);
      assertThat(stored == null ? "" : stored).doesNotContain("\"old\"");
      CacheLayer late = otherInstance(clientC);
      assertThat(late.get(plans, key)).isEqualTo(java.util.Optional.ofNullable(expectedAfter));
      assertThat(a.get(plans, key)).isEqualTo(java.util.Optional.ofNullable(expectedAfter));
    } finally {
      release.countDown();
      pool.shutdownNow();
      opened.forEach(CacheLayer::close);
      clientA.shutdown();
      clientB.shutdown();
      clientC.shutdown();
    }
  }

  @Test
  void aFillDoesNotOverwriteAnInvalidationThatCameDuringItsLoad() throws Exception {
    fillRacesWith(b -> b.invalidate(plans, key), null);
  }

  @Test
  void aFillDoesNotOverwriteAPutThatCameDuringItsLoad() throws Exception {
    Plan written = new Plan(key, "written", 2, List.of());
    fillRacesWith(b -> b.put(plans, key, written), written);
  }

  @Test
  void aFillDoesNotOverwriteAnInvalidateAllThatCameDuringItsLoad() throws Exception {
    fillRacesWith(b -> b.invalidateAll(plans), null);
  }
}
