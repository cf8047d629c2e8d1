package io.github.remnawaveshop.core.store;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A period of service for a user.
 *
 * @param id the store's id
 * @param userId the owner's store id
 * @param planId the plan bought, empty for grants outside the catalog
 * @param panelUserUuid the panel user serving it, once provisioned
 * @param status life-cycle state
 * @param startsAt start of service
 * @param endsAt end of service
 * @param trial whether it is a free trial
 * @param autoRenew whether the shop renews it before it ends
 * @param createdAt when created
 * @param updatedAt when last changed
 * @param renewalProvider the gateway that renews it automatically, when it renews
 * @param renewalReference the provider's subscription (or saved payment method) id used to renew
 */
public record Subscription(
    long id,
    long userId,
    Optional<Long> planId,
    Optional<UUID> panelUserUuid,
    SubscriptionStatus status,
    Instant startsAt,
    Instant endsAt,
    boolean trial,
    boolean autoRenew,
    Instant createdAt,
    Instant updatedAt,
    Optional<String> renewalProvider,
    Optional<String> renewalReference) {

  /**
   * Whether the subscription serves the user at the given instant: active and not yet ended.
   *
   * @param now the instant to check
   * @return {@code true} when in service
   */
  public boolean isCurrent(Instant now) {
    return status == SubscriptionStatus.ACTIVE && !now.isBefore(startsAt) && now.isBefore(endsAt);
  }
}
