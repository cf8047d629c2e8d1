package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.payment.ApplyResult;
import io.github.remnawaveshop.core.payment.ApplyResult.Outcome;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import io.github.remnawaveshop.core.subscription.EngineUnavailableException;
import io.github.remnawaveshop.core.subscription.Notice;
import io.github.remnawaveshop.core.subscription.ShopUser;
import io.github.remnawaveshop.core.subscription.Subscription;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies verified payment facts, each in ONE transaction: the delivery is remembered
 * ({@code shop_webhook_events}), the payment row changes state (guarded by its row lock, its status and
 * {@code UNIQUE (provider, external_id)}), the subscription moves, promo activation and referral reward are
 * recorded and an outbox job asks for panel provisioning. Refused facts (unknown order, wrong amount) roll
 * everything back, so a later redelivery is judged afresh. Thread-safe.
 */
public final class PaymentApplier {
  private static final Logger log = LoggerFactory.getLogger(PaymentApplier.class);

  /** Event attribute marking a provider-scheduled renewal charge. */
  public static final String ATTR_RECURRING = "recurring";
  /** Event attribute holding the provider's subscription (or saved method) id, for automatic renewal. */
  public static final String ATTR_SUBSCRIPTION_ID = "subscription_id";

  private final EngineContext ctx;

