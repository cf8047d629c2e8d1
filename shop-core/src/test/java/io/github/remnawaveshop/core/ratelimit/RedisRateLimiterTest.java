package io.github.remnawaveshop.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.remnawaveshop.testkit.RedisKeyPrefix;
import io.github.remnawaveshop.testkit.RedisServer;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract on the shared Redis (keys under this class's prefix only), plus Redis specifics. */
@ExtendWith(ShopServersExtension.class)
class RedisRateLimiterTest extends RateLimiterContract {
  private static final AtomicInteger TESTS = new AtomicInteger();

  /** The machine is shared and loaded: no test here is about timeouts (see the outage test). */
  private static final Duration PATIENT = Duration.ofSeconds(20);

  private static RedisClient clientA;
  private static RedisClient clientB;
  private static StatefulRedisConnection<String, String> inspector;

  private final List<RateLimiter> built = new ArrayList<>();
  private String prefix;

  @BeforeAll
  static void connect(RedisServer redis) {
    clientA = RedisClient.create(redis.uri());
    clientB = RedisClient.create(redis.uri());
    inspector = clientA.connect();
  }

  @AfterAll
  static void disconnect() {
    inspector.close();
    clientA.shutdown();
    clientB.shutdown();
  }

  @BeforeEach
  void freshPrefix(RedisKeyPrefix classPrefix) {
    prefix = classPrefix.value() + TESTS.incrementAndGet() + ":";
  }

  @AfterEach
  void closeAndClean() {
    built.forEach(RateLimiter::close);
    RedisCommands<String, String> redis = inspector.sync();
    List<String> keys = redis.keys(prefix + "*");
    if (!keys.isEmpty()) {
      redis.del(keys.toArray(new String[0]));
    }
  }

  @Override
  RateLimiter build(RateLimiter.Builder builder) {
    RateLimiter limiter =
        builder
            .redis(clientA)
            .keyPrefix(prefix)
            .redisTimeout(PATIENT)
            .timeSource(TimeSource.CALLER_CLOCK)
            .build();
    built.add(limiter);
    assertThat(limiter).isInstanceOf(RedisRateLimiter.class);
    return limiter;
  }

  @Override
  RateLimiter[] buildShared(RateLimiter.Builder builder) {
    // the contract runs on the test's clock; twoInstancesWithClocksAnHourApart... covers Redis TIME
    builder.timeSource(TimeSource.CALLER_CLOCK);
    RateLimiter a = builder.redis(clientA).keyPrefix(prefix).redisTimeout(PATIENT).build();
    RateLimiter b = builder.redis(clientB).keyPrefix(prefix).redisTimeout(PATIENT).build();
    built.add(a);
    built.add(b);
    return new RateLimiter[] {a, b};
  }

  @Test
  void keysFollowTheDocumentedLayoutAndExpireOnTheirOwn() {
    RateLimiter limiter =
        build(RateLimiter.builder().limit(1, Duration.ofSeconds(30)).banFor(Duration.ofMinutes(5)));
    limiter.tryAcquire("42");
    RedisCommands<String, String> redis = inspector.sync();
    String log = prefix + "{42}:log";
    String ban = prefix + "{42}:ban";
    assertThat(redis.lrange(log, 0, -1)).hasSize(1);
    assertThat(redis.pttl(log)).isBetween(1L, 30_000L);
    assertThat(redis.exists(ban)).isZero();

    Decision over = limiter.tryAcquire("42");
    assertThat(over.outcome()).isEqualTo(Decision.Outcome.BAN_STARTED);
    assertThat(Long.parseLong(redis.get(ban)))
        .isEqualTo(over.bannedUntil().orElseThrow().toEpochMilli());
    assertThat(redis.pttl(ban)).isBetween(1L, 300_000L);
    assertThat(redis.keys(prefix + "*")).containsExactlyInAnyOrder(log, ban);
  }

  @Test
  void twoClientsOnTheRealClockLetExactlyTheLimitThroughThenBothSeeTheBan() throws Exception {
    RateLimiter.Builder builder =
        RateLimiter.builder().clock(Clock.systemUTC()).limit(20, Duration.ofMinutes(1));
    RateLimiter[] instances = buildShared(builder);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        RateLimiter instance = instances[t % 2];
        results.add(
            pool.submit(
                () -> {
                  int allowed = 0;
                  for (int i = 0; i < 50; i++) {
                    if (instance.tryAcquire(777L).outcome() == Decision.Outcome.ALLOWED) {
                      allowed++;
                    }
                  }
                  return allowed;
                }));
      }
      int allowed = 0;
      for (Future<Integer> f : results) {
        allowed += f.get(30, TimeUnit.SECONDS);
      }
      assertThat(allowed).isEqualTo(20);
      assertThat(instances[0].tryAcquire(777L).outcome()).isEqualTo(Decision.Outcome.BANNED);
      assertThat(instances[1].tryAcquire(777L).outcome()).isEqualTo(Decision.Outcome.BANNED);
      assertThat(instances[0].stats().bansStarted() + instances[1].stats().bansStarted())
          .isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aGivenConnectionIsUsedButNeverClosed() {
    try (StatefulRedisConnection<String, String> connection = clientA.connect()) {
      RateLimiter limiter =
          RateLimiter.builder().clock(clock).redis(connection).keyPrefix(prefix).build();
      assertThat(limiter.tryAcquire("c").allowed()).isTrue();
      limiter.close();
      assertThat(connection.isOpen()).isTrue();
      assertThat(connection.sync().ping()).isEqualTo("PONG");

      assertThatIllegalStateException()
          .isThrownBy(() -> RateLimiter.builder().redis(connection).redis(clientA).build())
          .withMessageContaining("redis was set twice");
    }
  }

  @Test
  void aForeignValueUnderTheKeyIsReportedNotMisread() {
    inspector.sync().set(prefix + "{x}:log", "not a list");
    RateLimiter limiter = build(RateLimiter.builder().clock(clock));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> limiter.tryAcquire("x"))
        .isInstanceOf(RateLimiterException.class);
  }

  /**
   * Issue 16 item 16: instances whose clocks disagree by an hour still enforce one limit and one
   * ban, because the script reads Redis's own {@code TIME} (the default time source).
   */
  @Test
  void twoInstancesWithClocksAnHourApartAgreeOnTheLimitAndTheBan() {
    TestClock behind = new TestClock(System.currentTimeMillis());
    TestClock ahead = new TestClock(System.currentTimeMillis() + Duration.ofHours(1).toMillis());
    RateLimiter a =
        RateLimiter.builder()
            .clock(behind)
            .limit(2, Duration.ofMinutes(1))
            .banFor(Duration.ofMinutes(5))
            .redis(clientA)
            .keyPrefix(prefix)
            .redisTimeout(PATIENT)
            .build();
    RateLimiter b =
        RateLimiter.builder()
            .clock(ahead)
            .limit(2, Duration.ofMinutes(1))
            .banFor(Duration.ofMinutes(5))
            .redis(clientB)
            .keyPrefix(prefix)
            .redisTimeout(PATIENT)
            .build();
    built.add(a);
    built.add(b);
    assertThat(a.tryAcquire("skew").outcome()).isEqualTo(Decision.Outcome.ALLOWED);
    assertThat(a.tryAcquire("skew").outcome()).isEqualTo(Decision.Outcome.ALLOWED);
    Decision third = b.tryAcquire("skew");
    assertThat(third.outcome())
        .as("the instance an hour ahead sees the same full window")
        .isEqualTo(Decision.Outcome.BAN_STARTED);
    Decision banned = a.tryAcquire("skew");
    assertThat(banned.outcome()).isEqualTo(Decision.Outcome.BANNED);
    assertThat(banned.bannedUntil()).isEqualTo(third.bannedUntil());
    long realNow = System.currentTimeMillis();
    assertThat(banned.bannedUntil().orElseThrow().toEpochMilli())
        .as("the ban ends 5 min after it started on Redis's clock, not on either instance's")
        .isBetween(
            realNow + Duration.ofMinutes(4).toMillis(),
            realNow + Duration.ofMinutes(5).toMillis() + 1_000);
  }
}
