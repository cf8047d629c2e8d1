package io.github.remnawaveshop.core.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Makes decisions and counts them. The allowed decisions are immutable and few (one per possible
 * {@code remaining}), so they are made once: the hot path allocates nothing when a request passes;
 * refusals with a wait under {@value #LIMITED_CACHED} ms are kept once made.
 */
final class Decisions {
  private static final int CACHED = 1024;
  private static final int LIMITED_CACHED = 4096;

  private final Decision[] allowed;
  private final @Nullable Decision[] limited = new Decision[LIMITED_CACHED];
  private final Decision exempt;
  private final Decision failedOpen;
  private final Decision failedClosed;
  private final StatsCounters counters = new StatsCounters();

  Decisions(int limit) {
    allowed = new Decision[Math.min(limit, CACHED)];
    for (int i = 0; i < allowed.length; i++) {
      allowed[i] = new Decision(Decision.Outcome.ALLOWED, i, Duration.ZERO, Optional.empty());
    }
    exempt = new Decision(Decision.Outcome.EXEMPT, limit, Duration.ZERO, Optional.empty());
    failedOpen = new Decision(Decision.Outcome.FAILED_OPEN, 0, Duration.ZERO, Optional.empty());
    failedClosed = new Decision(Decision.Outcome.FAILED_CLOSED, 0, Duration.ZERO, Optional.empty());
  }

  StatsCounters counters() {
    return counters;
  }

  Decision allowed(int remaining) {
    counters.allowed.increment();
    return remaining < allowed.length
        ? allowed[remaining]
        : new Decision(Decision.Outcome.ALLOWED, remaining, Duration.ZERO, Optional.empty());
  }

  Decision exempt() {
    counters.exempted.increment();
    return exempt;
  }

  Decision limited(long retryAfterMillis) {
    counters.denied.increment();
    long wait = Math.max(0, retryAfterMillis);
    if (wait >= LIMITED_CACHED) {
      return limitedDecision(wait);
    }
    // made on first use and kept: a key over its limit is refused again and again with waits of a
    // few seconds at most, so the refused path allocates nothing either (a race makes two equal
    // decisions, which is harmless: they are immutable)
    Decision d = limited[(int) wait];
    if (d == null) {
      d = limitedDecision(wait);
      limited[(int) wait] = d;
    }
    return d;
  }

  private static Decision limitedDecision(long waitMillis) {
    return new Decision(
        Decision.Outcome.LIMITED, 0, Duration.ofMillis(waitMillis), Optional.empty());
  }

  Decision banStarted(long retryAfterMillis, long bannedUntil) {
    counters.denied.increment();
    counters.bansStarted.increment();
    return new Decision(
        Decision.Outcome.BAN_STARTED,
        0,
        Duration.ofMillis(Math.max(0, retryAfterMillis)),
        Optional.of(Instant.ofEpochMilli(bannedUntil)));
  }

  Decision banned(long retryAfterMillis, long bannedUntil) {
    counters.denied.increment();
    return new Decision(
        Decision.Outcome.BANNED,
        0,
        Duration.ofMillis(Math.max(0, retryAfterMillis)),
        Optional.of(Instant.ofEpochMilli(bannedUntil)));
  }

  Decision backendFailed(RedisFailurePolicy policy) {
    counters.backendFailures.increment();
    if (policy == RedisFailurePolicy.FAIL_OPEN) {
      counters.allowed.increment();
      return failedOpen;
    }
    counters.denied.increment();
    return failedClosed;
  }
}
