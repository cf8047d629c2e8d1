package io.github.remnawaveshop.core.panel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the panel tells about a subscription ({@code GET /api/sub/{shortUuid}/info}).
 *
 * @param shortUuid the subscription's short UUID
 * @param username the owner's user name
 * @param status the owner's status
 * @param active whether the subscription currently works
 * @param expiresAt when it ends
 * @param daysLeft whole days left as the panel counts them
 * @param subscriptionUrl the subscription link
 * @param links the individual connection links (unmodifiable)
 */
public record SubscriptionInfo(
    String shortUuid,
    String username,
    UserStatus status,
    boolean active,
    Optional<Instant> expiresAt,
    long daysLeft,
    Optional<String> subscriptionUrl,
    List<String> links) {
  /** Checks that no component is null and copies the list. */
  public SubscriptionInfo {
    Objects.requireNonNull(shortUuid, "shortUuid");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(subscriptionUrl, "subscriptionUrl");
    links = List.copyOf(links);
  }
}
