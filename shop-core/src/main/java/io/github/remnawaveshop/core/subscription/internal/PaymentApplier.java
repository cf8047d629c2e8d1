package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.payment.ApplyResult;
import io.github.remnawaveshop.core.payment.ApplyResult.Outcome;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import io.github.remnawaveshop.core.store.CreditLock;
import io.github.remnawaveshop.core.store.LockedPayment;
import io.github.remnawaveshop.core.store.NewOutboxMessage;
import io.github.remnawaveshop.core.store.NewPayment;
import io.github.remnawaveshop.core.store.Payment;
import io.github.remnawaveshop.core.store.PaymentStatus;
import io.github.remnawaveshop.core.store.PromoCode;
import io.github.remnawaveshop.core.store.ReferralReward;
import io.github.remnawaveshop.core.store.StoreTransaction;
import io.github.remnawaveshop.core.store.Subscription;
import io.github.remnawaveshop.core.store.User;
import io.github.remnawaveshop.core.subscription.Notice;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies verified payment facts, each in ONE store transaction: the delivery is remembered (for a
 * PAID event with its order reference in the same statement that locks the order, {@code
 * payments().recordDeliveryAndLockForCredit}; else {@code webhookEvents().markProcessed}), the
 * payment row changes state (guarded by its row lock, its status and {@code UNIQUE (provider,
 * external_id)}), the subscription moves, promo activation and referral reward are recorded and an
 * outbox job asks for panel provisioning. Refused facts (unknown order, wrong amount) roll
 * everything back, so a later redelivery is judged afresh. Payments of banned users are credited
 * all the same (the money was taken). Thread-safe.
 */
public final class PaymentApplier {
  private static final Logger log = LoggerFactory.getLogger(PaymentApplier.class);

  private final EngineContext ctx;

