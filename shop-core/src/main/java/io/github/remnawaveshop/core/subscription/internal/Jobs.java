package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.panel.PanelException;
import io.github.remnawaveshop.core.panel.PanelUser;
import io.github.remnawaveshop.core.panel.UserStatus;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.RecurringCapability;
import io.github.remnawaveshop.core.subscription.Notice;
import io.github.remnawaveshop.core.subscription.ReconcileReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled jobs. Each is safe to run on several instances at once: a PostgreSQL advisory lock lets one
 * instance do the pass, and every effect is an outbox row or order with a unique key, so even overlapping
 * passes produce each reminder, renewal and repair once.
 */
public final class Jobs {
  private static final Logger log = LoggerFactory.getLogger(Jobs.class);
  private static final long LOCK_REMINDERS = 0x53484F50_00000001L;
  private static final long LOCK_RENEWALS = 0x53484F50_00000002L;
  private static final long LOCK_RECONCILE = 0x53484F50_00000003L;
  private static final int PAGE = 500;

  private final EngineContext ctx;

  /** Creates the jobs. */
  public Jobs(EngineContext ctx) {
    this.ctx = ctx;
  }

  private static boolean tryXactLock(Handle h, long key) {
    return h.createQuery("SELECT pg_try_advisory_xact_lock(:k)").bind("k", key).mapTo(Boolean.class).one();
  }

  /**
   * Plans expiry reminders: for each configured day count {@code d}, subscriptions whose remaining time is
   * in {@code [d, d+1)} days get one reminder job (unique per subscription, {@code d} and end date, so a
   * renewal opens new reminders for the new end). The outbox worker sends them.
   *
   * @return reminders newly planned
   */
  public int planReminders() {
    return ctx.jdbi().inTransaction(h -> {
      if (!tryXactLock(h, LOCK_REMINDERS)) {
        return 0;
      }
      Instant now = ctx.now();
      int planned = 0;
      for (int d : ctx.reminderDays()) {
        Instant lo = now.plus(Duration.ofDays(d));
        Instant hi = now.plus(Duration.ofDays(d + 1L));
        List<long[]> due = h.createQuery("SELECT id, user_id, ends_at FROM shop_subscriptions WHERE status = 'ACTIVE' "
                + "AND ends_at > :now AND ends_at >= :lo AND ends_at < :hi ORDER BY ends_at, id LIMIT 10000")
            .bind("now", Sql.ts(now)).bind("lo", Sql.ts(d == 0 ? now : lo)).bind("hi", Sql.ts(hi))
            .map((rs, c) -> new long[] {rs.getLong("id"), rs.getLong("user_id"),
                Sql.instant(rs, "ends_at").getEpochSecond()})
            .list();
        for (long[] s : due) {
          if (Outbox.enqueue(h, Outbox.REMINDER, "reminder:" + s[0] + ":" + d + ":" + s[2],
              Map.of("userId", s[1], "daysLeft", d, "endsAt", s[2]), now)) {
            planned++;
          }
        }
      }
      return planned;
    });
  }

