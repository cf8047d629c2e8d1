package io.github.remnawaveshop.core.panel;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Traffic and connection figures of one panel user (the {@code userTraffic} object).
 *
 * @param usedTrafficBytes traffic used in the current period
 * @param lifetimeUsedTrafficBytes traffic used since creation
 * @param onlineAt when the user was last seen online
 * @param firstConnectedAt when the user first connected
 * @param lastConnectedNodeUuid the node the user last connected to
 */
public record UserTraffic(
    long usedTrafficBytes,
    long lifetimeUsedTrafficBytes,
    Optional<Instant> onlineAt,
    Optional<Instant> firstConnectedAt,
    Optional<String> lastConnectedNodeUuid) {

  /** No traffic, never connected. */
  public static final UserTraffic NONE =
      new UserTraffic(0, 0, Optional.empty(), Optional.empty(), Optional.empty());

  /** Checks that no component is null. */
  public UserTraffic {
    Objects.requireNonNull(onlineAt, "onlineAt");
    Objects.requireNonNull(firstConnectedAt, "firstConnectedAt");
    Objects.requireNonNull(lastConnectedNodeUuid, "lastConnectedNodeUuid");
  }
}
