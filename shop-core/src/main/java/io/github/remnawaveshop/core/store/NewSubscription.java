package io.github.remnawaveshop.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A subscription to create with {@link SubscriptionRepository#create}.
 *
 * @param userId the owner's store id
 * @param planId the plan bought, empty for grants outside the catalog
 * @param panelUserUuid the panel user serving it, when already known
 * @param status initial state, usually {@link SubscriptionStatus#ACTIVE}
 * @param startsAt start of service
 * @param endsAt end of service, not before {@code startsAt}
 * @param trial whether it is a free trial
 * @param autoRenew whether the shop renews it
 */
public record NewSubscription(
    long userId,
    Optional<Long> planId,
    Optional<UUID> panelUserUuid,
    SubscriptionStatus status,
    Instant startsAt,
    Instant endsAt,
    boolean trial,
    boolean autoRenew) {

  /** Validates the fields. */
  public NewSubscription {
    Objects.requireNonNull(planId, "planId");
    Objects.requireNonNull(panelUserUuid, "panelUserUuid");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    if (endsAt.isBefore(startsAt)) {
      throw new IllegalArgumentException(
          "endsAt (" + endsAt + ") must not be before startsAt (" + startsAt + ")");
    }
  }

  /**
   * An active, paid, non-renewing subscription of a plan.
   *
   * @param userId the owner
   * @param planId the plan
   * @param startsAt start
   * @param endsAt end
   * @return the subscription to create
   */
  public static NewSubscription active(long userId, long planId, Instant startsAt, Instant endsAt) {
    return new NewSubscription(
        userId,
        Optional.of(planId),
        Optional.empty(),
        SubscriptionStatus.ACTIVE,
        startsAt,
        endsAt,
        false,
        false);
  }

  /**
   * An active trial.
   *
   * @param userId the owner
   * @param planId the plan the trial is based on, empty for none
   * @param startsAt start
   * @param endsAt end
   * @return the subscription to create
   */
  public static NewSubscription trial(
      long userId, Optional<Long> planId, Instant startsAt, Instant endsAt) {
    return new NewSubscription(
        userId, planId, Optional.empty(), SubscriptionStatus.ACTIVE, startsAt, endsAt, true, false);
  }

  /**
   * A copy with the panel user set.
   *
   * @param uuid the panel user's uuid
   * @return the copy
   */
  public NewSubscription withPanelUserUuid(UUID uuid) {
    return new NewSubscription(
        userId, planId, Optional.of(uuid), status, startsAt, endsAt, trial, autoRenew);
  }

  /**
   * A copy with auto-renewal switched.
   *
   * @param autoRenew whether the shop renews it
   * @return the copy
   */
  public NewSubscription withAutoRenew(boolean autoRenew) {
    return new NewSubscription(
        userId, planId, panelUserUuid, status, startsAt, endsAt, trial, autoRenew);
  }
}