  /**
   * Starts automatic renewals of subscriptions ending within the renewal lead time. Gateways whose provider
   * schedules renewals need nothing (their payment arrives by webhook); for the others a renewal order is
   * created once per subscription period and charged through {@link RecurringCapability#chargeRenewal}.
   * When renewal is impossible the user is told once to pay by hand.
   *
   * @return renewal charges started
   */
  public int renewDue() {
    record Due(long subId, long userId, long planId, String provider, String reference, Instant endsAt) {}
    Instant now = ctx.now();
    List<Due> due = ctx.jdbi().inTransaction(h -> {
      if (!tryXactLock(h, LOCK_RENEWALS)) {
        return List.<Due>of();
      }
      return h.createQuery("SELECT id, user_id, plan_id, renewal_provider, renewal_reference, ends_at "
              + "FROM shop_subscriptions WHERE status = 'ACTIVE' AND auto_renew AND plan_id IS NOT NULL "
              + "AND renewal_provider IS NOT NULL AND ends_at > :now AND ends_at <= :until ORDER BY ends_at LIMIT 1000")
          .bind("now", Sql.ts(now)).bind("until", Sql.ts(now.plus(Duration.ofDays(ctx.renewalLeadDays()))))
          .map((rs, c) -> new Due(rs.getLong("id"), rs.getLong("user_id"), rs.getLong("plan_id"),
              rs.getString("renewal_provider"), rs.getString("renewal_reference"), Sql.instant(rs, "ends_at")))
          .list();
    });
    int started = 0;
    for (Due d : due) {
      Optional<RecurringCapability> recurring = ctx.gateways().get(d.provider)
          .flatMap(g -> g.capability(RecurringCapability.class));
      if (recurring.isPresent() && recurring.get().providerSchedulesRenewals()) {
        continue;
      }
      String reference = "renew-" + d.subId + "-" + d.endsAt.getEpochSecond();
      Optional<Money> price = recurring.isEmpty() ? Optional.empty() : lastPrice(d.userId, d.planId);
      if (recurring.isEmpty() || price.isEmpty()) {
        needsManualRenewal(d.userId, d.subId, d.endsAt);
        continue;
      }
      boolean created = ctx.jdbi().inTransaction(h -> h.createUpdate("INSERT INTO shop_payments (user_id, provider, "
              + "idempotency_key, amount_minor, currency, status, plan_id, created_at) VALUES (:u, :p, :k, :a, :c, "
              + "'PENDING', :plan, :now) ON CONFLICT DO NOTHING")
          .bind("u", d.userId).bind("p", d.provider).bind("k", reference).bind("a", price.get().minorUnits())
          .bind("c", price.get().currency()).bind("plan", d.planId).bind("now", Sql.ts(now)).execute() == 1);
      if (!created) {
        continue;
      }
      PaymentGateway gateway = ctx.gateways().get(d.provider).orElseThrow();
      long telegramId = ctx.jdbi().withHandle(h -> Sql.userById(h, d.userId).orElseThrow().telegramId());
      try {
        recurring.get().chargeRenewal(CheckoutRequest.builder().orderReference(reference).amount(price.get())
            .description("Subscription renewal").customerId(telegramId).idempotencyKey(reference).recurring(true)
            .build(), d.reference);
        started++;
      } catch (RuntimeException e) {
        log.warn("Automatic renewal of subscription {} through '{}' failed: {}", d.subId, gateway.id(), e.toString());
        ctx.jdbi().useTransaction(h -> h.createUpdate("UPDATE shop_payments SET status = 'CANCELLED' "
            + "WHERE idempotency_key = :k AND status = 'PENDING'").bind("k", reference).execute());
        needsManualRenewal(d.userId, d.subId, d.endsAt);
      }
    }
    return started;
  }

  private Optional<Money> lastPrice(long userId, long planId) {
    return ctx.jdbi().withHandle(h -> h.createQuery("SELECT pp.amount_minor, pp.currency FROM shop_payments p "
            + "JOIN shop_plan_prices pp ON pp.plan_id = :plan AND pp.currency = p.currency "
            + "WHERE p.user_id = :u AND p.status = 'PAID' ORDER BY p.paid_at DESC LIMIT 1")
        .bind("u", userId).bind("plan", planId)
        .map((rs, c) -> new Money(rs.getLong("amount_minor"), rs.getString("currency"))).findOne());
  }

  private void needsManualRenewal(long userId, long subId, Instant endsAt) {
    ctx.jdbi().useTransaction(h -> Outbox.enqueue(h, Outbox.NOTICE, "renewal-needed:" + subId + ":"
        + endsAt.getEpochSecond(), Map.of("userId", userId, "notice", Notice.Kind.RENEWAL_NEEDED.name()), ctx.now()));
  }

