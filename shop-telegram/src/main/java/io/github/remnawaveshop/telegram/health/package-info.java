/** Health checks of the Telegram layer for {@code core.ops.HealthMonitor}. */
package io.github.remnawaveshop.telegram.health;
