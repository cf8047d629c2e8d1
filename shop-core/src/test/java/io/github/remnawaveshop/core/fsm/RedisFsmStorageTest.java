package io.github.remnawaveshop.core.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.testkit.RedisKeyPrefix;
import io.github.remnawaveshop.testkit.RedisServer;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ShopServersExtension.class)
class RedisFsmStorageTest extends FsmStorageContract {
  private static RedisServer server;
  private static RedisClient client;
  private static String prefix;
  private static StatefulRedisConnection<String, String> raw;

  @BeforeAll
  static void connect(RedisServer redis, RedisKeyPrefix keyPrefix) {
    server = redis;
    client = RedisClient.create(redis.uri());
    prefix = keyPrefix.value() + "fsm";
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
  FsmStorage.Builder backend(FsmStorage.Builder builder) {
    return builder.redis(client).keyPrefix(prefix);
  }

  @Test
  void keysFollowTheDocumentedLayoutAndCarryTheirTtls() {
    FsmStorage s =
        open(
            FsmStorage.builder()
                .stateTtl(Duration.ofMinutes(5))
                .dataTtl(Duration.ofHours(1))
                .keyStrategy(KeyStrategy.USER_IN_TOPIC));
    StorageKey k = key.withThread(9).withBusinessConnection("bc7").withDestiny("survey");
    s.setState(k, "q1");
    s.updateData(k, Map.of("answer", 42, "note", "hi"));
    String base = prefix + ":{42:bc7:" + key.chatId() + ":9:" + key.userId() + ":survey}";
    RedisCommands<String, String> r = raw.sync();
    assertThat(r.get(base + ":state")).isEqualTo("q1");
    assertThat(r.hgetall(base + ":data")).isEqualTo(Map.of("answer", "42", "note", "\"hi\""));
    assertThat(r.pttl(base + ":state")).isBetween(1L, 300_000L);
    assertThat(r.pttl(base + ":data")).isBetween(300_001L, 3_600_000L);
    s.setData(k, Map.of());
    assertThat(r.exists(base + ":data")).isZero();
  }

  @Test
  void noTtlMeansTheKeysDoNotExpire() {
    fsm.setState(key, "s");
    String base = prefix + ":{42:" + key.chatId() + ":" + key.userId() + ":default}";
    assertThat(raw.sync().pttl(base + ":state")).isEqualTo(-1L);
  }

  @Test
  void stateSurvivesARestartOfTheApplication() {
    RedisClient before = RedisClient.create(server.uri());
    FsmStorage old = FsmStorage.builder().redis(before).keyPrefix(prefix).build();
    old.setState(key, "Checkout:pay");
    old.updateData(key, "invoice", "inv-1");
    old.close();
    before.shutdown();

    RedisClient after = RedisClient.create(server.uri());
    try (FsmStorage fresh = FsmStorage.builder().redis(after).keyPrefix(prefix).build()) {
      assertThat(fresh.read(key))
          .isEqualTo(
              new FsmSnapshot(java.util.Optional.of("Checkout:pay"), Map.of("invoice", "inv-1")));
    } finally {
      after.shutdown();
    }
  }

  @Test
  void twoInstancesMergingDifferentFieldsAtOnceLoseNeither() throws Exception {
    RedisClient otherClient = RedisClient.create(server.uri());
    FsmStorage a = fsm;
    FsmStorage b = FsmStorage.builder().redis(otherClient).keyPrefix(prefix).build();
    int threadsPerInstance = 3;
    int perThread = 150;
    ExecutorService pool = Executors.newFixedThreadPool(threadsPerInstance * 2);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threadsPerInstance * 2; t++) {
        FsmStorage instance = t % 2 == 0 ? a : b;
        int id = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    instance.updateData(key, Map.of("w" + id + "-" + i, i, "last" + id, i));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      b.close();
      otherClient.shutdown();
    }
    Map<String, Object> data = a.getData(key);
    assertThat(data).hasSize(threadsPerInstance * 2 * (perThread + 1));
    for (int t = 0; t < threadsPerInstance * 2; t++) {
      assertThat(data).containsEntry("last" + t, perThread - 1);
    }
  }
}
