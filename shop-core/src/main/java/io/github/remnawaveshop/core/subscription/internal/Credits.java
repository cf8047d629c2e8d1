package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.subscription.Notice;
import io.github.remnawaveshop.core.subscription.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Moves a user's paid time, inside the caller's transaction, with the user row already locked (see
 * {@link Sql#lockUsers}): at most one ACTIVE subscription per user, extended from max(now, its end).
 */
final class Credits {
  private Credits() {}

  /** Adds days to the user's active subscription, or opens a new one. */
  static Subscription extend(Handle h, long userId, Optional<Long> planId, int days, boolean trial, Instant now) {
    Optional<Subscription> active = h.createQuery(
            "SELECT * FROM shop_subscriptions WHERE user_id = :u AND status = 'ACTIVE' FOR UPDATE")
        .bind("u", userId).map((rs, c) -> Sql.subscription(rs)).findOne();
    Duration add = Duration.ofDays(days);
    if (active.isPresent()) {
      Subscription s = active.get();
      Instant from = s.endsAt().isAfter(now) ? s.endsAt() : now;
      Instant end = from.plus(add);
      // a paid extension converts a trial; a trial never touches a paid subscription (checked by the caller)
      return h.createQuery("UPDATE shop_subscriptions SET ends_at = :end, plan_id = COALESCE(:plan, plan_id), "
              + "trial = trial AND :trial, updated_at = GREATEST(:now, updated_at) WHERE id = :id RETURNING *")
          .bind("end", Sql.ts(end)).bind("plan", planId.orElse(null)).bind("trial", trial)
          .bind("now", Sql.ts(now)).bind("id", s.id())
          .map((rs, c) -> Sql.subscription(rs)).one();
    }
    return h.createQuery("INSERT INTO shop_subscriptions (user_id, plan_id, status, starts_at, ends_at, trial, "
            + "auto_renew, created_at, updated_at) VALUES (:u, :plan, 'ACTIVE', :now, :end, :trial, false, :now, :now) "
            + "RETURNING *")
        .bind("u", userId).bind("plan", planId.orElse(null)).bind("now", Sql.ts(now))
        .bind("end", Sql.ts(now.plus(add))).bind("trial", trial)
        .map((rs, c) -> Sql.subscription(rs)).one();
  }

  /** Takes days back from the active subscription, never below now; empty when there is none. */
  static Optional<Subscription> takeBack(Handle h, long userId, int days, Instant now) {
    Optional<Subscription> active = h.createQuery(
            "SELECT * FROM shop_subscriptions WHERE user_id = :u AND status = 'ACTIVE' FOR UPDATE")
        .bind("u", userId).map((rs, c) -> Sql.subscription(rs)).findOne();
    if (active.isEmpty()) {
      return Optional.empty();
    }
    Subscription s = active.get();
    Instant end = s.endsAt().minus(Duration.ofDays(days));
    if (end.isBefore(now)) {
      end = now;
    }
    if (end.isBefore(s.startsAt())) {
      end = s.startsAt();
    }
    String status = end.isAfter(now) ? "ACTIVE" : "EXPIRED";
    return Optional.of(h.createQuery("UPDATE shop_subscriptions SET ends_at = :end, status = :status, "
            + "updated_at = GREATEST(:now, updated_at) WHERE id = :id RETURNING *")
        .bind("end", Sql.ts(end)).bind("status", status).bind("now", Sql.ts(now)).bind("id", s.id())
        .map((rs, c) -> Sql.subscription(rs)).one());
  }

  /** Asks the outbox worker to bring the user's panel access in line with the database, then notify. */
  static boolean provision(Handle h, long userId, Notice.Kind notice, String dedupeKey, Instant now) {
    return Outbox.enqueue(h, Outbox.PROVISION, dedupeKey, Map.of("userId", userId, "notice", notice.name()), now);
  }
}
