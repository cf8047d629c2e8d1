package io.github.remnawaveshop.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs on a throwaway embedded Redis of its own (never the shared one): it flushes scripts, reads
 * command statistics, and stops and restarts the server.
 */
class RedisRateLimiterOutageTest {
  private final TestClock clock = new TestClock(1_764_000_000_000L);
  private int port;
  private redis.embedded.RedisServer server;
  private RedisClient client;

  @BeforeEach
  void startOwnRedis() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    server = newServer();
    server.start();
    client = RedisClient.create("redis://127.0.0.1:" + port);
  }

  @AfterEach
  void stopOwnRedis() throws IOException {
    client.shutdown();
    server.stop();
  }

  private redis.embedded.RedisServer newServer() throws IOException {
    return redis.embedded.RedisServer.newRedisServer()
        .bind("127.0.0.1")
        .port(port)
        .setting("save \"\"")
        .setting("appendonly no")
        .build();
  }

  @Test
  void oneEvalshaPerDecisionAndTheScriptIsReloadedAfterScriptFlush() {
    try (StatefulRedisConnection<String, String> admin = client.connect();
        RateLimiter limiter = RateLimiter.builder().clock(clock).redis(client).build()) {
      RedisRateLimiter redisLimiter = (RedisRateLimiter) limiter;
      assertThat(limiter.tryAcquire("a").allowed()).isTrue(); // NOSCRIPT, SCRIPT LOAD, EVALSHA
      assertThat(redisLimiter.scriptLoads()).isEqualTo(1);

      admin.sync().configResetstat();
      for (int i = 0; i < 10; i++) {
        limiter.tryAcquire("k" + i);
      }
      Map<String, Long> calls = commandCalls(admin.sync().info("commandstats"));
      assertThat(calls).containsEntry("evalsha", 10L);
      // commandstats also counts what the script calls inside Redis; everything else came over the
      // wire
      calls
          .keySet()
          .removeAll(
              java.util.Set.of(
                  "get", "time", "lindex", "llen", "lpush", "ltrim", "pexpire", "lrange", "set"));
      assertThat(calls.keySet()).containsOnly("evalsha", "config");

      admin.sync().scriptFlush();
      Decision afterFlush = limiter.tryAcquire("a");
      assertThat(afterFlush.allowed()).isTrue();
      assertThat(afterFlush.remaining())
          .isEqualTo(18); // the state survived; only the script was gone
      assertThat(redisLimiter.scriptLoads()).isEqualTo(2);
      assertThat(limiter.stats().backendFailures()).isZero();
    }
  }

  @Test
  void whenRedisStopsFailOpenLetsThroughFailClosedRefusesAndBothRecover() throws IOException {
    RateLimiter open =
        RateLimiter.builder()
            .clock(clock)
            .redis(client)
            .keyPrefix("open:")
            .onRedisOutage(RedisFailurePolicy.FAIL_OPEN)
            .redisTimeout(Duration.ofMillis(200))
            .build();
    RateLimiter closed =
        RateLimiter.builder()
            .clock(clock)
            .redis(client)
            .keyPrefix("closed:")
            .onRedisOutage(RedisFailurePolicy.FAIL_CLOSED)
            .redisTimeout(Duration.ofMillis(200))
            .build();
    try {
      assertThat(open.tryAcquire("u").outcome()).isEqualTo(Decision.Outcome.ALLOWED);
      assertThat(closed.tryAcquire("u").outcome()).isEqualTo(Decision.Outcome.ALLOWED);

      server.stop();
      Decision o = open.tryAcquire("u");
      assertThat(o.outcome()).isEqualTo(Decision.Outcome.FAILED_OPEN);
      assertThat(o.allowed()).isTrue();
      Decision c = closed.tryAcquire("u");
      assertThat(c.outcome()).isEqualTo(Decision.Outcome.FAILED_CLOSED);
      assertThat(c.allowed()).isFalse();
      assertThat(open.stats().backendFailures()).isEqualTo(1);
      assertThat(closed.stats().backendFailures()).isEqualTo(1);
      assertThat(closed.stats().denied()).isEqualTo(1);

      server = newServer(); // a new, empty server on the same port: no data, no scripts
      server.start();
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> open.tryAcquire("v").outcome() == Decision.Outcome.ALLOWED);
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> closed.tryAcquire("v").outcome() == Decision.Outcome.ALLOWED);
      assertThat(((RedisRateLimiter) open).scriptLoads()).isEqualTo(2);
    } finally {
      open.close();
      closed.close();
    }
  }

  /**
   * Issue 16 item 16: a decision that times out on the client may still run in Redis afterwards.
   * The caller was told FAILED_CLOSED, and the slot is taken all the same (documented in
   * docs/rate-limiting.md, "When Redis is unavailable"). A paused Redis stands in for a slow one.
   */
  @Test
  void aDecisionThatTimesOutOnTheClientStillTakesItsSlotInRedis() {
    try (StatefulRedisConnection<String, String> admin = client.connect();
        RateLimiter limiter =
            RateLimiter.builder()
                .clock(clock)
                .limit(3, Duration.ofMinutes(1))
                .redis(client)
                .keyPrefix("slow:")
                .onRedisOutage(RedisFailurePolicy.FAIL_CLOSED)
                .redisTimeout(Duration.ofMillis(100))
                .build()) {
      assertThat(limiter.tryAcquire("u").remaining()).isEqualTo(2); // loads the script
      admin.sync().clientPause(1_000); // every client's commands wait in Redis for a second
      Decision timedOut = limiter.tryAcquire("u");
      assertThat(timedOut.outcome()).isEqualTo(Decision.Outcome.FAILED_CLOSED);
      // once Redis runs the queued script, the refused request holds a slot of the window
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> admin.sync().llen("slow:{u}:log") == 2);
      Decision next = limiter.tryAcquire("u");
      assertThat(next.outcome()).isEqualTo(Decision.Outcome.ALLOWED);
      assertThat(next.remaining())
          .as("two slots were taken before this one, one of them by the timed-out call")
          .isZero();
      assertThat(limiter.stats().backendFailures()).isEqualTo(1);
    }
  }

  /**
   * Issue 14 (Redis decision cost): once Redis refuses a key until a given time, nothing can let it
   * through earlier, so the limiter answers it locally until then, with the same outcome, a
   * shrinking retryAfter and the same ban end; the first request after it goes to Redis again.
   */
  @Test
  void aRefusedKeyIsAnsweredWithoutARoundTripUntilItsRetryAfter() {
    try (StatefulRedisConnection<String, String> admin = client.connect();
        RateLimiter limiter =
            RateLimiter.builder()
                .clock(clock)
                .timeSource(TimeSource.CALLER_CLOCK)
                .limit(1, Duration.ofSeconds(10))
                .banFor(Duration.ZERO)
                .redis(client)
                .build();
        RateLimiter banning =
            RateLimiter.builder()
                .clock(clock)
                .timeSource(TimeSource.CALLER_CLOCK)
                .limit(1, Duration.ofSeconds(10))
                .banFor(Duration.ofMinutes(5))
                .redis(client)
                .keyPrefix("ban:")
                .build()) {
      assertThat(limiter.tryAcquire("k").outcome()).isEqualTo(Decision.Outcome.ALLOWED);
      assertThat(limiter.tryAcquire("k").retryAfter()).isEqualTo(Duration.ofSeconds(10));
      banning.tryAcquire("k");
      Decision banStarted = banning.tryAcquire("k");
      assertThat(banStarted.outcome()).isEqualTo(Decision.Outcome.BAN_STARTED);

      admin.sync().configResetstat();
      for (int i = 0; i < 100; i++) {
        assertThat(limiter.tryAcquire("k").outcome()).isEqualTo(Decision.Outcome.LIMITED);
        Decision banned = banning.tryAcquire("k");
        assertThat(banned.outcome()).isEqualTo(Decision.Outcome.BANNED);
        assertThat(banned.bannedUntil()).isEqualTo(banStarted.bannedUntil());
      }
      clock.advance(Duration.ofMillis(9_999));
      assertThat(limiter.tryAcquire("k").retryAfter()).isEqualTo(Duration.ofMillis(1));
      assertThat(banning.tryAcquire("k").retryAfter())
          .isEqualTo(Duration.ofMinutes(5).minusMillis(9_999));
      assertThat(commandCalls(admin.sync().info("commandstats"))).doesNotContainKey("evalsha");

      clock.advance(Duration.ofMillis(1));
      assertThat(limiter.tryAcquire("k").outcome()).isEqualTo(Decision.Outcome.ALLOWED);
      assertThat(commandCalls(admin.sync().info("commandstats"))).containsEntry("evalsha", 1L);
      assertThat(limiter.stats().denied()).isEqualTo(102);
    }
  }

  @Test
  void withoutRememberedRefusalsEveryDecisionIsOneRoundTrip() {
    try (StatefulRedisConnection<String, String> admin = client.connect();
        RateLimiter limiter =
            RateLimiter.builder()
                .clock(clock)
                .timeSource(TimeSource.CALLER_CLOCK)
                .limit(1, Duration.ofSeconds(10))
                .banFor(Duration.ZERO)
                .rememberRefusals(false)
                .redis(client)
                .build()) {
      limiter.tryAcquire("k");
      admin.sync().configResetstat();
      for (int i = 0; i < 10; i++) {
        assertThat(limiter.tryAcquire("k").outcome()).isEqualTo(Decision.Outcome.LIMITED);
      }
      assertThat(commandCalls(admin.sync().info("commandstats"))).containsEntry("evalsha", 10L);
    }
  }

  private static Map<String, Long> commandCalls(String commandstats) {
    Map<String, Long> calls = new java.util.HashMap<>();
    Matcher m = Pattern.compile("cmdstat_([^:]+):calls=(\\d+)").matcher(commandstats);
    while (m.find()) {
      calls.put(m.group(1), Long.parseLong(m.group(2)));
    }
    return calls;
  }
}
