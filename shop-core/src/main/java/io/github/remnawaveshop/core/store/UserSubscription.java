package io.github.remnawaveshop.core.store;

import java.util.Objects;

/**
 * A user with one of their subscriptions (e.g. the latest), as read together in one query.
 *
 * @param user the user
 * @param subscription the subscription
 */
public record UserSubscription(User user, Subscription subscription) {
  /** Checks the fields. */
  public UserSubscription {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(subscription, "subscription");
  }
}
