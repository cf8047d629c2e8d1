package io.github.remnawaveshop.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.ratelimit.Decision.Outcome;
import io.github.remnawaveshop.core.ratelimit.RateLimiter.Algorithm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The in-memory GCRA: a burst of N, then one request per W/N; checked against an independent token
 * bucket model (exact rational arithmetic) and against the bounds documented for it.
 */
class GcraRateLimiterTest {
  static final long T0 = 1_764_000_000_000L;
  final TestClock clock = new TestClock(T0);

  RateLimiter.Builder builder() {
    return RateLimiter.builder().algorithm(Algorithm.GCRA).clock(clock);
  }

  @Test
  void aBurstOfTheLimitThenOneRequestPerInterval() {
    RateLimiter limiter = builder().limit(5, Duration.ofSeconds(10)).banFor(Duration.ZERO).build();
    assertThat(limiter).isInstanceOf(InMemoryRateLimiter.class);
    assertThat(limiter.toString()).contains("GCRA");
    for (int i = 0; i < 5; i++) {
      Decision d = limiter.tryAcquire("k");
      assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
      assertThat(d.remaining()).isEqualTo(4 - i);
      assertThat(d.retryAfter()).isZero();
    }
    Decision over = limiter.tryAcquire("k");
    assertThat(over.outcome()).isEqualTo(Outcome.LIMITED);
    assertThat(over.retryAfter()).isEqualTo(Duration.ofSeconds(2)); // W / N
    assertThat(over.bannedUntil()).isEmpty();

    clock.set(T0 + 1_999);
    assertThat(limiter.tryAcquire("k").retryAfter()).isEqualTo(Duration.ofMillis(1));
    clock.set(T0 + 2_000);
    Decision refilled = limiter.tryAcquire("k");
    assertThat(refilled.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(refilled.remaining()).isZero();
    assertThat(limiter.tryAcquire("k").retryAfter()).isEqualTo(Duration.ofSeconds(2));

    RateLimiterStats stats = limiter.stats();
    assertThat(stats.allowed()).isEqualTo(6);
    assertThat(stats.denied()).isEqualTo(3);
    assertThat(stats.bansStarted()).isZero();
  }

  @Test
  void idleTimeRefillsOneSlotPerIntervalUpToTheBurst() {
    RateLimiter limiter = builder().limit(4, Duration.ofSeconds(8)).banFor(Duration.ZERO).build();
    for (int i = 0; i < 4; i++) {
      limiter.tryAcquire("k");
    }
    clock.advance(Duration.ofMillis(4_500)); // two intervals of 2 s and a half
    assertThat(limiter.tryAcquire("k").remaining()).isEqualTo(1);
    assertThat(limiter.tryAcquire("k").remaining()).isZero();
    Decision d = limiter.tryAcquire("k");
    assertThat(d.outcome()).isEqualTo(Outcome.LIMITED);
    assertThat(d.retryAfter()).isEqualTo(Duration.ofMillis(1_500));

    clock.advance(Duration.ofMinutes(10)); // far longer than the window: a full burst, not more
    assertThat(limiter.tryAcquire("k").remaining()).isEqualTo(3);
  }

  @Test
  void retryAfterRoundsUpAWindowThatTheLimitDoesNotDivide() {
    RateLimiter limiter =
        builder().limit(3, Duration.ofMillis(1_000)).banFor(Duration.ZERO).build();
    for (int i = 0; i < 3; i++) {
      limiter.tryAcquire("k");
    }
    Decision d = limiter.tryAcquire("k");
    assertThat(d.retryAfter()).isEqualTo(Duration.ofMillis(334)); // 333.3 ms, rounded up
    clock.advance(Duration.ofMillis(333));
    assertThat(limiter.tryAcquire("k").allowed()).as("at 333 ms").isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(limiter.tryAcquire("k").allowed()).as("at 334 ms").isTrue();
  }

  /**
   * A seeded random schedule, every decision compared with a token bucket of capacity N refilled at
   * N per W, kept in exact integer units of 1/W ms (a different formulation of the same algorithm);
   * then the documented bounds are checked on what came out.
   */
  @Test
  void matchesATokenBucketModelAndStaysWithinTheDocumentedBounds() {
    int limit = 7;
    long window = 60_000;
    RateLimiter limiter =
        builder().limit(limit, Duration.ofMillis(window)).banFor(Duration.ZERO).build();
    Random random = new Random(42);
    long capacity = limit * window; // tokens scaled by W: one request costs W
    long tokens = capacity;
    long last = clock.millis();
    List<Long> allowed = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < 3_000; i++) {
      clock.advance(Duration.ofMillis(random.nextInt(i % 500 < 250 ? 800 : 15_000)));
      long now = clock.millis();
      tokens = Math.min(capacity, tokens + (now - last) * limit);
      last = now;
      Decision d = limiter.tryAcquire("r");
      if (tokens >= window) {
        tokens -= window;
        assertThat(d.outcome()).as("request %d at %d", i, now).isEqualTo(Outcome.ALLOWED);
        assertThat(d.remaining()).as("remaining at %d", now).isEqualTo((int) (tokens / window));
        allowed.add(now);
      } else {
        refused++;
        assertThat(d.outcome()).as("request %d at %d", i, now).isEqualTo(Outcome.LIMITED);
        long waitMillis = (window - tokens + limit - 1) / limit;
        assertThat(d.retryAfter())
            .as("retryAfter at %d", now)
            .isEqualTo(Duration.ofMillis(waitMillis));
      }
    }
    assertThat(refused).as("the schedule must exercise refusals").isGreaterThan(300);
    assertThat(allowed).hasSizeGreaterThan(300);
    // any interval [a, a + L] holds at most N + floor(L * N / W) allowed requests, so at most 2N -
    // 1
    // in any window of length W (half-open (t - W, t])
    for (int i = 0; i < allowed.size(); i++) {
      for (int j = i; j < allowed.size(); j++) {
        long span = allowed.get(j) - allowed.get(i);
        if (span > 2 * window) {
          break;
        }
        assertThat((long) (j - i + 1))
            .as("allowed between %d and %d", allowed.get(i), allowed.get(j))
            .isLessThanOrEqualTo(limit + span * limit / window);
        if (span < window) {
          assertThat(j - i + 1).isLessThanOrEqualTo(2 * limit - 1);
        }
      }
    }
  }

