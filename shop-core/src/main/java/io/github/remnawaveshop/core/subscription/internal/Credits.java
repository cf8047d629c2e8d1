package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.store.NewOutboxMessage;
import io.github.remnawaveshop.core.store.ShopRepositories;
import io.github.remnawaveshop.core.store.Subscription;
import io.github.remnawaveshop.core.subscription.Notice;
import java.util.Map;
import java.util.Optional;

/**
 * Moves a user's paid time, inside the caller's transaction, with the user row already locked
 * ({@code users().lockAccounts}): at most one ACTIVE subscription per user, extended from max(now,
 * its end).
 */
final class Credits {
  private Credits() {}

  /** Adds days to the user's active subscription, or opens a new one. */
  static Subscription extend(
      ShopRepositories tx, long userId, Optional<Long> planId, int days, boolean trial) {
    return tx.subscriptions().credit(userId, planId, days, trial);
  }

  /** Takes days back from the active subscription, never below now; empty when there is none. */
  static Optional<Subscription> takeBack(ShopRepositories tx, long userId, int days) {
    return tx.subscriptions().takeBack(userId, days);
  }

  /**
   * Asks the outbox worker to bring the user's panel access in line with the database, then notify
   * with the subscription's end at the time of the change, not at the time the job runs.
   */
  static boolean provision(
      ShopRepositories tx, long userId, Notice.Kind notice, String dedupeKey, Subscription s) {
    return tx.outbox().enqueue(provisionJob(userId, notice, dedupeKey, s)).isPresent();
  }

  /**
   * The job {@link #provision(ShopRepositories, long, Notice.Kind, String, Subscription)} adds, for
   * a caller that adds it.
   */
  static NewOutboxMessage provisionJob(
      long userId, Notice.Kind notice, String dedupeKey, Subscription s) {
    return Outbox.job(
        OutboxKind.PROVISION,
        dedupeKey,
        Map.of("userId", userId, "notice", notice.name(), Outbox.ENDS_AT, s.endsAt().toString()));
  }

  /**
   * The job of {@link #provisionJob(long, Notice.Kind, String, Subscription)} before the credit's
   * end is known, for a store operation that adds the end ({@link Outbox#ENDS_AT}) as it credits.
   */
  static NewOutboxMessage provisionJob(long userId, Notice.Kind notice, String dedupeKey) {
    return Outbox.job(
        OutboxKind.PROVISION, dedupeKey, Map.of("userId", userId, "notice", notice.name()));
  }

  /**
   * Like {@link #provision(ShopRepositories, long, Notice.Kind, String, Subscription)}; the notice
   * says the end then.
   */
  static boolean provision(ShopRepositories tx, long userId, Notice.Kind notice, String dedupeKey) {
    return Outbox.enqueue(
        tx, OutboxKind.PROVISION, dedupeKey, Map.of("userId", userId, "notice", notice.name()));
  }

  /** Like {@link #provision} without a notice to the user (e.g. a referral reward taken back). */
  static boolean provisionQuietly(ShopRepositories tx, long userId, String dedupeKey) {
    return Outbox.enqueue(tx, OutboxKind.PROVISION, dedupeKey, Map.of("userId", userId));
  }
}