  /** Creates the applier. */
  public PaymentApplier(EngineContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  /** Deduplicates a verified notification by provider event id and applies it. */
  public ApplyResult apply(String gatewayId, VerifiedNotification notification) {
    Optional<PaymentEvent> event = notification.event();
    if (event.isPresent() && !event.get().gatewayId().equals(gatewayId)) {
      return new ApplyResult(Outcome.UNKNOWN_ORDER, "event of gateway '" + event.get().gatewayId()
          + "' delivered to '" + gatewayId + "'");
    }
    return inTransaction(gatewayId, notification.providerEventId(), event);
  }

  /** Applies a payment fact, deduplicated by its provider event id. */
  public ApplyResult apply(PaymentEvent event) {
    return inTransaction(event.gatewayId(), event.providerEventId(), Optional.of(event));
  }

  private ApplyResult inTransaction(String gatewayId, String providerEventId, Optional<PaymentEvent> event) {
    try {
      return ctx.jdbi().inTransaction(h -> {
        Instant now = ctx.now();
        int fresh = h.createUpdate("INSERT INTO shop_webhook_events (provider, event_id, received_at) "
                + "VALUES (:p, :e, :now) ON CONFLICT DO NOTHING")
            .bind("p", gatewayId).bind("e", providerEventId).bind("now", Sql.ts(now)).execute();
        if (fresh == 0) {
          return new ApplyResult(Outcome.DUPLICATE, "event " + providerEventId + " was already handled");
        }
        if (event.isEmpty()) {
          return new ApplyResult(Outcome.IGNORED, "nothing to apply");
        }
        ApplyResult result = applyEvent(h, event.get(), now);
        if (!result.accepted()) {
          throw new Refused(result);
        }
        return result;
      });
    } catch (Refused r) {
      return r.result;
    } catch (JdbiException e) {
      throw new EngineUnavailableException("payment event " + providerEventId + " of '" + gatewayId
          + "' could not be applied: " + e.getClass().getSimpleName(), e);
    }
  }

  private ApplyResult applyEvent(Handle h, PaymentEvent e, Instant now) {
    Optional<PaymentRow> found = findOrder(h, e);
    if (found.isEmpty()) {
      return new ApplyResult(Outcome.UNKNOWN_ORDER, "no order " + e.orderReference().orElse("(none)")
          + " / payment " + e.externalPaymentId());
    }
    PaymentRow order = found.get();
    if (!order.provider().equals(e.gatewayId())) {
      return new ApplyResult(Outcome.UNKNOWN_ORDER, "order " + order.reference() + " belongs to gateway '"
          + order.provider() + "'");
    }
    return switch (e.type()) {
      case PAID -> paid(h, order, e, now);
      case FAILED -> failed(h, order);
      case REFUNDED -> refunded(h, order, e, now);
    };
  }

  private static Optional<PaymentRow> findOrder(Handle h, PaymentEvent e) {
    if (e.type() != PaymentEvent.Type.PAID || e.orderReference().isEmpty()) {
      Optional<PaymentRow> byExternal = h.createQuery(
              "SELECT * FROM shop_payments WHERE provider = :p AND external_id = :x FOR UPDATE")
          .bind("p", e.gatewayId()).bind("x", e.externalPaymentId()).map((rs, c) -> Sql.payment(rs)).findOne();
      if (byExternal.isPresent() || e.orderReference().isEmpty()) {
        return byExternal;
      }
    }
    return h.createQuery("SELECT * FROM shop_payments WHERE idempotency_key = :ref FOR UPDATE")
        .bind("ref", e.orderReference().get()).map((rs, c) -> Sql.payment(rs)).findOne();
  }

  private ApplyResult paid(Handle h, PaymentRow order, PaymentEvent e, Instant now) {
    if (order.status().equals("PAID") || order.status().equals("REFUNDED")) {
      if (order.externalId().equals(Optional.of(e.externalPaymentId()))) {
        return new ApplyResult(Outcome.DUPLICATE, "payment " + order.id() + " already credited");
      }
      if ("true".equalsIgnoreCase(e.attributes().get(ATTR_RECURRING))) {
        return renewal(h, order, e, now);
      }
      log.warn("Order {} is already paid by payment {}; a second payment {} of '{}' is NOT credited and needs a "
          + "manual refund", order.reference(), order.externalId().orElse("?"), e.externalPaymentId(), e.gatewayId());
      return new ApplyResult(Outcome.IGNORED, "order already paid by another payment");
    }
    if (!order.amount().equals(e.amount())) {
      return new ApplyResult(Outcome.AMOUNT_MISMATCH, "order " + order.reference() + " expects " + order.amount()
          + ", event says " + e.amount());
    }
    boolean taken = h.createQuery("SELECT count(*) FROM shop_payments WHERE provider = :p AND external_id = :x "
            + "AND id <> :id").bind("p", e.gatewayId()).bind("x", e.externalPaymentId()).bind("id", order.id())
        .mapTo(Integer.class).one() > 0;
    if (taken) {
      return new ApplyResult(Outcome.DUPLICATE, "payment " + e.externalPaymentId() + " already credited to another order");
    }
    h.createUpdate("UPDATE shop_payments SET status = 'PAID', external_id = :x, paid_at = GREATEST(:now, created_at) "
            + "WHERE id = :id").bind("x", e.externalPaymentId()).bind("now", Sql.ts(now)).bind("id", order.id())
        .execute();
    Subscription s = credit(h, order, e, now);
    return new ApplyResult(Outcome.APPLIED, "order " + order.reference() + " paid; access until " + s.endsAt());
  }

  private ApplyResult renewal(Handle h, PaymentRow original, PaymentEvent e, Instant now) {
    String key = ("renew:" + e.gatewayId() + ":" + e.externalPaymentId());
    key = key.length() > 255 ? key.substring(0, 255) : key;
    Optional<PaymentRow> row = h.createQuery("INSERT INTO shop_payments (user_id, provider, external_id, "
            + "idempotency_key, amount_minor, currency, status, plan_id, created_at, paid_at) VALUES (:u, :p, :x, :k, "
            + ":amount, :cur, 'PAID', :plan, :now, :now) ON CONFLICT DO NOTHING RETURNING *")
        .bind("u", original.userId()).bind("p", e.gatewayId()).bind("x", e.externalPaymentId()).bind("k", key)
        .bind("amount", e.amount().minorUnits()).bind("cur", e.amount().currency())
        .bind("plan", original.planId().orElse(null)).bind("now", Sql.ts(now))
        .map((rs, c) -> Sql.payment(rs)).findOne();
    if (row.isEmpty()) {
      return new ApplyResult(Outcome.DUPLICATE, "renewal payment " + e.externalPaymentId() + " already credited");
    }
    Subscription s = credit(h, row.get(), e, now);
    return new ApplyResult(Outcome.APPLIED, "renewal of order " + original.reference() + "; access until " + s.endsAt());
  }

  private Subscription credit(Handle h, PaymentRow payment, PaymentEvent e, Instant now) {
    ShopUser user = Sql.userById(h, payment.userId()).orElseThrow();
    Optional<Long> referrer = user.referredBy();
    if (referrer.isPresent()) {
      Sql.lockUsers(h, user.id(), referrer.get());
    } else {
      Sql.lockUsers(h, user.id());
    }
    int days = payment.planId().flatMap(id -> Sql.planById(h, id)).map(p -> p.durationDays()).orElse(0);
    if (payment.promoCodeId().isPresent()) {
      Optional<Promos.PromoRow> promo = Promos.findById(h, payment.promoCodeId().get());
      if (promo.isPresent()) {
        var refused = Promos.activate(h, promo.get(), user.id(), Optional.of(payment.id()), now);
        if (refused.isEmpty() && promo.get().bonusDays()) {
          days += promo.get().value();
        } else if (refused.isPresent()) {
          log.warn("Promo code {} of paid order {} could not be activated any more ({}); the price paid stands, "
              + "no bonus days", promo.get().code(), payment.reference(), refused.get());
        }
      }
    }
    if (referrer.isPresent() && ctx.referrals().enabled() && firstPaid(h, user.id(), payment.id())) {
      int referrerDays = ctx.referrals().referrerDays();
      if (referrerDays > 0) {
        boolean rewarded = h.createUpdate("INSERT INTO shop_referral_rewards (referrer_id, referred_id, payment_id, "
                + "bonus_days, created_at) VALUES (:r, :u, :pay, :d, :now) ON CONFLICT DO NOTHING")
            .bind("r", referrer.get()).bind("u", user.id()).bind("pay", payment.id()).bind("d", referrerDays)
            .bind("now", Sql.ts(now)).execute() == 1;
        if (rewarded) {
          Credits.extend(h, referrer.get(), Optional.empty(), referrerDays, false, now);
          Credits.provision(h, referrer.get(), Notice.Kind.REFERRAL_REWARD, "provision:referral:" + payment.id(), now);
        }
      }
      days += ctx.referrals().refereeDays();
    }
    Subscription s = Credits.extend(h, user.id(), payment.planId(), Math.max(days, 0), false, now);
    String subscriptionId = e.attributes().get(ATTR_SUBSCRIPTION_ID);
    if (subscriptionId != null && !subscriptionId.isBlank()) {
      h.createUpdate("UPDATE shop_subscriptions SET auto_renew = true, renewal_provider = :p, renewal_reference = :r "
              + "WHERE id = :id").bind("p", e.gatewayId()).bind("r", subscriptionId).bind("id", s.id()).execute();
    }
    h.createUpdate("UPDATE shop_payments SET credited_days = :d WHERE id = :id").bind("d", days)
        .bind("id", payment.id()).execute();
    Credits.provision(h, user.id(), Notice.Kind.PAYMENT_CREDITED, "provision:payment:" + payment.id(), now);
    return s;
  }

  private static boolean firstPaid(Handle h, long userId, long paymentId) {
    return h.createQuery("SELECT count(*) FROM shop_payments WHERE user_id = :u AND status IN ('PAID', 'REFUNDED') "
            + "AND id <> :id").bind("u", userId).bind("id", paymentId).mapTo(Integer.class).one() == 0;
  }

  private static ApplyResult failed(Handle h, PaymentRow order) {
    if (!order.status().equals("PENDING")) {
      return new ApplyResult(Outcome.IGNORED, "order " + order.reference() + " is " + order.status());
    }
    h.createUpdate("UPDATE shop_payments SET status = 'FAILED' WHERE id = :id").bind("id", order.id()).execute();
    return new ApplyResult(Outcome.APPLIED, "order " + order.reference() + " failed");
  }

  private ApplyResult refunded(Handle h, PaymentRow payment, PaymentEvent e, Instant now) {
    if (payment.status().equals("REFUNDED")) {
      return new ApplyResult(Outcome.DUPLICATE, "payment " + payment.id() + " already refunded");
    }
    if (!payment.status().equals("PAID")) {
      return new ApplyResult(Outcome.IGNORED, "payment " + payment.id() + " is " + payment.status());
    }
    if (!payment.amount().currency().equals(e.amount().currency())
        || e.amount().minorUnits() > payment.amount().minorUnits()) {
      return new ApplyResult(Outcome.AMOUNT_MISMATCH, "refund of " + e.amount() + " for a payment of "
          + payment.amount());
    }
    long paid = payment.amount().minorUnits();
    int days = paid == 0 || e.amount().minorUnits() == paid ? payment.creditedDays()
        : (int) Math.ceil(payment.creditedDays() * (double) e.amount().minorUnits() / paid);
    h.createUpdate("UPDATE shop_payments SET status = 'REFUNDED', refunded_at = GREATEST(:now, paid_at) WHERE id = :id")
        .bind("now", Sql.ts(now)).bind("id", payment.id()).execute();
    Sql.lockUsers(h, payment.userId());
    Optional<Subscription> s = Credits.takeBack(h, payment.userId(), days, now);
    Credits.provision(h, payment.userId(), Notice.Kind.REFUNDED, "provision:refund:" + payment.id(), now);
    return new ApplyResult(Outcome.APPLIED, "payment " + payment.id() + " refunded; " + days + " days taken back"
        + s.map(x -> "; access until " + x.endsAt()).orElse(""));
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
