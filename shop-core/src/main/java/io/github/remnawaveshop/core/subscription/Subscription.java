package io.github.remnawaveshop.core.subscription;

import io.github.remnawaveshop.core.store.SubscriptionStatus;
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
    long id,
    long userId,
    Optional<Long> planId,
    String status,
    Instant startsAt,
    Instant endsAt,
    boolean trial,
    boolean autoRenew) {

  /** Validates. */
  public Subscription {
    Objects.requireNonNull(planId, "planId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    try {
      SubscriptionStatus.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "status must be one of "
              + java.util.Arrays.toString(SubscriptionStatus.values())
              + " but was '"
              + status
              + "'",
          e);
    }
  }

  /**
   * The status as an enum (the {@link #status()} string is its name).
   *
   * @return the status
   */
  public SubscriptionStatus state() {
    return SubscriptionStatus.valueOf(status);
  }

  /** Whether access is open at this instant. */
  public boolean isActiveAt(Instant instant) {
    return state() == SubscriptionStatus.ACTIVE && endsAt.isAfter(instant);
  }
}
