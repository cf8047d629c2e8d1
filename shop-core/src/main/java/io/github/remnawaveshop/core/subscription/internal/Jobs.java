package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.panel.PanelException;
import io.github.remnawaveshop.core.panel.PanelUser;
import io.github.remnawaveshop.core.panel.UserStatus;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.RecurringCapability;
import io.github.remnawaveshop.core.store.DuplicateKeyException;
import io.github.remnawaveshop.core.store.NewPayment;
import io.github.remnawaveshop.core.store.Page;
import io.github.remnawaveshop.core.store.PageRequest;
import io.github.remnawaveshop.core.store.Payment;
import io.github.remnawaveshop.core.store.PaymentStatus;
import io.github.remnawaveshop.core.store.Subscription;
import io.github.remnawaveshop.core.store.UserSubscription;
import io.github.remnawaveshop.core.subscription.Notice;
import io.github.remnawaveshop.core.subscription.ReconcileReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled jobs. Each is safe to run on several instances at once: a named PostgreSQL advisory
 * lock (the store's lock namespace, {@link #LOCK_REMINDERS} and the others) lets one instance do
 * the pass, and every effect is an outbox row or order with a unique key, so even overlapping
 * passes produce each reminder, renewal and repair once.
 */
public final class Jobs {
  private static final Logger log = LoggerFactory.getLogger(Jobs.class);

  /**
   * Lock names, hashed by the store in its own namespace (no numeric key space shared with user
   * ids).
   */
  static final String LOCK_REMINDERS = "engine:job:reminders";

  static final String LOCK_RENEWALS = "engine:job:renewals";
  static final String LOCK_RECONCILE = "engine:job:reconcile";
  private static final int PAGE = 500;

  /**
   * How long a renewal charge may take to be confirmed before a pending renewal order is charged
   * again.
   */
  static final Duration RENEWAL_CONFIRMATION_TIME = Duration.ofHours(1);

  /** How long an unpaid checkout holds its order (and the promo activation it reserved). */
  public static final Duration ORDER_TTL = Duration.ofHours(24);

  private static final int MAX_REMINDERS_PER_DAY_COUNT = 10_000;

  private final EngineContext ctx;

  /** Creates the jobs. */
  public Jobs(EngineContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Plans expiry reminders: for each configured day count {@code d}, subscriptions whose remaining
   * time is in {@code [d, d+1)} days get one reminder job (unique per subscription, {@code d} and
   * end date, so a renewal opens new reminders for the new end). The outbox worker sends them
   * (skipping users who blocked the bot).
   *
   * @return reminders newly planned
   */
  public int planReminders() {
    return ctx.store()
        .inTransaction(
            tx -> {
              if (!tx.tryAdvisoryLock(LOCK_REMINDERS)) {
                return 0;
              }
              Instant now = ctx.now();
              int planned = 0;
              for (int d : ctx.reminderDays()) {
                Instant lo = d == 0 ? now.plusNanos(1000) : now.plus(Duration.ofDays(d));
                Instant hi = now.plus(Duration.ofDays(d + 1L));
                PageRequest page = PageRequest.first(PageRequest.MAX_SIZE);
                int seen = 0;
                while (seen < MAX_REMINDERS_PER_DAY_COUNT) {
                  Page<Subscription> due = tx.subscriptions().listActiveEndingBetween(lo, hi, page);
                  for (Subscription s : due.items()) {
                    long end = s.endsAt().getEpochSecond();
                    if (Outbox.enqueue(
                        tx,
                        OutboxKind.REMINDER,
                        "reminder:" + s.id() + ":" + d + ":" + end,
                        Map.of("userId", s.userId(), "daysLeft", d, "endsAt", end))) {
                      planned++;
                    }
                  }
                  seen += due.items().size();
                  if (due.nextCursor().isEmpty()) {
                    break;
                  }
                  page = PageRequest.after(due.nextCursor().get(), PageRequest.MAX_SIZE);
                }
              }
              return planned;
            });
  }

  /**
   * Starts automatic renewals of subscriptions ending within the renewal lead time. Gateways whose
   * provider schedules renewals need nothing (their payment arrives by webhook); for the others a
   * renewal order is created once per subscription period and charged through {@link
   * RecurringCapability#chargeRenewal}. When renewal is impossible the user is told once to pay by
   * hand.
   *
   * @return renewal charges started
   */
  public int renewDue() {
    Instant now = ctx.now();
    List<Subscription> due =
        ctx.store()
            .inTransaction(
                tx ->
                    tx.tryAdvisoryLock(LOCK_RENEWALS)
                        ? tx.subscriptions()
                            .listRenewalsDue(
                                now, now.plus(Duration.ofDays(ctx.renewalLeadDays())), 1000)
                        : List.<Subscription>of());
    int started = 0;
    for (Subscription d : due) {
      String provider = d.renewalProvider().orElseThrow();
      long planId = d.planId().orElseThrow();
      Optional<RecurringCapability> recurring =
          ctx.gateways().get(provider).flatMap(g -> g.capability(RecurringCapability.class));
      if (recurring.isPresent() && recurring.get().providerSchedulesRenewals()) {
        continue;
      }
      String reference = "renew-" + d.id() + "-" + d.endsAt().getEpochSecond();
      Optional<Money> price =
          recurring.isEmpty()
              ? Optional.empty()
              : ctx.store().payments().lastPaidPlanPrice(d.userId(), planId);
      // setRenewal records the provider and its subscription id together, so a due renewal has both
      Optional<String> providerSubscriptionId = d.renewalReference();
      if (recurring.isEmpty() || price.isEmpty() || providerSubscriptionId.isEmpty()) {
        needsManualRenewal(d.userId(), d.id(), d.endsAt());
        continue;
      }
      Optional<Payment> existing = ctx.store().payments().findByIdempotencyKey(reference);
      if (existing.isPresent()) {
        Payment order = existing.get();
        // a pass that wrote the order and then crashed (or failed) before its charge left it
        // PENDING: once it
        // is older than a confirmation takes, charge again with the same idempotency key (the
        // provider
        // answers a charge it already made with that charge, so this cannot charge twice)
        boolean interrupted =
            order.status() == PaymentStatus.PENDING
                && !order.createdAt().plus(RENEWAL_CONFIRMATION_TIME).isAfter(now);
        if (!interrupted) {
          continue;
        }
        log.warn(
            "Renewal order {} of subscription {} is still pending since {}; charging again with the same "
                + "idempotency key",
            reference,
            d.id(),
            order.createdAt());
      } else {
        try {
          ctx.store()
              .payments()
              .create(
                  NewPayment.builder()
                      .userId(d.userId())
                      .provider(provider)
                      .idempotencyKey(reference)
                      .amount(price.get())
                      .planId(planId)
                      .build());
        } catch (DuplicateKeyException e) {
          continue; // another pass created it at the same moment
        }
      }
      PaymentGateway gateway = ctx.gateways().get(provider).orElseThrow();
      long telegramId = ctx.store().users().findById(d.userId()).orElseThrow().telegramId();
      try {
        recurring
            .get()
            .chargeRenewal(
                CheckoutRequest.builder()
                    .orderReference(reference)
                    .amount(price.get())
                    .description("Subscription renewal")
                    .customerId(telegramId)
                    .idempotencyKey(reference)
                    .recurring(true)
                    .build(),
                providerSubscriptionId.get());
        started++;
      } catch (RuntimeException e) {
        log.warn(
            "Automatic renewal of subscription {} through '{}' failed: {}",
            d.id(),
            gateway.id(),
            e.toString());
        ctx.store().payments().markCancelled(reference);
        needsManualRenewal(d.userId(), d.id(), d.endsAt());
      }
    }
    return started;
  }

  /**
   * Cancels checkouts left unpaid for {@link #ORDER_TTL} (renewal orders excepted) and releases the
   * promo code activations they reserved. A payment that still arrives for such an order is
   * credited all the same.
   *
   * @return orders cancelled
   */
  public int expireStaleOrders() {
    Instant before = ctx.now().minus(ORDER_TTL);
    int cancelled = 0;
    for (Payment order : ctx.store().payments().listPendingCreatedBefore(before, 1000)) {
      if (order.idempotencyKey().startsWith("renew-")) {
        continue;
      }
      boolean done =
          ctx.store()
              .inTransaction(
                  tx -> {
                    if (tx.payments().markCancelled(order.id()).isEmpty()) {
                      return false;
                    }
                    tx.promoCodes().releaseActivations(order.id());
                    return true;
                  });
      if (done) {
        cancelled++;
      }
    }
    if (cancelled > 0) {
      log.info("Cancelled {} orders left unpaid for {}", cancelled, ORDER_TTL);
    }
    return cancelled;
  }

  private void needsManualRenewal(long userId, long subId, Instant endsAt) {
    Outbox.enqueue(
        ctx.store(),
        OutboxKind.NOTICE,
        "renewal-needed:" + subId + ":" + endsAt.getEpochSecond(),
        Map.of("userId", userId, "notice", Notice.Kind.RENEWAL_NEEDED.name()));
  }

  /**
   * Compares users with recent or current paid time against the panel and queues repairs through
   * the outbox. Policy: the shop database is the truth for paid time (expiry date, enabled or not,
   * plan limits); the panel is the truth for usage (traffic used, devices, LIMITED status), which
   * is never changed. A paying user missing on the panel is re-created; an {@code expireAt} more
   * than a minute off is set to the paid end; a DISABLED or EXPIRED account with paid time is
   * enabled; an ACTIVE account with no paid time is disabled. One instance at a time (session
   * advisory lock).
   *
   * @return what was found
   */
  public ReconcileReport reconcile() {
    return ctx.store()
        .tryExclusively(LOCK_RECONCILE, this::reconcileLocked)
        .orElseGet(() -> new ReconcileReport(0, 0, 0, 0, 0, true));
  }

  private ReconcileReport reconcileLocked() {
    Instant now = ctx.now();
    Instant horizon = now.minus(Duration.ofDays(30));
    int checked = 0;
    int missing = 0;
    int expiry = 0;
    int status = 0;
    int errors = 0;
    long after = 0;
    while (true) {
      List<UserSubscription> page =
          ctx.store().subscriptions().listLatestEndingAfter(horizon, after, PAGE);
      if (page.isEmpty()) {
        break;
      }
      List<Long> repair = new ArrayList<>();
      for (UserSubscription r : page) {
        after = r.user().id();
        checked++;
        boolean active = Provisioner.isActiveAt(r.subscription(), now);
        Optional<PanelUser> p;
        try {
          p = ctx.panel().findByUsername(ctx.panelUsername(r.user().telegramId()));
        } catch (PanelException e) {
          errors++;
          log.warn(
              "Reconciliation could not look up user {} on the panel: {}",
              r.user().telegramId(),
              e.getMessage());
          continue;
        }
        if (active) {
          if (p.isEmpty()) {
            missing++;
            repair.add(r.user().id());
          } else if (Duration.between(p.get().expireAt(), r.subscription().endsAt())
                  .abs()
                  .compareTo(Duration.ofMinutes(1))
              > 0) {
            expiry++;
            repair.add(r.user().id());
          } else if (p.get().status() == UserStatus.DISABLED
              || p.get().status() == UserStatus.EXPIRED) {
            status++;
            repair.add(r.user().id());
          }
        } else if (p.isPresent()
            && p.get().status() == UserStatus.ACTIVE
            && p.get().expireAt().isAfter(now)) {
          status++;
          repair.add(r.user().id());
        }
      }
      if (!repair.isEmpty()) {
        ctx.store()
            .inTransaction(
                tx -> {
                  for (long userId : repair) {
                    Credits.provision(
                        tx,
                        userId,
                        Notice.Kind.ACCESS_RESTORED,
                        "reconcile:" + userId + ":" + now.getEpochSecond());
                  }
                  return repair
                      .size(); // not null: NullAway (without JSpecify mode) types the result
                  // non-null
                });
      }
    }
    ReconcileReport report = new ReconcileReport(checked, missing, expiry, status, errors, false);
    log.info("Reconciliation with the panel: {}", report);
    return report;
  }
}
