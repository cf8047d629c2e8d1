package io.github.remnawaveshop.core.subscription;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox worker retries panel provisioning.
 *
 * @param initialBackoff the wait after the first failure; doubled after each further one
 * @param maxBackoff the longest wait between attempts
 * @param maxAttempts attempts before a job is marked {@code DEAD} (an operator looks at it)
 * @param batchSize jobs one {@code runOnce} call processes at most
 */
public record OutboxSettings(
    Duration initialBackoff, Duration maxBackoff, int maxAttempts, int batchSize) {

  /** Validates, naming the bad setting. */
  public OutboxSettings {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initialBackoff must be positive; was " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff must be at least initialBackoff (" + initialBackoff + "); was " + maxBackoff);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be 1 or more; was " + maxAttempts);
    }
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("batchSize must be between 1 and 10000; was " + batchSize);
    }
  }

  /** The defaults: 5 s doubling up to 15 min, 200 attempts (about two days), batches of 100. */
  public static OutboxSettings defaults() {
    return new OutboxSettings(Duration.ofSeconds(5), Duration.ofMinutes(15), 200, 100);
  }

  /** The wait before attempt {@code attempts + 1}, after {@code attempts} failures. */
  public Duration backoff(int attempts) {
    int shift = Math.min(Math.max(attempts - 1, 0), 30);
    Duration d = initialBackoff.multipliedBy(1L << shift);
    return d.compareTo(maxBackoff) > 0 || d.isNegative() ? maxBackoff : d;
  }
}
