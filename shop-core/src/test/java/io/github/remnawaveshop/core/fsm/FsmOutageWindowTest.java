package io.github.remnawaveshop.core.fsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.remnawaveshop.core.testsupport.ThrowawayRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The memory fallback over an outage window, against a Redis of this test's own that it stops,
 * starts and turns into a replica. Time is the injected clock: the storage tries Redis again only
 * when it moves.
 */
class FsmOutageWindowTest {
  private final TestClock clock = new TestClock();
  private final StorageKey key = StorageKey.of(1, 2, 3);
  private ThrowawayRedis redis;
  private RedisClient client;
  private RedisFsmStorage fsm;

  @BeforeEach
  void start() {
    redis = new ThrowawayRedis();
    client = redis.newClient();
    fsm =
        (RedisFsmStorage)
            FsmStorage.builder()
                .redis(client)
                .redisTimeout(Duration.ofSeconds(3))
                .onRedisOutage(RedisOutagePolicy.FALLBACK_TO_MEMORY)
                .clock(clock)
                .build();
  }

  @AfterEach
  void stop() {
    fsm.close();
    client.shutdown();
    redis.close();
  }

  private void restartAndWaitForTheReconnect() {
    redis.start(); // empty: the throwaway server keeps nothing on disk
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(fsm::redisConnectionOpen);
  }

  @Test
  void stateFromOneOutageIsNotServedInTheNext() {
    redis.stop();
    fsm.setState(key, "written-in-outage-1");
    assertThat(fsm.getState(key)).contains("written-in-outage-1");
    restartAndWaitForTheReconnect();
    clock.advance(Duration.ofSeconds(2)); // the storage may look at Redis again
    assertThat(fsm.getState(key)).isEmpty(); // Redis: the outage's memory is not copied back

    redis.stop();
    assertThat(fsm.getState(key)).isEmpty(); // outage 2 starts with an empty memory
  }

  @Test
  void stateAndDataStayOnOneSideForTheWholeOutageWindow() {
    redis.stop();
    fsm.setState(key, "Checkout:pay");
    restartAndWaitForTheReconnect(); // Redis answers again, but the window is not over
    fsm.updateData(key, "invoice", "inv-1");
    assertThat(fsm.read(key))
        .isEqualTo(new FsmSnapshot(Optional.of("Checkout:pay"), Map.of("invoice", "inv-1")));
    assertThat(fsm.stats().fallbackOperations()).isEqualTo(3);

    clock.advance(Duration.ofSeconds(2));
    assertThat(fsm.read(key).isEmpty())
        .isTrue(); // back on Redis as a whole: neither side is mixed in
    long fallbacks = fsm.stats().fallbackOperations();
    fsm.setState(key, "on-redis");
    try (StatefulRedisConnection<String, String> raw = client.connect()) {
      assertThat(raw.sync().get("fsm:{1:2:3:default}:state")).isEqualTo("on-redis");
    }
    assertThat(fsm.stats().fallbackOperations()).isEqualTo(fallbacks);
  }

  @Test
  void theFallbackExpiresEntriesByDefault() {
    redis.stop();
    fsm.setState(key, "s");
    fsm.updateData(key, "x", 1);
    clock.advance(Duration.ofHours(1).plusSeconds(1)); // no stateTtl/dataTtl configured
    assertThat(fsm.read(key).isEmpty()).isTrue();
  }

  @Test
  void theFallbackIsBoundedInSize() {
    fsm.close();
    fsm =
        (RedisFsmStorage)
            FsmStorage.builder()
                .redis(client)
                .redisTimeout(Duration.ofSeconds(3))
                .onRedisOutage(RedisOutagePolicy.FALLBACK_TO_MEMORY)
                .fallbackMaximumSize(10)
                .clock(clock)
                .build();
    redis.stop();
    for (int user = 0; user < 100; user++) {
      fsm.setState(StorageKey.of(1, 2, user), "s");
    }
    long kept = 0;
    for (int user = 0; user < 100; user++) {
      kept += fsm.getState(StorageKey.of(1, 2, user)).isPresent() ? 1 : 0;
    }
    assertThat(kept).isBetween(1L, 10L);
  }

  @Test
  void masterDownAndReadOnlyRepliesCountAsAnOutage() throws IOException {
    int deadMaster;
    try (ServerSocket s = new ServerSocket(0)) {
      deadMaster = s.getLocalPort();
    }
    try (StatefulRedisConnection<String, String> raw = client.connect()) {
      RedisCommands<String, String> r = raw.sync();
      r.configSet("replica-serve-stale-data", "no");
      r.replicaof("127.0.0.1", deadMaster); // MASTERDOWN for every data command
      assertThat(fsm.getState(key)).isEmpty();
      assertThat(fsm.stats().fallbackOperations()).isEqualTo(1);
      fsm.setState(key, "in-memory");

      r.configSet("replica-serve-stale-data", "yes"); // reads work, writes answer READONLY
      clock.advance(Duration.ofSeconds(2));
      fsm.setState(key, "refused-by-a-replica");
      assertThat(fsm.stats().fallbackOperations()).isEqualTo(3);
      r.replicaofNoOne();
    }
  }
}
