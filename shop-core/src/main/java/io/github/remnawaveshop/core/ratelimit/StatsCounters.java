package io.github.remnawaveshop.core.ratelimit;

import java.util.concurrent.atomic.LongAdder;

/** Striped counters (no contention between threads) behind {@link RateLimiterStats}. */
final class StatsCounters {
  final LongAdder allowed = new LongAdder();
  final LongAdder denied = new LongAdder();
  final LongAdder bansStarted = new LongAdder();
  final LongAdder exempted = new LongAdder();
  final LongAdder backendFailures = new LongAdder();

  RateLimiterStats snapshot() {
    return new RateLimiterStats(
        allowed.sum(), denied.sum(), bansStarted.sum(), exempted.sum(), backendFailures.sum());
  }
}
