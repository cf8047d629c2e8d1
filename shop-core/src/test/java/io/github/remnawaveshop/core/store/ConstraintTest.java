package io.github.remnawaveshop.core.store;

import static io.github.remnawaveshop.core.store.StoreTestSupport.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.time.Duration;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each rule of the schema rejects what it must, as a typed store exception naming the constraint.
 */
@ExtendWith(ShopServersExtension.class)
class ConstraintTest {
  private static ShopStore store;
  private static final StoreTestSupport.MutableClock CLOCK = new StoreTestSupport.MutableClock(T0);

  @BeforeAll
  static void migrate(TestDatabase db) {
    store = ShopStore.builder().dataSource(db.dataSource()).clock(CLOCK).build();
    store.migrate();
  }

  private static User user() {
    return store.users().register(StoreTestSupport.newUser()).user();
  }

  private static void assertViolation(
      ThrowingCallable call,
      Class<? extends ConstraintViolationException> type,
      String constraint) {
    assertThatThrownBy(call)
        .isInstanceOf(type)
        .hasMessageContaining(constraint)
        .satisfies(
            e -> assertThat(((ConstraintViolationException) e).constraint()).contains(constraint));
  }

  /**
   * Runs raw SQL through the store's own error translation (for rules the Java API validates
   * first).
   */
  private static void raw(String sql) {
    store.db().with("raw statement", h -> h.createUpdate(store.db().sql(sql)).execute());
  }

  @Test
  void duplicatePaymentExternalIdIsRejected() {
    User u = user();
    NewPayment.Builder payment =
        NewPayment.builder()
            .userId(u.id())
            .provider("stripe")
            .externalId("cs_dup")
            .amount(Money.of(100, "USD"));
    store.payments().create(payment.idempotencyKey("k1").build());
    assertViolation(
        () -> store.payments().create(payment.idempotencyKey("k2").build()),
        DuplicateKeyException.class,
        "shop_payments_provider_external_id_key");
    // the same external id at another provider is a different payment
    assertThat(
            store
                .payments()
                .create(payment.provider("paypal").idempotencyKey("k3").build())
                .externalId())
        .contains("cs_dup");
  }

  @Test
  void duplicateIdempotencyKeyIsRejected() {
    User u = user();
    NewPayment p =
        NewPayment.builder()
            .userId(u.id())
            .provider("stripe")
            .idempotencyKey("same-key")
            .amount(Money.of(100, "USD"))
            .build();
    store.payments().create(p);
    assertViolation(
        () -> store.payments().create(p),
        DuplicateKeyException.class,
        "shop_payments_idempotency_key_key");
  }

  @Test
  void secondPromoActivationByOneUserIsRejected() {
    User u = user();
    PromoCode code =
        store.promoCodes().create(NewPromoCode.builder().code("ONCE").bonusDays(7).build());
    assertThat(store.promoCodes().activate("once", u.id(), Optional.empty()).outcome())
        .isEqualTo(PromoActivationResult.Outcome.ACTIVATED);
    assertThat(store.promoCodes().activate("ONCE", u.id(), Optional.empty()).outcome())
        .isEqualTo(PromoActivationResult.Outcome.ALREADY_USED);
    // and the database itself refuses a second row for (user, code), whoever writes it
    JdbiPromoCodeRepository repo = (JdbiPromoCodeRepository) store.promoCodes();
    assertViolation(
        () ->
            store
                .db()
                .with(
                    "insert activation",
                    h -> repo.insertActivation(h, code.id(), u.id(), 1, Optional.empty(), T0)),
        DuplicateKeyException.class,
        "shop_promo_activations_user_promo_key");
    assertThat(store.promoCodes().findById(code.id()).orElseThrow().activationsCount())
        .isEqualTo(1);
  }

