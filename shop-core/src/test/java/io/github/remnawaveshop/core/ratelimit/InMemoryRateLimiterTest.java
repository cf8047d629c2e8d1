package io.github.remnawaveshop.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTest extends RateLimiterContract {

  @Override
  RateLimiter build(RateLimiterBuilder builder) {
    RateLimiter limiter = builder.build();
    assertThat(limiter).isInstanceOf(InMemoryRateLimiter.class);
    return limiter;
  }

  @Override
  RateLimiter[] buildShared(RateLimiterBuilder builder) {
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
    InMemoryRateLimiter limiter = (InMemoryRateLimiter) builder().limit(1, Duration.ofMinutes(1))
        .banFor(Duration.ofMinutes(5)).build();
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
    RateLimiter limiter = builder().limit(1, Duration.ofSeconds(10)).banFor(Duration.ofMinutes(5)).build();
    limiter.tryAcquire("k");
    assertThat(limiter.tryAcquire("k").outcome()).isEqualTo(Decision.Outcome.BAN_STARTED);
    clock.advance(Duration.ofMinutes(4)); // idle far longer than the window
    assertThat(limiter.tryAcquire("k").outcome()).isEqualTo(Decision.Outcome.BANNED);
  }
}