  /** Creates the applier. */
  public PaymentApplier(EngineContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  /** Deduplicates a verified notification by provider event id and applies it. */
  public ApplyResult apply(String gatewayId, VerifiedNotification notification) {
    Optional<PaymentEvent> event = notification.event();
    if (event.isPresent() && !event.get().gatewayId().equals(gatewayId)) {
      return new ApplyResult(
          Outcome.UNKNOWN_ORDER,
          "event of gateway '" + event.get().gatewayId() + "' delivered to '" + gatewayId + "'");
    }
    return inTransaction(gatewayId, notification.providerEventId(), event);
  }

  /** Applies a payment fact, deduplicated by its provider event id. */
  public ApplyResult apply(PaymentEvent event) {
    return inTransaction(event.gatewayId(), event.providerEventId(), Optional.of(event));
  }

  private ApplyResult inTransaction(
      String gatewayId, String providerEventId, Optional<PaymentEvent> event) {
    try {
      return ctx.store()
          .inTransaction(
              tx -> {
                ApplyResult result = applyOnce(tx, gatewayId, providerEventId, event);
                if (!result.accepted()) {
                  throw new Refused(result);
                }
                return result;
              });
    } catch (Refused r) {
      return r.result;
    }
  }

  /** Remembers the delivery and, when it is new, applies its event. */
  private ApplyResult applyOnce(
      StoreTransaction tx, String gatewayId, String providerEventId, Optional<PaymentEvent> event) {
    if (event.isPresent()
        && event.get().type() == PaymentEvent.Type.PAID
        && event.get().orderReference().isPresent()) {
      // the common path in one statement: the delivery remembered, then the order, "is this payment
      // id taken", the plan's days and the payer's account lock
      PaymentEvent e = event.get();
      CreditLock lock =
          tx.payments()
              .recordDeliveryAndLockForCredit(
                  gatewayId, providerEventId, e.orderReference().get(), e.externalPaymentId());
      if (!lock.firstDelivery()) {
        return duplicateDelivery(providerEventId);
      }
      return applyTo(tx, e, lock.order().map(LockedPayment::payment), lock.order(), ctx.now());
    }
    if (!tx.webhookEvents().markProcessed(gatewayId, providerEventId)) {
      return duplicateDelivery(providerEventId);
    }
    if (event.isEmpty()) {
      return new ApplyResult(Outcome.IGNORED, "nothing to apply");
    }
    PaymentEvent e = event.get();
    return applyTo(tx, e, findOrder(tx, e), Optional.empty(), ctx.now());
  }

  private static ApplyResult duplicateDelivery(String providerEventId) {
    return new ApplyResult(Outcome.DUPLICATE, "event " + providerEventId + " was already handled");
  }

  private ApplyResult applyTo(
      StoreTransaction tx,
      PaymentEvent e,
      Optional<Payment> found,
      Optional<LockedPayment> locked,
      Instant now) {
    if (found.isEmpty()) {
      return new ApplyResult(
          Outcome.UNKNOWN_ORDER,
          "no order "
              + e.orderReference().orElse("(none)")
              + " / payment "
              + e.externalPaymentId());
    }
    Payment order = found.get();
    if (!order.provider().equals(e.gatewayId())) {
      return new ApplyResult(
          Outcome.UNKNOWN_ORDER,
          "order " + order.idempotencyKey() + " belongs to gateway '" + order.provider() + "'");
    }
    return switch (e.type()) {
      case PAID -> paid(tx, order, locked, e, now);
      case FAILED -> failed(tx, order);
      case REFUNDED -> refunded(tx, order, e, now);
    };
  }

  /**
   * The order of an event that is not a PAID event with its order reference (those take the
   * one-statement path): by the provider's payment id, else by the order reference when the event
   * has one.
   */
  private static Optional<Payment> findOrder(StoreTransaction tx, PaymentEvent e) {
    Optional<Payment> byExternal =
        tx.payments().lockByExternalId(e.gatewayId(), e.externalPaymentId());
    if (byExternal.isPresent() || e.orderReference().isEmpty()) {
      return byExternal;
    }
    return tx.payments().lockByIdempotencyKey(e.orderReference().get());
  }

  private ApplyResult paid(
      StoreTransaction tx,
      Payment order,
      Optional<LockedPayment> locked,
      PaymentEvent e,
      Instant now) {
    if (order.status() == PaymentStatus.PAID
        || order.status() == PaymentStatus.PARTIALLY_REFUNDED
        || order.status() == PaymentStatus.REFUNDED) {
      if (order.externalId().equals(Optional.of(e.externalPaymentId()))) {
        return new ApplyResult(Outcome.DUPLICATE, "payment " + order.id() + " already credited");
      }
      if (e.recurring()) {
        return renewal(tx, order, e, now);
      }
      log.warn(
          "Order {} is already paid by payment {}; a second payment {} of '{}' is NOT credited and needs a "
              + "manual refund",
          order.idempotencyKey(),
          order.externalId().orElse("?"),
          e.externalPaymentId(),
          e.gatewayId());
      return new ApplyResult(Outcome.IGNORED, "order already paid by another payment");
    }
    if (!order.amount().equals(e.amount())) {
      return new ApplyResult(
          Outcome.AMOUNT_MISMATCH,
          "order "
              + order.idempotencyKey()
              + " expects "
              + order.amount()
              + ", event says "
              + e.amount());
    }
    boolean taken =
        locked.isPresent()
            ? locked.get().externalIdTaken()
            : tx.payments()
                .findByExternalId(e.gatewayId(), e.externalPaymentId())
                .filter(p -> p.id() != order.id())
                .isPresent();
    if (taken) {
      return new ApplyResult(
          Outcome.DUPLICATE,
          "payment " + e.externalPaymentId() + " already credited to another order");
    }
    Optional<User> lockedPayer = locked.map(LockedPayment::payer);
    User payer = payer(tx, order, lockedPayer);
    int days = days(tx, order, payer, locked.flatMap(LockedPayment::planDurationDays));
    String provisionKey = "provision:payment:" + order.id();
    if (order.planId().isPresent() && e.providerSubscriptionId().isEmpty()) {
      // the common path, one statement: paid with the days it added (a refund takes those back),
      // the plan credited, and the provisioning job with the credited end
      Subscription s =
          tx.payments()
              .markPaidAndCreditPlan(
                  order.id(),
                  e.externalPaymentId(),
                  now,
                  days,
                  Credits.provisionJob(payer.id(), Notice.Kind.PAYMENT_CREDITED, provisionKey),
                  Outbox.ENDS_AT)
              .orElseThrow(() -> notMarkedPaid(order))
              .subscription();
      return applied(order, s);
    }
    Credited credited = write(tx, order, payer, days, e, provisionKey);
    // one statement: paid, with the days it added, and the provisioning job
    tx.payments()
        .markPaid(order.id(), e.externalPaymentId(), now, credited.days, credited.provision)
        .orElseThrow(() -> notMarkedPaid(order));
    return applied(order, credited.subscription);
  }

  private static IllegalStateException notMarkedPaid(Payment order) {
    return new IllegalStateException(
        "locked pending order " + order.id() + " could not be marked paid");
  }

  private static ApplyResult applied(Payment order, Subscription s) {
    return new ApplyResult(
        Outcome.APPLIED, "order " + order.idempotencyKey() + " paid; access until " + s.endsAt());
  }

  private ApplyResult renewal(StoreTransaction tx, Payment original, PaymentEvent e, Instant now) {
    String key = "renew:" + e.gatewayId() + ":" + e.externalPaymentId();
    key = key.length() > 255 ? key.substring(0, 255) : key;
    NewPayment.Builder payment =
        NewPayment.builder()
            .userId(original.userId())
            .provider(e.gatewayId())
            .externalId(e.externalPaymentId())
            .idempotencyKey(key)
            .amount(e.amount());
    original.planId().ifPresent(payment::planId);
    Optional<Payment> row = tx.payments().recordPaid(payment.build(), now);
    if (row.isEmpty()) {
      return new ApplyResult(
          Outcome.DUPLICATE, "renewal payment " + e.externalPaymentId() + " already credited");
    }
    Payment paid = row.get();
    User payer = payer(tx, paid, Optional.empty());
    int days = days(tx, paid, payer, Optional.empty());
    Credited credited = write(tx, paid, payer, days, e, "provision:payment:" + paid.id());
    tx.outbox().enqueue(credited.provision);
    tx.payments().setCreditedDays(row.get().id(), credited.days);
    return new ApplyResult(
        Outcome.APPLIED,
        "renewal of order "
            + original.idempotencyKey()
            + "; access until "
            + credited.subscription.endsAt());
  }

  /**
   * What a credit did, and the provisioning job the caller adds (with its last write, in one
   * statement).
   */
  private record Credited(Subscription subscription, int days, NewOutboxMessage provision) {}

  /**
   * The buyer, with the account locked (unless the caller's statement did: {@code lockedPayer}).
   */
  private static User payer(StoreTransaction tx, Payment payment, Optional<User> lockedPayer) {
    return lockedPayer.isPresent()
        ? lockedPayer.get()
        : tx.users().lockAccounts(payment.userId()).stream().findFirst().orElseThrow();
  }

  /**
   * The days a payment credits (plan, promo bonus, referral), with what they record: the promo
   * activation and the referrer's reward. When a referral reward may follow, the referrer's account
   * is locked after the buyer's: a referrer registered before the buyer, so locks are always taken
   * newer-user-first and two credits never wait on each other in a cycle.
   */
  private int days(StoreTransaction tx, Payment payment, User user, Optional<Integer> planDays) {
    Optional<Long> referrer = user.referredBy().filter(r -> ctx.referrals().enabled());
    referrer.ifPresent(tx.users()::lockAccounts);
    int days =
        planDays
            .or(
                () ->
                    payment
                        .planId()
                        .flatMap(id -> tx.plans().findById(id))
                        .map(p -> p.durationDays()))
            .orElse(0);
    if (payment.promoCodeId().isPresent()) {
      Optional<PromoCode> promo = tx.promoCodes().findById(payment.promoCodeId().get());
      boolean reserved =
          promo.isPresent() && !tx.promoCodes().listActivationsByPayment(payment.id()).isEmpty();
      if (reserved) {
        if (Promos.bonusDays(promo.get())) {
          days += promo.get().value();
        }
      } else if (promo.isPresent()) {
        // an order from before reservations, or whose reservation was released (it expired or
        // failed first)
        var refused = Promos.activate(tx, promo.get().id(), user.id(), Optional.of(payment.id()));
        if (refused.isEmpty() && Promos.bonusDays(promo.get())) {
          days += promo.get().value();
        } else if (refused.isPresent()) {
          log.warn(
              "Promo code {} of paid order {} could not be activated any more ({}); the price paid stands, "
                  + "no bonus days",
              promo.get().code(),
              payment.idempotencyKey(),
              refused.get());
        }
      }
    }
    if (referrer.isPresent() && !tx.payments().hasOtherPaid(user.id(), payment.id())) {
      int referrerDays = ctx.referrals().referrerDays();
      if (referrerDays > 0) {
        boolean rewarded =
            tx.referrals()
                .grant(referrer.get(), user.id(), Optional.of(payment.id()), referrerDays)
                .isPresent();
        if (rewarded) {
          Subscription reward =
              Credits.extend(tx, referrer.get(), Optional.empty(), referrerDays, false);
          Credits.provision(
              tx,
              referrer.get(),
              Notice.Kind.REFERRAL_REWARD,
              "provision:referral:" + payment.id(),
              reward);
        }
      }
      days += ctx.referrals().refereeDays();
    }
    return Math.max(days, 0);
  }

  /**
   * Writes a credit of {@code days} to the buyer's subscription (the plan policy of {@link
   * io.github.remnawaveshop.core.store.SubscriptionRepository#creditPlan} for an order with a plan)
   * and returns it with the provisioning job the caller adds.
   */
  private Credited write(
      StoreTransaction tx, Payment payment, User user, int days, PaymentEvent e, String jobKey) {
    // the plan policy: time left on another plan is converted by value into the bought plan (see
    // creditPlan)
    Subscription s =
        payment.planId().isPresent()
            ? tx.subscriptions()
                .creditPlan(user.id(), payment.planId().get(), days, payment.amount().currency())
            : Credits.extend(tx, user.id(), Optional.empty(), days, false);
    if (e.providerSubscriptionId().isPresent()) {
      s =
          tx.subscriptions()
              .setRenewal(s.id(), e.gatewayId(), e.providerSubscriptionId().get())
              .orElse(s);
    }
    return new Credited(
        s, days, Credits.provisionJob(user.id(), Notice.Kind.PAYMENT_CREDITED, jobKey, s));
  }

  private static ApplyResult failed(StoreTransaction tx, Payment order) {
    if (order.status() != PaymentStatus.PENDING) {
      return new ApplyResult(
          Outcome.IGNORED, "order " + order.idempotencyKey() + " is " + order.status());
    }
    tx.payments().markFailed(order.id());
    tx.promoCodes().releaseActivations(order.id());
    return new ApplyResult(Outcome.APPLIED, "order " + order.idempotencyKey() + " failed");
  }

  /**
   * A refund: the payment's refunded total grows (running total or one more refund, see {@link
   * PaymentEvent#runningRefundTotal()}); the days of each new difference are taken back, never
   * below now, and the referrer's reward for the payment in the same share. REFUNDED once the whole
   * amount came back, PARTIALLY_REFUNDED before.
   */
  private ApplyResult refunded(StoreTransaction tx, Payment payment, PaymentEvent e, Instant now) {
    if (payment.status() == PaymentStatus.PENDING) {
      // the PAID event has not landed yet (it may have failed and come later): refusing makes the
      // provider
      // deliver the refund again, and it is applied once the payment is credited
      return new ApplyResult(
          Outcome.UNKNOWN_ORDER,
          "refund of order "
              + payment.idempotencyKey()
              + " before its payment was credited; deliver it again later");
    }
    if (payment.status() == PaymentStatus.REFUNDED) {
      return new ApplyResult(
          Outcome.DUPLICATE, "payment " + payment.id() + " already refunded in full");
    }
    if (payment.status() != PaymentStatus.PAID
        && payment.status() != PaymentStatus.PARTIALLY_REFUNDED) {
      return new ApplyResult(
          Outcome.IGNORED, "payment " + payment.id() + " is " + payment.status());
    }
    long paid = payment.amount().minorUnits();
    long before = payment.refundedMinor();
    long total =
        e.runningRefundTotal() ? e.amount().minorUnits() : before + e.amount().minorUnits();
    if (!payment.amount().currency().equals(e.amount().currency()) || total > paid) {
      return new ApplyResult(
          Outcome.AMOUNT_MISMATCH,
          "refund of "
              + e.amount()
              + " ("
              + total
              + " in total) for a "
              + "payment of "
              + payment.amount());
    }
    if (total <= before) {
      return new ApplyResult(
          Outcome.DUPLICATE, "payment " + payment.id() + " already has " + before + " refunded");
    }
    int credited = payment.creditedDays().orElse(0);
    int days = share(credited, total, paid) - share(credited, before, paid);
    tx.payments().recordRefund(payment.id(), total, now);
    tx.users().lockAccounts(payment.userId());
    Optional<Subscription> s = Credits.takeBack(tx, payment.userId(), days);
    Credits.provision(
        tx,
        payment.userId(),
        Notice.Kind.REFUNDED,
        "provision:refund:" + payment.id() + (total == paid && before == 0 ? "" : ":" + total));
    // the referrer's reward for this (first) payment goes back in the same share, never below now
    for (ReferralReward reward : tx.referrals().listByPayment(payment.id())) {
      int back = share(reward.bonusDays(), total, paid) - share(reward.bonusDays(), before, paid);
      tx.users().lockAccounts(reward.referrerId());
      Credits.takeBack(tx, reward.referrerId(), back);
      Credits.provisionQuietly(
          tx,
          reward.referrerId(),
          "provision:referral-reversed:" + payment.id() + ":" + reward.referrerId() + ":" + total);
      log.info(
          "Referral reward of user {} for payment {} reversed: {} days taken back",
          reward.referrerId(),
          payment.id(),
          back);
    }
    return new ApplyResult(
        Outcome.APPLIED,
        "payment "
            + payment.id()
            + (total == paid ? " refunded" : " refunded " + total + " of " + paid)
            + "; "
            + days
            + " days taken back"
            + s.map(x -> "; access until " + x.endsAt()).orElse(""));
  }

  /** The days of {@code part} of {@code whole}, rounded up (all of them for the whole). */
  private static int share(int days, long part, long whole) {
    if (part <= 0) {
      return 0;
    }
    return whole == 0 || part >= whole ? days : (int) Math.ceil(days * (double) part / whole);
  }

  /** Carries a refusal out of the transaction callback so the transaction rolls back. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ApplyResult result;

    Refused(ApplyResult result) {
      super(result.detail(), null, false, false);
      this.result = result;
    }
  }
}
