package io.github.remnawaveshop.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Issue 16 items 2 and 6: refunds that come early, and refunds of a payment that earned a referral
 * reward.
 */
@ExtendWith(ShopServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefundEdgesTest {
  private EngineFixture f;
  private SubscriptionEngine engine;

  @BeforeAll
  void setUp(TestDatabase db) throws Exception {
    f = new EngineFixture(db, 6);
    f.plan("month", 30, 1000, "USD");
    engine =
        f.engine(
            b -> b.referrals(ReferralSettings.builder().referrerDays(7).refereeDays(3).build()));
  }

  @AfterAll
  void tearDown() throws Exception {
    f.close();
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

  @Test
  void aRefundThatArrivesBeforeThePaidEventIsRefusedSoItsRedeliveryIsAppliedAfterThePayment() {
    long tg = EngineFixture.newTelegramId();
    engine.registerUser(tg, Optional.empty(), "en", Optional.empty());
    Order order = engine.purchase(PurchaseRequest.of(tg, "month", "USD")).order();
    PaymentEvent refund =
        event(PaymentEvent.Type.REFUNDED, "evt_early_refund_" + tg, order, "pi_early_" + tg, 1000);

    ApplyResult early = engine.applyPayment(refund);
    assertThat(early.accepted()).as("refused, so the provider delivers it again").isFalse();

    // the PAID delivery had failed (503) and comes now
    Instant now = f.clock.instant();
    assertThat(
            engine
                .applyPayment(
                    event(
                        PaymentEvent.Type.PAID,
                        "evt_late_paid_" + tg,
                        order,
                        "pi_early_" + tg,
                        1000))
                .outcome())
        .isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(f.endsAt(tg)).isEqualTo(now.plus(Duration.ofDays(30)));

    assertThat(engine.applyPayment(refund).outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(engine.activeSubscription(tg)).isEmpty();
  }

  @Test
  void refundingTheRefereesFirstPaymentTakesTheReferrersRewardBack() {
    long referrerTg = EngineFixture.newTelegramId();
    ShopUser referrer = engine.registerUser(referrerTg, Optional.empty(), "en", Optional.empty());
    Instant start = f.clock.instant();
    Order own = engine.purchase(PurchaseRequest.of(referrerTg, "month", "USD")).order();
    engine.applyPayment(
        event(PaymentEvent.Type.PAID, "evt_own_" + referrerTg, own, "pi_own_" + referrerTg, 1000));
    long tg = EngineFixture.newTelegramId();
    engine.registerUser(tg, Optional.empty(), "en", Optional.of(referrer.referralCode()));
    Order order = engine.purchase(PurchaseRequest.of(tg, "month", "USD")).order();
    engine.applyPayment(
        event(PaymentEvent.Type.PAID, "evt_ref_paid_" + tg, order, "pi_ref_" + tg, 1000));
    assertThat(f.endsAt(referrerTg)).isEqualTo(start.plus(Duration.ofDays(37)));

    assertThat(
            engine
                .applyPayment(
                    event(
                        PaymentEvent.Type.REFUNDED,
                        "evt_ref_refund_" + tg,
                        order,
                        "pi_ref_" + tg,
                        1000))
                .outcome())
        .isEqualTo(ApplyResult.Outcome.APPLIED);

    assertThat(f.endsAt(referrerTg))
        .as("the 7 reward days are taken back")
        .isEqualTo(start.plus(Duration.ofDays(30)));
    f.runAllOutbox(engine);
    assertThat(
            Instant.parse(
                    f.simulator.user("tg_" + referrerTg).orElseThrow().get("expireAt").asText())
                .toEpochMilli())
        .isEqualTo(start.plus(Duration.ofDays(30)).toEpochMilli());
  }

  private PaymentEvent refund(
      String id, Order order, String payment, long amount, boolean runningTotal) {
    return new PaymentEvent(
        "testpay",
        PaymentEvent.Type.REFUNDED,
        id,
        Optional.of(order.reference()),
        payment,
        Money.of(amount, "USD"),
        f.clock.instant(),
        false,
        Optional.empty(),
        runningTotal,
        Map.of());
  }

  /**
   * Issue 16 item 1: refund 30 %, then the other 70 % (one event per refund, as PayPal sends them).
   */
  @Test
  void eachPartialRefundTakesItsShareOfTheDaysBack() {
    long tg = EngineFixture.newTelegramId();
    engine.registerUser(tg, Optional.empty(), "en", Optional.empty());
    Order order = engine.purchase(PurchaseRequest.of(tg, "month", "USD")).order();
    Instant start = f.clock.instant();
    engine.applyPayment(
        event(PaymentEvent.Type.PAID, "evt_part_paid_" + tg, order, "pi_part_" + tg, 1000));

    assertThat(
            engine
                .applyPayment(refund("evt_part_r1_" + tg, order, "pi_part_" + tg, 300, false))
                .outcome())
        .isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(f.endsAt(tg)).as("9 of 30 days back").isEqualTo(start.plus(Duration.ofDays(21)));
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_payments WHERE external_id = 'pi_part_"
                    + tg
                    + "' AND status = 'PARTIALLY_REFUNDED' AND refunded_minor = 300"))
        .isEqualTo(1);

    assertThat(
            engine
                .applyPayment(refund("evt_part_r2_" + tg, order, "pi_part_" + tg, 700, false))
                .outcome())
        .isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(engine.activeSubscription(tg)).as("all 30 days back").isEmpty();
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_payments WHERE external_id = 'pi_part_"
                    + tg
                    + "' AND status = 'REFUNDED' AND refunded_minor = 1000"))
        .isEqualTo(1);
    assertThat(
            engine
                .applyPayment(refund("evt_part_r3_" + tg, order, "pi_part_" + tg, 1, false))
                .outcome())
        .isEqualTo(ApplyResult.Outcome.DUPLICATE);
  }

  /** Issue 16 item 1: Stripe reports the running total ({@code amount_refunded}). */
  @Test
  void aRunningRefundTotalTakesBackOnlyEachNewDifference() {
    long tg = EngineFixture.newTelegramId();
    engine.registerUser(tg, Optional.empty(), "en", Optional.empty());
    Order order = engine.purchase(PurchaseRequest.of(tg, "month", "USD")).order();
    Instant start = f.clock.instant();
    engine.applyPayment(
        event(PaymentEvent.Type.PAID, "evt_total_paid_" + tg, order, "pi_total_" + tg, 1000));
    boolean total = true;

    engine.applyPayment(refund("evt_total_r1_" + tg, order, "pi_total_" + tg, 300, total));
    assertThat(f.endsAt(tg)).isEqualTo(start.plus(Duration.ofDays(21)));
    assertThat(
            engine
                .applyPayment(refund("evt_total_r1b_" + tg, order, "pi_total_" + tg, 300, total))
                .outcome())
        .as("the same total again")
        .isEqualTo(ApplyResult.Outcome.DUPLICATE);
    assertThat(f.endsAt(tg)).isEqualTo(start.plus(Duration.ofDays(21)));

    engine.applyPayment(refund("evt_total_r2_" + tg, order, "pi_total_" + tg, 1000, total));
    assertThat(engine.activeSubscription(tg)).isEmpty();
  }
}
