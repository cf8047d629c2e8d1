package io.github.remnawaveshop.core.panel;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Panel-wide figures from {@code GET /api/system/stats}, for admin screens and health checks.
 *
 * @param cpuCores CPU cores of the panel host
 * @param memoryTotalBytes total memory of the panel host
 * @param memoryUsedBytes used memory of the panel host
 * @param uptime panel process uptime
 * @param totalUsers number of users
 * @param statusCounts users per status (unmodifiable; statuses the SDK does not know are summed
 *     under {@link UserStatus#UNKNOWN})
 * @param onlineNow users online now
 * @param onlineLastDay users online in the last day
 * @param nodesOnline nodes online
 */
public record SystemStats(
    int cpuCores,
    long memoryTotalBytes,
    long memoryUsedBytes,
    Duration uptime,
    long totalUsers,
    Map<UserStatus, Long> statusCounts,
    long onlineNow,
    long onlineLastDay,
    long nodesOnline) {
  /** Checks that no component is null and copies the map. */
  public SystemStats {
    Objects.requireNonNull(uptime, "uptime");
    statusCounts = Map.copyOf(statusCounts);
  }
}
