package io.github.remnawaveshop.core.panel;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A device (hardware id) the panel has seen for a user.
 *
 * @param hwid the device's hardware id
 * @param userId the owning user's id (3.x {@code userId}, 2.x {@code userUuid})
 * @param platform the platform reported by the client app
 * @param osVersion the OS version reported by the client app
 * @param deviceModel the device model reported by the client app
 * @param userAgent the client's user agent
 * @param createdAt when the device was first seen
 * @param updatedAt when the device was last seen
 */
public record HwidDevice(
    String hwid,
    String userId,
    Optional<String> platform,
    Optional<String> osVersion,
    Optional<String> deviceModel,
    Optional<String> userAgent,
    Optional<Instant> createdAt,
    Optional<Instant> updatedAt) {
  /** Checks that no component is null. */
  public HwidDevice {
    Objects.requireNonNull(hwid, "hwid");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(osVersion, "osVersion");
    Objects.requireNonNull(deviceModel, "deviceModel");
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
