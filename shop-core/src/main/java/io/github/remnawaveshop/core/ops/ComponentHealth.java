package io.github.remnawaveshop.core.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The result of one health check.
 *
 * @param name the component
 * @param status its health
 * @param responseTime how long the probe took (the timeout, when it timed out)
 * @param detail what the probe said, or why it failed (never a secret)
 * @param checkedAt when it was checked
 */
public record ComponentHealth(
    String name, HealthStatus status, Duration responseTime, String detail, Instant checkedAt) {
  /** Validates. */
  public ComponentHealth {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(responseTime, "responseTime");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(checkedAt, "checkedAt");
  }
}
