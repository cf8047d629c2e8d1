package io.github.remnawaveshop.core.panel;

import java.time.Duration;
import java.util.Objects;

/**
 * How the client retries transient panel failures: exponential backoff with jitter, bounded by a
 * number of attempts and a total time. Immutable; build with {@link #builder()}.
 *
 * <p>What is retried: HTTP 429, 502, 503, 504 and connection failures, for idempotent calls (GET,
 * DELETE, PATCH, enable/disable/reset-traffic, device deletion). Calls that must not run twice
 * (create, extend, revoke) are retried only when the panel cannot have acted: HTTP 429 and failures
 * to connect. A {@code Retry-After} header (seconds or HTTP date) replaces the computed delay as
 * sent (not capped, not jittered); if it asks for more than the remaining time budget, the client
 * gives up at once instead of waiting.
 *
 * @param maxAttempts attempts in total, including the first (1 = no retries)
 * @param initialBackoff delay before the second attempt
 * @param maxBackoff cap on any single computed delay
 * @param maxElapsed total time budget from the first attempt; no retry starts after it
 * @param jitter fraction (0..1) of each delay that is randomised: the delay is taken uniformly from
 *     {@code [d * (1 - jitter), d]}
 */
public record PanelRetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxElapsed,
    double jitter) {

  /** Validates the settings; messages name the setting and the bad value. */
  public PanelRetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1 but was " + maxAttempts);
    }
    requirePositive("initialBackoff", initialBackoff);
    requirePositive("maxBackoff", maxBackoff);
    requirePositive("maxElapsed", maxElapsed);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff (" + maxBackoff + ") must be >= initialBackoff (" + initialBackoff + ")");
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be within [0, 1] but was " + jitter);
    }
  }

  /**
   * The defaults: 4 attempts, 200 ms doubling up to 5 s, at most 20 s in total, 50 % jitter.
   *
   * @return the default policy
   */
  public static PanelRetryPolicy defaults() {
    return builder().build();
  }

  /**
   * A policy that never retries.
   *
   * @return a single-attempt policy
   */
  public static PanelRetryPolicy none() {
    return builder().maxAttempts(1).build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from this policy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder()
        .maxAttempts(maxAttempts)
        .initialBackoff(initialBackoff)
        .maxBackoff(maxBackoff)
        .maxElapsed(maxElapsed)
        .jitter(jitter);
  }

  /**
   * The delay before attempt {@code attempt + 1}, before jitter.
   *
   * @param attempt the attempt that just failed, starting at 1
   * @return the backoff, capped at {@link #maxBackoff()}
   */
  public Duration backoff(int attempt) {
    long initial = initialBackoff.toMillis();
    int shift = Math.min(Math.max(attempt - 1, 0), 30);
    long millis = initial << shift;
    if (millis < 0 || millis > maxBackoff.toMillis()) {
      return maxBackoff;
    }
    return Duration.ofMillis(millis);
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive but was " + value);
    }
  }

  /** Mutable builder of {@link PanelRetryPolicy}; not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 4;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private Duration maxElapsed = Duration.ofSeconds(20);
    private double jitter = 0.5;

    private Builder() {}

    /**
     * Attempts in total, including the first.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder maxAttempts(int value) {
      this.maxAttempts = value;
      return this;
    }

    /**
     * Delay before the second attempt; doubles for each further one.
     *
     * @param value positive
     * @return this builder
     */
    public Builder initialBackoff(Duration value) {
      this.initialBackoff = value;
      return this;
    }

    /**
     * Cap on any single delay.
     *
     * @param value positive, at least the initial backoff
     * @return this builder
     */
    public Builder maxBackoff(Duration value) {
      this.maxBackoff = value;
      return this;
    }

    /**
     * Total time budget from the first attempt.
     *
     * @param value positive
     * @return this builder
     */
    public Builder maxElapsed(Duration value) {
      this.maxElapsed = value;
      return this;
    }

    /**
     * Randomised fraction of each delay.
     *
     * @param value within [0, 1]
     * @return this builder
     */
    public Builder jitter(double value) {
      this.jitter = value;
      return this;
    }

    /**
     * Validates and builds the policy.
     *
     * @return the policy
     * @throws IllegalArgumentException naming the bad setting
     */
    public PanelRetryPolicy build() {
      return new PanelRetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxElapsed, jitter);
    }
  }
}
