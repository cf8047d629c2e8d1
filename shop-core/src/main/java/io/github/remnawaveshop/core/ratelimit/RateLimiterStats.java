package io.github.remnawaveshop.core.ratelimit;

/**
 * Counters of one {@link RateLimiter} since it was built; a snapshot, each counter read on its own
 * (not one atomic cut). Ready for a metrics binding.
 *
 * @param allowed requests allowed within the limit (also those allowed by {@link
 *     RedisFailurePolicy#FAIL_OPEN}, which are counted in {@code backendFailures} too)
 * @param denied requests refused: over the limit, banned, or failed closed
 * @param bansStarted bans started (each excess that started a ban counts once)
 * @param exempted requests that skipped the limit because the key is exempt
 * @param backendFailures decisions for which Redis failed or timed out
 */
public record RateLimiterStats(
    long allowed, long denied, long bansStarted, long exempted, long backendFailures) {}
