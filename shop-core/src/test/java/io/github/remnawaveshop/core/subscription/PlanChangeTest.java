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
 * Issue 16 item 4, the plan policy: time left on another plan is converted by value into the plan
 * bought (an upgrade does not turn every remaining basic day into a premium day), and the panel
 * gets the limits of the plan in force.
 */
@ExtendWith(ShopServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanChangeTest {
  private EngineFixture f;
  private SubscriptionEngine engine;
  private long basicId;
  private long premiumId;

  @BeforeAll
  void setUp(TestDatabase db) throws Exception {
    f = new EngineFixture(db, 6);
    basicId = f.plan("basic", 30, 300, "USD"); // 10 per day
    premiumId = f.plan("premium", 30, 900, "USD"); // 30 per day
    engine = f.engine();
  }

  @AfterAll
  void tearDown() throws Exception {
    f.close();
  }

  private Order buy(long tg, String plan, long price, String tag) {
    Order order = engine.purchase(PurchaseRequest.of(tg, plan, "USD")).order();
    assertThat(
            engine
                .applyPayment(
                    new PaymentEvent(
                        "testpay",
                        PaymentEvent.Type.PAID,
                        "evt_" + tag + "_" + tg,
                        Optional.of(order.reference()),
                        "pi_" + tag + "_" + tg,
                        Money.of(price, "USD"),
                        f.clock.instant(),
                        false,
                        Optional.empty(),
                        false,
                        Map.of()))
                .outcome())
        .isEqualTo(ApplyResult.Outcome.APPLIED);
    return order;
  }

  private long planOf(long tg) {
    return f.count(
        "SELECT s.plan_id FROM shop_subscriptions s JOIN shop_users u ON u.id = s.user_id "
            + "WHERE u.telegram_id = "
            + tg
            + " AND s.status = 'ACTIVE'");
  }

  @Test
  void anUpgradeConvertsTheBasicDaysLeftByValueAndARefundLeavesTheirValue() {
    long tg = EngineFixture.newTelegramId();
    engine.registerUser(tg, Optional.empty(), "en", Optional.empty());
    Instant start = f.clock.instant();
    buy(tg, "basic", 300, "basic");
    Order premium = buy(tg, "premium", 900, "premium");

    // 30 basic days (worth 300) become 10 premium days, plus the 30 bought
    assertThat(f.endsAt(tg)).isEqualTo(start.plus(Duration.ofDays(40)));
    assertThat(planOf(tg)).isEqualTo(premiumId);
    f.runAllOutbox(engine);
    assertThat(
            Instant.parse(f.simulator.user("tg_" + tg).orElseThrow().get("expireAt").asText())
                .toEpochMilli())
        .isEqualTo(start.plus(Duration.ofDays(40)).toEpochMilli());

    // refunding the upgrade takes its 30 days back: the 10 left are what the basic purchase was
    // worth
    engine.applyPayment(
        new PaymentEvent(
            "testpay",
            PaymentEvent.Type.REFUNDED,
            "evt_up_refund_" + tg,
            Optional.of(premium.reference()),
            "pi_premium_" + tg,
            Money.of(900, "USD"),
            f.clock.instant(),
            false,
            Optional.empty(),
            false,
            Map.of()));
    assertThat(f.endsAt(tg)).isEqualTo(start.plus(Duration.ofDays(10)));
  }

  @Test
  void aDowngradeLengthensTheTimeLeftAndTheSamePlanJustExtends() {
    long tg = EngineFixture.newTelegramId();
    engine.registerUser(tg, Optional.empty(), "en", Optional.empty());
    Instant start = f.clock.instant();
    buy(tg, "premium", 900, "p1");
    buy(tg, "premium", 900, "p2");
    assertThat(f.endsAt(tg)).isEqualTo(start.plus(Duration.ofDays(60)));

    buy(tg, "basic", 300, "b1");
    // 60 premium days (worth 1800) become 180 basic days, plus the 30 bought
    assertThat(f.endsAt(tg)).isEqualTo(start.plus(Duration.ofDays(210)));
    assertThat(planOf(tg)).isEqualTo(basicId);
  }
}
