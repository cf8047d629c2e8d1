package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.store.User;
import io.github.remnawaveshop.core.subscription.Plan;
import io.github.remnawaveshop.core.subscription.ShopUser;
import io.github.remnawaveshop.core.subscription.Subscription;
import java.util.UUID;

/**
 * The engine's public views of the store's records (one record per table lives in core.store; these
 * are the shapes {@link io.github.remnawaveshop.core.subscription.SubscriptionEngine} has always
 * returned).
 */
public final class Views {
  private Views() {}

  /**
   * @return the engine's view of a store user
   */
  public static ShopUser user(User u) {
    return new ShopUser(
        u.id(), u.telegramId(), u.username(), u.language(), u.referralCode(), u.referredBy());
  }

  /**
   * @return the engine's view of a store subscription
   */
  public static Subscription subscription(io.github.remnawaveshop.core.store.Subscription s) {
    return new Subscription(
        s.id(),
        s.userId(),
        s.planId(),
        s.status().name(),
        s.startsAt(),
        s.endsAt(),
        s.trial(),
        s.autoRenew());
  }

  /**
   * @return the engine's view of a store plan
   */
  public static Plan plan(io.github.remnawaveshop.core.store.Plan p) {
    return new Plan(
        p.id(),
        p.code(),
        p.title(),
        p.durationDays(),
        p.trafficLimitBytes(),
        p.trafficResetStrategy().name(),
        p.deviceLimit(),
        p.internalSquads().stream().map(UUID::toString).toList(),
        p.prices());
  }
}