  @Test
  void negativeAmountsAreRejected() {
    User u = user();
    assertThatThrownBy(() -> Money.of(-1, "USD"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minorUnits");
    assertViolation(
        () ->
            raw(
                "INSERT INTO {s}.shop_payments (user_id, provider, idempotency_key, amount_minor,"
                    + " currency, status, created_at) VALUES ("
                    + u.id()
                    + ", 'stripe', 'neg', -1, 'USD', 'PENDING', now())"),
        CheckViolationException.class,
        "shop_payments_amount_minor_check");
    Plan plan =
        store
            .plans()
            .create(NewPlan.builder().code("neg-price").title("x").durationDays(1).build());
    assertViolation(
        () -> raw("INSERT INTO {s}.shop_plan_prices VALUES (" + plan.id() + ", 'USD', -5)"),
        CheckViolationException.class,
        "shop_plan_prices_amount_minor_check");
  }

  @Test
  void moneyAndStatusRulesHoldInTheDatabase() {
    User u = user();
    String insert =
        "INSERT INTO {s}.shop_payments (user_id, provider, idempotency_key, amount_minor, currency, status,"
            + " external_id, created_at, paid_at) VALUES ("
            + u.id()
            + ", 'stripe', '%s', 1, '%s', '%s', %s, now(), %s)";
    assertViolation(
        () -> raw(String.format(insert, "c1", "usd", "PENDING", "NULL", "NULL")),
        CheckViolationException.class,
        "shop_payments_currency_check");
    assertViolation(
        () -> raw(String.format(insert, "c2", "USD", "SETTLED", "NULL", "NULL")),
        CheckViolationException.class,
        "shop_payments_status_check");
    assertViolation(
        () -> raw(String.format(insert, "c3", "USD", "PAID", "'x'", "NULL")),
        CheckViolationException.class,
        "shop_payments_paid_check");
    assertViolation(
        () -> raw(String.format(insert, "c4", "USD", "PAID", "NULL", "now()")),
        CheckViolationException.class,
        "shop_payments_paid_check");
    // Telegram Stars' XTR is a valid currency
    raw(String.format(insert, "c5", "XTR", "PAID", "'stars-1'", "now()"));
  }

  @Test
  void foreignKeysAreEnforced() {
    assertViolation(
        () -> store.subscriptions().create(NewSubscription.active(-42, -7, T0, T0.plusSeconds(1))),
        ForeignKeyViolationException.class,
        "shop_subscriptions_user_id_fkey");
    assertViolation(
        () ->
            store
                .payments()
                .create(
                    NewPayment.builder()
                        .userId(-42)
                        .provider("stripe")
                        .idempotencyKey("fk")
                        .amount(Money.of(1, "USD"))
                        .build()),
        ForeignKeyViolationException.class,
        "shop_payments_user_id_fkey");
  }

  @Test
  void secondActiveSubscriptionIsRejected() {
    User u = user();
    store
        .subscriptions()
        .create(NewSubscription.trial(u.id(), Optional.empty(), T0, T0.plus(Duration.ofDays(3))));
    assertViolation(
        () ->
            store
                .subscriptions()
                .create(
                    NewSubscription.trial(
                        u.id(), Optional.empty(), T0, T0.plus(Duration.ofDays(3)))),
        DuplicateKeyException.class,
        "shop_subscriptions_user_active_key");
  }

  @Test
  void promoCodesAreUniqueIgnoringCase() {
    store.promoCodes().create(NewPromoCode.builder().code("Summer").percentDiscount(10).build());
    assertViolation(
        () -> store.promoCodes().create(NewPromoCode.builder().code("SUMMER").bonusDays(3).build()),
        DuplicateKeyException.class,
        "shop_promo_codes_code_key");
    assertThat(store.promoCodes().findByCode("sUmMeR")).map(PromoCode::code).contains("Summer");
  }

  @Test
  void webhookEventIsProcessedOnce() {
    assertThat(store.webhookEvents().markProcessed("stripe", "evt_1")).isTrue();
    assertThat(store.webhookEvents().markProcessed("stripe", "evt_1")).isFalse();
    assertThat(store.webhookEvents().markProcessed("paypal", "evt_1")).isTrue();
    assertThat(store.webhookEvents().isProcessed("stripe", "evt_1")).isTrue();
    assertViolation(
        () -> raw("INSERT INTO {s}.shop_webhook_events VALUES ('stripe', 'evt_1', now())"),
        DuplicateKeyException.class,
        "shop_webhook_events_pkey");
  }

  @Test
  void referralRewardsAreGrantedOnce() {
    User referrer = user();
    User referred =
        store.users().register(StoreTestSupport.newUser().withReferredBy(referrer.id())).user();
    assertThat(store.referrals().grant(referrer.id(), referred.id(), Optional.empty(), 3))
        .isPresent();
    assertThat(store.referrals().grant(referrer.id(), referred.id(), Optional.empty(), 3))
        .isEmpty();
    Payment p =
        store
            .payments()
            .create(
                NewPayment.builder()
                    .userId(referred.id())
                    .provider("stripe")
                    .idempotencyKey("ref-pay")
                    .amount(Money.of(1, "USD"))
                    .build());
    assertThat(store.referrals().grant(referrer.id(), referred.id(), Optional.of(p.id()), 7))
        .isPresent();
    assertThat(store.referrals().grant(referrer.id(), referred.id(), Optional.of(p.id()), 7))
        .isEmpty();
    assertThat(store.referrals().totalBonusDays(referrer.id())).isEqualTo(10);
    assertThat(store.users().countReferredBy(referrer.id())).isEqualTo(1);
    assertViolation(
        () ->
            raw(
                "INSERT INTO {s}.shop_referral_rewards (referrer_id, referred_id, bonus_days, created_at)"
                    + " VALUES ("
                    + referrer.id()
                    + ", "
                    + referrer.id()
                    + ", 1, now())"),
        CheckViolationException.class,
        "shop_referral_rewards_self_check");
  }
}
