package io.github.remnawaveshop.core.store;

/**
 * The store's repositories. {@link ShopStore} gives repositories whose every call runs in its own
 * short transaction; {@link StoreTransaction} gives the same repositories bound to one transaction.
 */
public interface ShopRepositories {
  /**
   * @return the users
   */
  UserRepository users();

  /**
   * @return the plan catalog
   */
  PlanRepository plans();

  /**
   * @return the subscriptions
   */
  SubscriptionRepository subscriptions();

  /**
   * @return the payments
   */
  PaymentRepository payments();

  /**
   * @return the promo codes and activations
   */
  PromoCodeRepository promoCodes();

  /**
   * @return the referral rewards
   */
  ReferralRepository referrals();

  /**
   * @return the outbox
   */
  OutboxRepository outbox();

  /**
   * @return the processed webhook events
   */
  WebhookEventRepository webhookEvents();

  /**
   * @return admin broadcasts and their progress
   */
  BroadcastRepository broadcasts();
}