  @Test
  void bansLikeTheLogAndFullBurstAfterTheBan() {
    RateLimiter limiter =
        builder().limit(3, Duration.ofMinutes(1)).banFor(Duration.ofMinutes(5)).build();
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("u").outcome()).isEqualTo(Outcome.ALLOWED);
    }
    Decision started = limiter.tryAcquire("u");
    assertThat(started.outcome()).isEqualTo(Outcome.BAN_STARTED);
    assertThat(started.retryAfter()).isEqualTo(Duration.ofMinutes(5));
    Instant banEnd = clock.instant().plus(Duration.ofMinutes(5));
    assertThat(started.bannedUntil()).contains(banEnd);

    clock.advance(Duration.ofMinutes(2));
    Decision banned = limiter.tryAcquire("u");
    assertThat(banned.outcome()).isEqualTo(Outcome.BANNED);
    assertThat(banned.retryAfter()).isEqualTo(Duration.ofMinutes(3));
    assertThat(banned.bannedUntil()).contains(banEnd);
    clock.set(banEnd.toEpochMilli() - 1);
    assertThat(limiter.tryAcquire("u").outcome()).isEqualTo(Outcome.BANNED);
    clock.set(banEnd.toEpochMilli());
    Decision after = limiter.tryAcquire("u");
    assertThat(after.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(after.remaining()).isEqualTo(2);

    RateLimiterStats stats = limiter.stats();
    assertThat(stats.allowed()).isEqualTo(4);
    assertThat(stats.denied()).isEqualTo(3);
    assertThat(stats.bansStarted()).isEqualTo(1);
  }

  @Test
  void exemptKeysAreNeitherLimitedNorCountedAndKeysAreIndependent() {
    RateLimiter limiter =
        builder().limit(1, Duration.ofMinutes(1)).exempt(key -> key.startsWith("admin:")).build();
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("admin:1").outcome()).isEqualTo(Outcome.EXEMPT);
    }
    assertThat(limiter.tryAcquire("a").allowed()).isTrue();
    assertThat(limiter.tryAcquire("a").allowed()).isFalse();
    assertThat(limiter.tryAcquire("b").allowed()).isTrue();
    assertThat(limiter.stats().exempted()).isEqualTo(3);
    assertThat(limiter.stats().allowed()).isEqualTo(2);
  }

  @Test
  void aClockSteppingBackNeverAllowsMore() {
    RateLimiter limiter = builder().limit(2, Duration.ofSeconds(10)).banFor(Duration.ZERO).build();
    clock.set(T0 + 10_000);
    limiter.tryAcquire("k");
    limiter.tryAcquire("k");
    clock.set(T0 + 1_000);
    Decision d = limiter.tryAcquire("k");
    assertThat(d.outcome()).isEqualTo(Outcome.LIMITED);
    // the next conforming time is still T0 + 15 s, 14 s away on the stepped-back clock
    assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(14));
  }

  /**
   * Many threads on one key, the clock standing still, then stepping by whole intervals: exactly
   * the burst passes, then exactly one request per interval that passed, never more.
   */
  @Test
  void manyThreadsOnOneKeyNeverPassMoreThanTheAlgorithmAllows() throws Exception {
    int limit = 50;
    long window = 60_000;
    long interval = window / limit;
    RateLimiter limiter =
        builder().limit(limit, Duration.ofMillis(window)).banFor(Duration.ZERO).build();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      int[] steps = {0, 1, 3, 0, 7, 100};
      int[] expected = {limit, 1, 3, 0, 7, limit};
      long at = T0;
      for (int s = 0; s < steps.length; s++) {
        at += steps[s] * interval;
        clock.set(at);
        assertThat(hammer(limiter, pool, threads, 200))
            .as("allowed after %d intervals", steps[s])
            .isEqualTo(expected[s]);
      }
      assertThat(limiter.stats().allowed()).isEqualTo(limit + 1 + 3 + 7 + limit);
      assertThat(limiter.stats().allowed() + limiter.stats().denied())
          .isEqualTo(steps.length * threads * 200L);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void manyThreadsOverTheLimitStartExactlyOneBan() throws Exception {
    RateLimiter limiter =
        builder().limit(10, Duration.ofMinutes(1)).banFor(Duration.ofMinutes(5)).build();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      assertThat(hammer(limiter, pool, threads, 500)).isEqualTo(10);
      assertThat(limiter.stats().bansStarted()).isEqualTo(1);
      assertThat(limiter.tryAcquire("hot").outcome()).isEqualTo(Outcome.BANNED);
    } finally {
      pool.shutdownNow();
    }
  }

  private static int hammer(RateLimiter limiter, ExecutorService pool, int threads, int each)
      throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger allowed = new AtomicInteger();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < each; i++) {
                  if (limiter.tryAcquire("hot").outcome() == Outcome.ALLOWED) {
                    allowed.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(30, TimeUnit.SECONDS);
    }
    return allowed.get();
  }

  @Test
  void memoryIsConstantPerKeyAndBoundedByMaxKeys() {
    InMemoryRateLimiter limiter =
        (InMemoryRateLimiter)
            builder()
                .limit(RateLimiter.Builder.MAX_LIMIT, Duration.ofHours(1))
                .maxKeys(1_000)
                .build();
    for (int i = 0; i < 5_000; i++) {
      for (int r = 0; r < 3; r++) {
        assertThat(limiter.tryAcquire("flood:" + i).allowed()).isTrue();
      }
    }
    assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(1_000);
    assertThat(limiter.retainedSlots()).isZero();
  }

  @Test
  void sizeEvictionNeverDropsAnActiveBanAndIdleKeysExpire() {
    InMemoryRateLimiter limiter =
        (InMemoryRateLimiter)
            builder()
                .limit(5, Duration.ofMinutes(1))
                .banFor(Duration.ofMinutes(5))
                .maxKeys(100)
                .build();
    for (int r = 0; r < 5; r++) {
      limiter.tryAcquire("attacker");
    }
    assertThat(limiter.tryAcquire("attacker").outcome()).isEqualTo(Outcome.BAN_STARTED);
    for (int i = 0; i < 20_000; i++) {
      for (int r = 0; r < 5; r++) {
        assertThat(limiter.tryAcquire("flood:" + i).allowed()).isTrue();
      }
    }
    assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(101);
    clock.advance(Duration.ofMinutes(1));
    assertThat(limiter.tryAcquire("attacker").outcome()).isEqualTo(Outcome.BANNED);
    clock.advance(Duration.ofMinutes(4));
    assertThat(limiter.tryAcquire("attacker").outcome()).isEqualTo(Outcome.ALLOWED);
    clock.advance(Duration.ofMinutes(5).plusMillis(1));
    assertThat(limiter.trackedKeys()).isZero();
  }
}
