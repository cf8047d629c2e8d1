package io.github.remnawaveshop.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Subscriptions. A user has at most one {@link SubscriptionStatus#ACTIVE} subscription (a unique
 * index enforces it). Obtained from {@link ShopStore#subscriptions()} or {@link
 * StoreTransaction#subscriptions()}.
 */
public interface SubscriptionRepository {
  /**
   * Creates a subscription.
   *
   * @param subscription the subscription
   * @return the stored subscription
   * @throws DuplicateKeyException when creating a second active one for the user ({@code
   *     shop_subscriptions_user_active_key})
   * @throws ForeignKeyViolationException when the user or plan does not exist
   */
  Subscription create(NewSubscription subscription);

  /**
   * @param id subscription id @return the subscription, if any
   */
  Optional<Subscription> findById(long id);

  /**
   * @param userId store id of the user @return the user's active subscription, if any
   */
  Optional<Subscription> findActiveByUserId(long userId);

  /**
   * Like {@link #findActiveByUserId} but locks the row ({@code FOR UPDATE}) until the transaction
   * ends; use inside {@link ShopStore#inTransaction} before changing it.
   *
   * @param userId store id of the user
   * @return the locked active subscription, if any
   */
  Optional<Subscription> lockActiveByUserId(long userId);

  /**
   * @param panelUserUuid a panel user @return subscriptions served by it, newest first
   */
  List<Subscription> findByPanelUserUuid(UUID panelUserUuid);

  /**
   * @param userId store id @param request the page @return the user's subscriptions, newest first
   */
  Page<Subscription> listByUser(long userId, PageRequest request);

  /**
   * The "my subscription" view in one query: user, active subscription, its plan and prices.
   *
   * @param telegramId Telegram user id
   * @return the view, empty when the user is unknown
   */
  Optional<SubscriptionView> viewByTelegramId(long telegramId);

  /**
   * @param userId store id @return the "my subscription" view, empty when the user is unknown
   */
  Optional<SubscriptionView> viewByUserId(long userId);

  /**
   * Active subscriptions ending in {@code [from, to)}, ordered by end then id: for reminders and
   * renewals.
   *
   * @param from inclusive lower bound of the end
   * @param to exclusive upper bound of the end
   * @param request the page
   * @return the page
   */
  Page<Subscription> listActiveEndingBetween(Instant from, Instant to, PageRequest request);

  /**
   * Extends an active subscription: its end becomes {@code max(end, now) + by}.
   *
   * @param id subscription id
   * @param by how much, positive
   * @return the updated subscription, empty when no such active subscription
   */
  Optional<Subscription> extend(long id, Duration by);

  /**
   * Sets the end of a subscription (corrections, reconciliation with the panel).
   *
   * @param id subscription id
   * @param endsAt the new end, not before its start
   * @return the updated subscription, empty when no such subscription
   */
  Optional<Subscription> setEndsAt(long id, Instant endsAt);

  /**
   * @param id subscription id @param planId the plan @param trial trial flag @return the updated
   *     subscription, if any
   */
  Optional<Subscription> setPlan(long id, long planId, boolean trial);

  /**
   * @param id subscription id @param panelUserUuid the panel user @return the updated subscription,
   *     if any
   */
  Optional<Subscription> setPanelUserUuid(long id, UUID panelUserUuid);

  /**
   * @param id subscription id @param autoRenew the flag @return the updated subscription, if any
   */
  Optional<Subscription> setAutoRenew(long id, boolean autoRenew);

  /**
   * Changes the status when it is {@code from} (compare and set).
   *
   * @param id subscription id
   * @param from the expected status
   * @param to the new status
   * @return the updated subscription, empty when the subscription is missing or not in {@code from}
   * @throws DuplicateKeyException when activating a second active subscription of a user
   */
  Optional<Subscription> transition(long id, SubscriptionStatus from, SubscriptionStatus to);

  /**
   * Marks active subscriptions that ended at or before {@code now} as expired, oldest first,
   * skipping rows other transactions hold locked; safe to run from several instances at once.
   *
   * @param now the current time
   * @param limit at most this many, 1 to {@value PageRequest#MAX_SIZE}
   * @return the subscriptions this call expired
   */
  List<Subscription> expireEnded(Instant now, int limit);

  /**
   * @return how many subscriptions are active
   */
  long countActive();

  /**
   * Adds paid (or trial) time in one statement: the user's active subscription is extended from
   * {@code max(now, its end)} (a paid credit turns a trial into a paid subscription; the plan, when
   * given, replaces the old one), or a new active subscription from now is opened. Call with the
   * user's account locked ({@link UserRepository#lockAccounts}), so two credits of one user queue.
   *
   * @param userId store id of the user
   * @param planId the plan bought, empty to keep the current one (bonus days, trials)
   * @param days days to add, 0 to 36600
   * @param trial whether this is trial time
   * @return the subscription after the credit
   */
  Subscription credit(long userId, Optional<Long> planId, int days, boolean trial);

  /**
   * Credits days of a bought plan, converting the time left on another plan by value: when the
   * user's active paid subscription is of a different plan, its remaining time is rescaled by the
   * ratio of the two plans' daily prices in {@code currency} (an upgrade shortens it, a downgrade
   * lengthens it), the bought days are added, and the subscription becomes the bought plan; one
   * statement. Without a price of either plan in that currency, or on a trial, the remaining time
   * is kept as it is. Call with the user's row locked.
   *
   * @param userId store id of the user
   * @param planId the plan bought
   * @param days days to add, 0 to 36600
   * @param currency the currency the plan was paid in
   * @return the subscription after the credit
   */
  Subscription creditPlan(long userId, long planId, int days, String currency);

  /**
   * Takes days back from the user's active subscription, never below now (nor its start); it
   * becomes {@link SubscriptionStatus#EXPIRED} when nothing is left. Call with the user's row
   * locked.
   *
   * @param userId store id of the user
   * @param days days to take back, 0 or more
   * @return the subscription after it, empty when the user has no active subscription
   */
  Optional<Subscription> takeBack(long userId, int days);

  /**
   * The user's newest subscription whatever its status: the active one if any, otherwise the one
   * that ended last.
   *
   * @param userId store id of the user
   * @return the subscription, if the user ever had one
   */
  Optional<Subscription> findLatestByUserId(long userId);

  /**
   * Switches on automatic renewal through a gateway.
   *
   * @param id subscription id
   * @param provider the gateway's id
   * @param reference the provider's subscription or saved-method id, 1 to 255 characters
   * @return the updated subscription, if any
   */
  Optional<Subscription> setRenewal(long id, String provider, String reference);

  /**
   * Active subscriptions with automatic renewal through a gateway, with a plan, ending in {@code
   * (from, to]}, soonest first.
   *
   * @param from exclusive lower bound of the end
   * @param to inclusive upper bound of the end
   * @param limit at most this many, 1 to {@value PageRequest#MAX_SIZE}
   * @return the subscriptions
   */
  List<Subscription> listRenewalsDue(Instant from, Instant to, int limit);

  /**
   * Users whose latest subscription ends after {@code horizon}, with that subscription, in user id
   * order after {@code afterUserId} (keyset paging): for reconciliation with the panel.
   *
   * @param horizon exclusive lower bound of the end
   * @param afterUserId only users with a greater store id (0 for the first page)
   * @param limit at most this many, 1 to {@value PageRequest#MAX_SIZE}
   * @return the users and their latest subscriptions
   */
  List<UserSubscription> listLatestEndingAfter(Instant horizon, long afterUserId, int limit);

  /**
   * Records the user's trial, once per user ever (race-free).
   *
   * @param userId store id of the user
   * @param days the trial's length, 1 to 36600
   * @return true when this call recorded it, false when the user had a trial before
   */
  boolean recordTrial(long userId, int days);
}
