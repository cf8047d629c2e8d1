/**
 * Operations: {@link io.github.remnawaveshop.core.ops.ShopLifecycle} (ordered start, graceful
 * shutdown on SIGINT/SIGTERM with a deadline for in-flight work), {@link
 * io.github.remnawaveshop.core.ops.HealthMonitor} with per-dependency checks and thresholds, {@link
 * io.github.remnawaveshop.core.ops.ShopMetrics} on Micrometer, and {@link
 * io.github.remnawaveshop.core.ops.OpsHttpServer}, a tiny optional endpoint for {@code /health} and
 * {@code /metrics}. All are assembled with builders; none is a global.
 */
@NullMarked
package io.github.remnawaveshop.core.ops;

import org.jspecify.annotations.NullMarked;
