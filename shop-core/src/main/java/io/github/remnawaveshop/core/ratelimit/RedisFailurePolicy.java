package io.github.remnawaveshop.core.ratelimit;

/**
 * What a Redis-backed {@link RateLimiter} answers when Redis fails or does not answer within the
 * configured timeout. Either way the failure is counted ({@link
 * RateLimiterStats#backendFailures()}) and logged once at WARN when Redis goes away and once at
 * INFO when it answers again.
 */
public enum RedisFailurePolicy {
  /**
   * Let the request pass ({@link Decision.Outcome#FAILED_OPEN}): an outage never locks users out.
   */
  FAIL_OPEN,
  /**
   * Refuse the request ({@link Decision.Outcome#FAILED_CLOSED}): an outage never lets a flood
   * through.
   */
  FAIL_CLOSED
}
