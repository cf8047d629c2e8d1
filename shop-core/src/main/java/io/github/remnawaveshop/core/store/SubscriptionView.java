package io.github.remnawaveshop.core.store;

import java.util.Objects;
import java.util.Optional;

/**
 * The "my subscription" screen's data, read in one query: the user, their active subscription (if
 * any) and that subscription's plan (if it has one).
 *
 * @param user the user
 * @param subscription the user's {@link SubscriptionStatus#ACTIVE} subscription
 * @param plan the plan of that subscription
 */
public record SubscriptionView(
    User user, Optional<Subscription> subscription, Optional<Plan> plan) {
  /** Checks the fields are present. */
  public SubscriptionView {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(plan, "plan");
  }
}
