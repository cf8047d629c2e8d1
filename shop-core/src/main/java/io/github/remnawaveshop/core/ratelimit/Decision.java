package io.github.remnawaveshop.core.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link RateLimiter#tryAcquire(String)}.
 *
 * @param outcome why the request passed or not
 * @param remaining how many more requests the key may make in the current window after this one
 *     (the limit for {@link Outcome#EXEMPT}; 0 when denied or unknown)
 * @param retryAfter how long the key should wait before its next request can pass; zero when
 *     allowed or unknown ({@link Outcome#FAILED_CLOSED})
 * @param bannedUntil when the key's ban ends, if it is banned
 */
public record Decision(
    Outcome outcome, int remaining, Duration retryAfter, Optional<Instant> bannedUntil) {

  /** Why a request passed or was refused. */
  public enum Outcome {
    /** Within the limit. */
    ALLOWED(true),
    /** The key matches the exemption predicate; not counted. */
    EXEMPT(true),
    /** Redis did not answer and the policy is {@link RedisFailurePolicy#FAIL_OPEN}. */
    FAILED_OPEN(true),
    /** Over the limit and no ban configured: wait {@code retryAfter} for a slot to free up. */
    LIMITED(false),
    /** Over the limit just now: a ban started with this request (tell the user once). */
    BAN_STARTED(false),
    /** Still banned from an earlier excess. */
    BANNED(false),
    /** Redis did not answer and the policy is {@link RedisFailurePolicy#FAIL_CLOSED}. */
    FAILED_CLOSED(false);

    private final boolean allowed;

    Outcome(boolean allowed) {
      this.allowed = allowed;
    }

    /** Whether a request with this outcome may pass. */
    public boolean allowed() {
      return allowed;
    }
  }

  /** Validates the components. */
  public Decision {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(bannedUntil, "bannedUntil");
    if (remaining < 0) {
      throw new IllegalArgumentException("remaining must be >= 0; was " + remaining);
    }
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative; was " + retryAfter);
    }
  }

  /** Whether the request may pass. */
  public boolean allowed() {
    return outcome.allowed();
  }
}
