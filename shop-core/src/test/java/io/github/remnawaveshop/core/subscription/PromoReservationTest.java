package io.github.remnawaveshop.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.payment.ApplyResult;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 16 item 5: a promo code's limits hold for orders, not only for credited payments. */
@ExtendWith(ShopServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PromoReservationTest {
  private EngineFixture f;
  private SubscriptionEngine engine;

  @BeforeAll
  void setUp(TestDatabase db) throws Exception {
    f = new EngineFixture(db, 6);
    f.plan("month", 30, 1000, "USD");
    engine = f.engine();
  }

  @AfterAll
  void tearDown() throws Exception {
    f.close();
  }

  private long user() {
    long tg = EngineFixture.newTelegramId();
    engine.registerUser(tg, Optional.empty(), "en", Optional.empty());
    return tg;
  }

  private PaymentEvent event(
      PaymentEvent.Type type, String id, Order order, String payment, long amount) {
    return new PaymentEvent(
        "testpay",
        type,
        id,
        Optional.of(order.reference()),
        payment,
        Money.of(amount, "USD"),
        f.clock.instant(),
        false,
        Optional.empty(),
        false,
        Map.of());
  }

  private long activations(String code) {
    return f.count("SELECT activations_count FROM shop_promo_codes WHERE code = '" + code + "'");
  }

  @Test
  void aOnePerUserCodeDiscountsOneOpenOrderNotTwo() {
    f.promo("ONCE20", "PERCENT_DISCOUNT", 20, null);
    long tg = user();
    Order first =
        engine.purchase(PurchaseRequest.of(tg, "month", "USD").withPromoCode("ONCE20")).order();
    assertThat(first.amount()).isEqualTo(Money.of(800, "USD"));

    assertThatThrownBy(
            () -> engine.purchase(PurchaseRequest.of(tg, "month", "USD").withPromoCode("ONCE20")))
        .isInstanceOfSatisfying(
            PromoCodeRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(PromoCodeRejectedException.Reason.ALREADY_USED));

    engine.applyPayment(
        event(PaymentEvent.Type.PAID, "evt_once_" + tg, first, "pi_once_" + tg, 800));
    assertThat(activations("ONCE20")).as("reserved once, not counted again when paid").isEqualTo(1);
  }

  @Test
  void anOrderThatFailsOrExpiresGivesItsActivationBack() {
    f.promo("LAST1", "BONUS_DAYS", 5, 1);
    long a = user();
    long b = user();
    Order held =
        engine.purchase(PurchaseRequest.of(a, "month", "USD").withPromoCode("LAST1")).order();
    assertThatThrownBy(
            () -> engine.purchase(PurchaseRequest.of(b, "month", "USD").withPromoCode("LAST1")))
        .isInstanceOfSatisfying(
            PromoCodeRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(PromoCodeRejectedException.Reason.EXHAUSTED));

    assertThat(
            engine
                .applyPayment(
                    event(
                        PaymentEvent.Type.FAILED, "evt_last_fail_" + a, held, "pi_last_" + a, 1000))
                .outcome())
        .isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(activations("LAST1")).isZero();
    Order bOrder =
        engine.purchase(PurchaseRequest.of(b, "month", "USD").withPromoCode("LAST1")).order();

    // b never pays: after a day the order expires and the activation is free again
    f.clock.advance(Duration.ofHours(25));
    assertThat(engine.expireStaleOrders()).isGreaterThanOrEqualTo(1);
    assertThat(activations("LAST1")).isZero();
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_payments WHERE id = "
                    + bOrder.paymentId()
                    + " AND status = 'CANCELLED'"))
        .isEqualTo(1);

    // a late payment of the expired order is still money taken: credited (the bonus is taken again
    // if free)
    Instant now = f.clock.instant();
    assertThat(
            engine
                .applyPayment(
                    event(PaymentEvent.Type.PAID, "evt_late_" + b, bOrder, "pi_late_" + b, 1000))
                .outcome())
        .isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(f.endsAt(b)).isEqualTo(now.plus(Duration.ofDays(35)));
    assertThat(activations("LAST1")).isEqualTo(1);
  }
}
