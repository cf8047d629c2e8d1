package io.github.remnawaveshop.core.payment;

/**
 * Tells the {@link PaymentRouter} whether a gateway is healthy enough to be offered.
 * Implementations must be thread-safe and fast (they are asked on every routing decision): keep the
 * state in memory and update it from health checks or from recent failures.
 */
@FunctionalInterface
public interface GatewayHealth {

  /** A health source that considers every gateway healthy. */
  GatewayHealth ALWAYS_HEALTHY = gatewayId -> true;

  /**
   * Whether the gateway may be offered now.
   *
   * @param gatewayId the gateway's {@link PaymentGateway#id()}
   * @return true when healthy
   */
  boolean isHealthy(String gatewayId);
}
