package io.github.remnawaveshop.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTest extends RateLimiterContract {

  @Override
  RateLimiter build(RateLimiter.Builder builder) {
    RateLimiter limiter = builder.build();
    assertThat(limiter).isInstanceOf(InMemoryRateLimiter.class);
    return limiter;
  }

  @Override
  RateLimiter[] buildShared(RateLimiter.Builder builder) {
    RateLimiter limiter = build(builder);
    return new RateLimiter[] {limiter, limiter};
  }

  @Test
  void aMillionDistinctKeysStayWithinMaxKeys() {
    InMemoryRateLimiter limiter = (InMemoryRateLimiter) builder().maxKeys(10_000).build();
    Runtime rt = Runtime.getRuntime();
    int allowed = 0;
    for (int i = 0; i < 1_000_000; i++) {
      if (limiter.tryAcquire(i).allowed()) {
        allowed++;
      }
    }
    assertThat(allowed).isEqualTo(1_000_000);
    assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(10_000);
    // a rough cross-check that nothing else holds the keys: 1M logs would be ~300 MB
    System.gc();
    long usedMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
    assertThat(usedMb).as("heap used after a million keys, MB").isLessThan(200);
    assertThat(limiter.stats().allowed()).isEqualTo(1_000_000);
  }

  @Test
  void idleKeysExpireOnceTheWindowAndTheBanHavePassed() {
    InMemoryRateLimiter limiter =
        (InMemoryRateLimiter)
            builder().limit(1, Duration.ofMinutes(1)).banFor(Duration.ofMinutes(5)).build();
    for (int i = 0; i < 50_000; i++) {
      limiter.tryAcquire("user:" + i);
    }
    limiter.tryAcquire("user:0"); // starts a ban: the entry must outlive the window
    assertThat(limiter.trackedKeys()).isEqualTo(50_000);

    clock.advance(Duration.ofMinutes(4));
    assertThat(limiter.tryAcquire("user:0").outcome()).isEqualTo(Decision.Outcome.BANNED);
    clock.advance(Duration.ofMinutes(5).plusMillis(1));
    assertThat(limiter.trackedKeys()).isZero();
  }

  @Test
  void aBannedKeyIsRememberedWhileBannedEvenWhenIdle() {
    RateLimiter limiter =
        builder().limit(1, Duration.ofSeconds(10)).banFor(Duration.ofMinutes(5)).build();
    limiter.tryAcquire("k");
    assertThat(limiter.tryAcquire("k").outcome()).isEqualTo(Decision.Outcome.BAN_STARTED);
    clock.advance(Duration.ofMinutes(4)); // idle far longer than the window
    assertThat(limiter.tryAcquire("k").outcome()).isEqualTo(Decision.Outcome.BANNED);
  }

  /**
   * Issue 16 item 15: a flood of distinct keys, one request each, at the largest limit. A ring
   * allocated up front would hold limit x keys timestamps (8 GB at the defaults); a lazy one holds
   * what was logged.
   */
  @Test
  void aFloodOfDistinctKeysAtTheMaximumLimitAllocatesOnlyWhatItLogs() {
    InMemoryRateLimiter limiter =
        (InMemoryRateLimiter)
            builder().limit(RateLimiter.Builder.MAX_LIMIT, Duration.ofHours(1)).build();
    int keys = 2_000;
    for (int i = 0; i < keys; i++) {
      assertThat(limiter.tryAcquire("flood:" + i).allowed()).isTrue();
    }
    assertThat(limiter.trackedKeys()).isEqualTo(keys);
    assertThat(limiter.retainedSlots())
        .as("timestamp slots held for %d one-request keys", keys)
        .isLessThanOrEqualTo(keys * 8L);

    // a key that really uses its limit still gets the exact log
    for (int i = 1; i < RateLimiter.Builder.MAX_LIMIT; i++) {
      assertThat(limiter.tryAcquire("flood:0").allowed()).isTrue();
    }
    assertThat(limiter.tryAcquire("flood:0").outcome()).isEqualTo(Decision.Outcome.BAN_STARTED);
  }

  /**
   * Issue 16 item 15: size-based eviction must not lift a ban. An attacker who is banned floods
   * distinct keys, each used up to (not over) the limit so that none is banned and the cache's
   * frequency filter admits them, to push the banned key out of a small cache.
   */
  @Test
  void sizeEvictionNeverDropsAnActiveBan() {
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
    assertThat(limiter.tryAcquire("attacker").outcome()).isEqualTo(Decision.Outcome.BAN_STARTED);
    for (int i = 0; i < 20_000; i++) {
      for (int r = 0; r < 5; r++) {
        assertThat(limiter.tryAcquire("flood:" + i).allowed()).isTrue();
      }
    }
    assertThat(limiter.trackedKeys())
        .as("the flood is bounded by maxKeys")
        .isLessThanOrEqualTo(101);
    clock.advance(Duration.ofMinutes(1));
    assertThat(limiter.tryAcquire("attacker").outcome()).isEqualTo(Decision.Outcome.BANNED);
    clock.advance(Duration.ofMinutes(4));
    assertThat(limiter.tryAcquire("attacker").outcome())
        .as("after the ban")
        .isEqualTo(Decision.Outcome.ALLOWED);
  }
}
