package io.github.remnawaveshop.core.ops;

/** Health of one component or of the whole shop, from best to worst. */
public enum HealthStatus {
  /** Answering within the response-time threshold. */
  HEALTHY,
  /** Answering, but slower than the degraded threshold. */
  DEGRADED,
  /** Failing, timing out, or slower than the unhealthy threshold. */
  UNHEALTHY;

  /** The worse of two statuses. */
  public HealthStatus worse(HealthStatus other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
