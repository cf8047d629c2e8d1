package io.github.remnawaveshop.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.ratelimit.Decision.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link RateLimiter} backend must do; each backend's test class extends this. */
abstract class RateLimiterContract {
  static final long T0 = 1_764_000_000_000L;
  final TestClock clock = new TestClock(T0);

  /** Builds a limiter on this backend with a fresh, empty state. */
  abstract RateLimiter build(RateLimiter.Builder builder);

  /**
   * Builds two limiters that share one state, as two application instances would (two Redis clients
   * on one Redis; in memory, the same limiter twice).
   */
  abstract RateLimiter[] buildShared(RateLimiter.Builder builder);

  RateLimiter.Builder builder() {
    return RateLimiter.builder().clock(clock);
  }

  @Test
  void allowsUpToTheLimitThenBansAndLiftsTheBan() {
    RateLimiter limiter =
        build(builder().limit(3, Duration.ofMinutes(1)).banFor(Duration.ofMinutes(5)));
    assertThat(limiter.tryAcquire("u1").remaining()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.tryAcquire("u1").remaining()).isEqualTo(1);
    Decision third = limiter.tryAcquire("u1");
    assertThat(third.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(third.remaining()).isZero();
    assertThat(third.retryAfter()).isZero();
    assertThat(third.bannedUntil()).isEmpty();

    Decision fourth = limiter.tryAcquire("u1");
    assertThat(fourth.outcome()).isEqualTo(Outcome.BAN_STARTED);
    assertThat(fourth.allowed()).isFalse();
    assertThat(fourth.retryAfter()).isEqualTo(Duration.ofMinutes(5));
    Instant banEnd = clock.instant().plus(Duration.ofMinutes(5));
    assertThat(fourth.bannedUntil()).contains(banEnd);

    clock.advance(Duration.ofMinutes(2));
    Decision banned = limiter.tryAcquire("u1");
    assertThat(banned.outcome()).isEqualTo(Outcome.BANNED);
    assertThat(banned.retryAfter()).isEqualTo(Duration.ofMinutes(3));
    assertThat(banned.bannedUntil()).contains(banEnd);

    clock.set(banEnd.toEpochMilli() - 1);
    assertThat(limiter.tryAcquire("u1").outcome()).isEqualTo(Outcome.BANNED);
    clock.set(banEnd.toEpochMilli());
    Decision after = limiter.tryAcquire("u1");
    assertThat(after.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(after.remaining()).isEqualTo(2);

    RateLimiterStats stats = limiter.stats();
    assertThat(stats.allowed()).isEqualTo(4);
    assertThat(stats.denied()).isEqualTo(3);
    assertThat(stats.bansStarted()).isEqualTo(1);
    assertThat(stats.backendFailures()).isZero();
  }

  @Test
  void withoutBanRefusesOnlyUntilTheOldestRequestLeavesTheWindow() {
    RateLimiter limiter = build(builder().limit(2, Duration.ofSeconds(10)).banFor(Duration.ZERO));
    assertThat(limiter.tryAcquire("k").allowed()).isTrue();
    clock.advance(Duration.ofSeconds(4));
    assertThat(limiter.tryAcquire("k").allowed()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    Decision limited = limiter.tryAcquire("k");
    assertThat(limited.outcome()).isEqualTo(Outcome.LIMITED);
    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(limited.bannedUntil()).isEmpty();

    clock.set(T0 + 9_999);
    assertThat(limiter.tryAcquire("k").retryAfter()).isEqualTo(Duration.ofMillis(1));
    clock.set(T0 + 10_000);
    Decision freed = limiter.tryAcquire("k");
    assertThat(freed.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(freed.remaining()).isZero();
    clock.set(T0 + 13_000);
    assertThat(limiter.tryAcquire("k").retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(limiter.stats().bansStarted()).isZero();
  }

  @Test
  void remainingCountsOnlyRequestsInsideTheWindow() {
    RateLimiter limiter = build(builder().limit(3, Duration.ofSeconds(10)).banFor(Duration.ZERO));
    limiter.tryAcquire("k");
    clock.advance(Duration.ofSeconds(6));
    limiter.tryAcquire("k");
    clock.advance(Duration.ofSeconds(6)); // the first left the window; the second is 6 s old
    assertThat(limiter.tryAcquire("k").remaining()).isEqualTo(1);
  }

  /**
   * A seeded random schedule of requests; checks the definition of an exact sliding window directly
   * on what came out: no window (t - W, t] holds more than the limit, and a request is refused only
   * when its window is full.
   */
  @Test
  void neverAllowsMoreThanTheLimitInAnyWindowAndRefusesOnlyWhenFull() {
    int limit = 5;
    long window = 60_000; // long in real time too: Redis expires the log by its own clock
    RateLimiter limiter =
        build(builder().limit(limit, Duration.ofMillis(window)).banFor(Duration.ZERO));
    Random random = new Random(42);
    List<Long> allowed = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      clock.advance(Duration.ofMillis(random.nextInt(7_200)));
      long now = clock.millis();
      long inWindow = allowed.stream().filter(t -> t > now - window).count();
      Decision d = limiter.tryAcquire("r");
      if (d.allowed()) {
        assertThat(inWindow).as("allowed at %d with a full window", now).isLessThan(limit);
        allowed.add(now);
        assertThat(d.remaining()).isEqualTo(limit - (int) inWindow - 1);
      } else {
        assertThat(inWindow).as("refused at %d with room in the window", now).isEqualTo(limit);
        long oldestInWindow =
            allowed.stream().filter(t -> t > now - window).findFirst().orElseThrow();
        assertThat(d.retryAfter()).isEqualTo(Duration.ofMillis(oldestInWindow + window - now));
      }
    }
    assertThat(allowed).hasSizeGreaterThan(100);
  }

  @Test
  void keysAreIndependent() {
    RateLimiter limiter = build(builder().limit(1, Duration.ofMinutes(1)));
    assertThat(limiter.tryAcquire("a").allowed()).isTrue();
    assertThat(limiter.tryAcquire("a").allowed()).isFalse();
    assertThat(limiter.tryAcquire("b").allowed()).isTrue();
    assertThat(limiter.tryAcquire(7L).allowed()).isTrue();
    assertThat(limiter.tryAcquire("7").allowed()).isFalse();
  }

  @Test
  void exemptKeysAreNeitherLimitedNorCounted() {
    RateLimiter limiter =
        build(builder().limit(1, Duration.ofMinutes(1)).exempt(key -> key.startsWith("admin:")));
    for (int i = 0; i < 5; i++) {
      Decision d = limiter.tryAcquire("admin:1");
      assertThat(d.outcome()).isEqualTo(Outcome.EXEMPT);
      assertThat(d.remaining()).isEqualTo(1);
    }
    assertThat(limiter.tryAcquire("user:1").allowed()).isTrue();
    assertThat(limiter.stats().exempted()).isEqualTo(5);
    assertThat(limiter.stats().allowed()).isEqualTo(1);

    RateLimiter byId =
        build(builder().limit(1, Duration.ofMinutes(1)).exemptIds(Set.of(100L, 200L)));
    assertThat(byId.tryAcquire(100L).outcome()).isEqualTo(Outcome.EXEMPT);
    assertThat(byId.tryAcquire(100L).outcome()).isEqualTo(Outcome.EXEMPT);
    assertThat(byId.tryAcquire(300L).outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(byId.tryAcquire(300L).outcome()).isEqualTo(Outcome.BAN_STARTED);
  }

  @Test
  void aClockSteppingBackNeverAllowsMore() {
    RateLimiter limiter = build(builder().limit(2, Duration.ofSeconds(10)).banFor(Duration.ZERO));
    clock.set(T0 + 10_000);
    limiter.tryAcquire("k");
    limiter.tryAcquire("k");
    clock.set(T0 + 1_000); // an NTP step back, or a peer whose clock is behind
    Decision d = limiter.tryAcquire("k");
    assertThat(d.outcome()).isEqualTo(Outcome.LIMITED);
    assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(10));
  }

  /**
   * Two instances, two threads each, hammer one key while time moves in half-window steps; in every
   * window (two consecutive steps) exactly the limit passes, never more.
   */
  @Test
  void concurrentInstancesNeverAllowMoreThanTheLimitInAnyWindow() throws Exception {
    int limit = 30;
    long window = 60_000; // long in real time too: Redis expires the log by its own clock
    RateLimiter[] instances =
        buildShared(builder().limit(limit, Duration.ofMillis(window)).banFor(Duration.ZERO));
    int threads = 4;
    int perThread = 60;
    int steps = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      int[] allowedPerStep = new int[steps];
      for (int step = 0; step < steps; step++) {
        clock.set(T0 + step * window / 2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          RateLimiter instance = instances[t % instances.length];
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    int allowed = 0;
                    for (int i = 0; i < perThread; i++) {
                      if (instance.tryAcquire("hot").outcome() == Outcome.ALLOWED) {
                        allowed++;
                      }
                    }
                    return allowed;
                  }));
        }
        start.countDown();
        for (Future<Integer> f : results) {
          allowedPerStep[step] += f.get(30, TimeUnit.SECONDS);
        }
      }
      for (int step = 1; step < steps; step++) {
        assertThat(allowedPerStep[step - 1] + allowedPerStep[step])
            .as(
                "allowed in the window ending at step %d (per step: %s)",
                step, java.util.Arrays.toString(allowedPerStep))
            .isEqualTo(limit);
      }
      assertThat(instances[0].stats().backendFailures() + instances[1].stats().backendFailures())
          .isZero();
      long allowedTotal =
          instances[0].stats().allowed()
              + (instances.length > 1 && instances[1] != instances[0]
                  ? instances[1].stats().allowed()
                  : 0);
      assertThat(allowedTotal).isEqualTo(java.util.Arrays.stream(allowedPerStep).sum());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void decisionsRejectNullKeys() {
    RateLimiter limiter = build(builder());
    org.assertj.core.api.Assertions.assertThatNullPointerException()
        .isThrownBy(() -> limiter.tryAcquire(null))
        .withMessageContaining("key");
    assertThat(Optional.of(limiter.toString())).isPresent();
  }
}