  /**
   * Compares users with recent or current paid time against the panel and queues repairs through the
   * outbox. Policy: the shop database is the truth for paid time (expiry date, enabled or not, plan
   * limits); the panel is the truth for usage (traffic used, devices, LIMITED status), which is never
   * changed. A paying user missing on the panel is re-created; an {@code expireAt} more than a minute
   * off is set to the paid end; a DISABLED or EXPIRED account with paid time is enabled; an ACTIVE account
   * with no paid time is disabled. One instance at a time (session advisory lock).
   *
   * @return what was found
   */
  public ReconcileReport reconcile() {
    return ctx.jdbi().withHandle(lockHandle -> {
      boolean locked = lockHandle.createQuery("SELECT pg_try_advisory_lock(:k)").bind("k", LOCK_RECONCILE)
          .mapTo(Boolean.class).one();
      if (!locked) {
        return new ReconcileReport(0, 0, 0, 0, 0, true);
      }
      try {
        return reconcileLocked(lockHandle);
      } finally {
        lockHandle.createQuery("SELECT pg_advisory_unlock(:k)").bind("k", LOCK_RECONCILE).mapTo(Boolean.class).one();
      }
    });
  }

  private ReconcileReport reconcileLocked(Handle h) {
    record Row(long userId, long telegramId, Instant endsAt, boolean active) {}
    Instant now = ctx.now();
    Instant horizon = now.minus(Duration.ofDays(30));
    int checked = 0;
    int missing = 0;
    int expiry = 0;
    int status = 0;
    int errors = 0;
    long after = 0;
    while (true) {
      List<Row> page = h.createQuery("SELECT u.id, u.telegram_id, s.ends_at, s.status FROM shop_users u "
              + "JOIN LATERAL (SELECT ends_at, status FROM shop_subscriptions WHERE user_id = u.id "
              + "ORDER BY (status = 'ACTIVE') DESC, ends_at DESC LIMIT 1) s ON true "
              + "WHERE u.id > :after AND s.ends_at > :horizon ORDER BY u.id LIMIT :n")
          .bind("after", after).bind("horizon", Sql.ts(horizon)).bind("n", PAGE)
          .map((rs, c) -> new Row(rs.getLong("id"), rs.getLong("telegram_id"), Sql.instant(rs, "ends_at"),
              "ACTIVE".equals(rs.getString("status")) && Sql.instant(rs, "ends_at").isAfter(now)))
          .list();
      if (page.isEmpty()) {
        break;
      }
      List<Long> repair = new ArrayList<>();
      for (Row r : page) {
        after = r.userId;
        checked++;
        Optional<PanelUser> p;
        try {
          p = ctx.panel().findByUsername(ctx.panelUsername(r.telegramId));
        } catch (PanelException e) {
          errors++;
          log.warn("Reconciliation could not look up user {} on the panel: {}", r.telegramId, e.getMessage());
          continue;
        }
        if (r.active) {
          if (p.isEmpty()) {
            missing++;
            repair.add(r.userId);
          } else if (Duration.between(p.get().expireAt(), r.endsAt).abs().compareTo(Duration.ofMinutes(1)) > 0) {
            expiry++;
            repair.add(r.userId);
          } else if (p.get().status() == UserStatus.DISABLED || p.get().status() == UserStatus.EXPIRED) {
            status++;
            repair.add(r.userId);
          }
        } else if (p.isPresent() && p.get().status() == UserStatus.ACTIVE && p.get().expireAt().isAfter(now)) {
          status++;
          repair.add(r.userId);
        }
      }
      if (!repair.isEmpty()) {
        ctx.jdbi().useTransaction(tx -> {
          for (long userId : repair) {
            Credits.provision(tx, userId, Notice.Kind.ACCESS_RESTORED, "reconcile:" + userId + ":"
                + now.getEpochSecond(), now);
          }
        });
      }
    }
    ReconcileReport report = new ReconcileReport(checked, missing, expiry, status, errors, false);
    log.info("Reconciliation with the panel: {}", report);
    return report;
  }
}
