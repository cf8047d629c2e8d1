package io.github.remnawaveshop.core.subscription;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's subscription as the shop records it: the shop database is the truth for paid time.
 *
 * @param id the store's id
 * @param userId the shop user's id
 * @param planId the plan last bought, empty for a trial
 * @param status {@code ACTIVE}, {@code EXPIRED}, {@code CANCELLED} or {@code PENDING}
 * @param startsAt when access began
 * @param endsAt when access ends
 * @param trial whether this is a trial not yet converted by a payment
 * @param autoRenew whether automatic renewal is on
 */
public record Subscription(
    long id, long userId, Optional<Long> planId, String status, Instant startsAt, Instant endsAt, boolean trial,
    boolean autoRenew) {

  /** Validates. */
  public Subscription {
    Objects.requireNonNull(planId, "planId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
  }

  /** Whether access is open at this instant. */
  public boolean isActiveAt(Instant instant) {
    return "ACTIVE".equals(status) && endsAt.isAfter(instant);
  }
}
