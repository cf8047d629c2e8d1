package io.github.remnawaveshop.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.payment.ApplyResult;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Trial, promo codes, referrals, refunds, reminders and reconciliation on real PostgreSQL and the
 * simulator.
 */
@ExtendWith(ShopServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineFlowsTest {
  private EngineFixture f;
  private SubscriptionEngine engine;

  @BeforeAll
  void setUp(TestDatabase db) throws Exception {
    f = new EngineFixture(db, 10);
    f.plan("month", 30, 1000, "USD");
    engine =
        f.engine(
            b ->
                b.referrals(ReferralSettings.builder().referrerDays(7).refereeDays(3).build())
                    .trial(TrialSettings.builder().days(3).build()));
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

  private ApplyResult pay(Order order, String paymentId) {
    return engine.applyPayment(
        new PaymentEvent(
            "testpay",
            PaymentEvent.Type.PAID,
            "evt_" + paymentId,
            Optional.of(order.reference()),
            paymentId,
            order.amount(),
            f.clock.instant(),
            false,
            Optional.empty(),
            false,
            Map.of()));
  }

  @Test
  void trialOncePerUserProvisionedWithTrialLimits() {
    long tg = user();
    Instant now = f.clock.instant();
    Subscription s = engine.startTrial(tg);
    assertThat(s.trial()).isTrue();
    assertThat(s.endsAt()).isEqualTo(now.plus(Duration.ofDays(3)));
    assertThatThrownBy(() -> engine.startTrial(tg)).isInstanceOf(TrialNotAvailableException.class);
    f.runAllOutbox(engine);
    var panelUser = f.simulator.user("tg_" + tg).orElseThrow();
    assertThat(panelUser.get("hwidDeviceLimit").asInt()).isEqualTo(1);
    assertThat(f.notices.notices)
        .anyMatch(n -> n.kind() == Notice.Kind.TRIAL_STARTED && n.telegramId() == tg);
  }

  @Test
  void purchaseAfterTrialExtendsFromTheTrialEndAndConvertsIt() {
    long tg = user();
    Instant now = f.clock.instant();
    engine.startTrial(tg);
    Order order = engine.purchase(PurchaseRequest.of(tg, "month", "USD")).order();
    assertThat(pay(order, "pi_trial_conv").outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
    Subscription s = engine.activeSubscription(tg).orElseThrow();
    assertThat(s.endsAt()).isEqualTo(now.plus(Duration.ofDays(33)));
    assertThat(s.trial()).isFalse();
    f.runAllOutbox(engine);
    var panelUser = f.simulator.user("tg_" + tg).orElseThrow();
    assertThat(panelUser.get("hwidDeviceLimit").asInt()).isEqualTo(3);
  }

  @Test
  void percentDiscountLowersThePriceAndIsRecordedWhenPaid() {
    f.promo("HALF", "PERCENT_DISCOUNT", 50, 5);
    long tg = user();
    Quote q = engine.quote(tg, "month", "USD", Optional.of("half"));
    assertThat(q.price()).isEqualTo(Money.of(500, "USD"));
    Order order =
        engine.purchase(PurchaseRequest.of(tg, "month", "USD").withPromoCode("HALF")).order();
    assertThat(order.amount()).isEqualTo(Money.of(500, "USD"));
    assertThat(f.gateway.checkouts)
        .anyMatch(
            c -> c.orderReference().equals(order.reference()) && c.amount().minorUnits() == 500);
    pay(order, "pi_half");
    assertThat(f.count("SELECT activations_count FROM shop_promo_codes WHERE code = 'HALF'"))
        .isEqualTo(1);
    assertThatThrownBy(() -> engine.quote(tg, "month", "USD", Optional.of("HALF")))
        .isInstanceOf(PromoCodeRejectedException.class)
        .satisfies(
            e ->
                assertThat(((PromoCodeRejectedException) e).reason())
                    .isEqualTo(PromoCodeRejectedException.Reason.ALREADY_USED));
  }

  @Test
  void referralRewardsBothOnTheFirstPaidPurchaseOnly() {
    long referrerTg = user();
    ShopUser referrer = engine.registerUser(referrerTg, Optional.empty(), "en", Optional.empty());
    long tg = EngineFixture.newTelegramId();
    engine.registerUser(tg, Optional.empty(), "en", Optional.of(referrer.referralCode()));
    Instant now = f.clock.instant();
    pay(engine.purchase(PurchaseRequest.of(tg, "month", "USD")).order(), "pi_ref_1");
    assertThat(f.endsAt(tg)).isEqualTo(now.plus(Duration.ofDays(33)));
    assertThat(f.endsAt(referrerTg)).isEqualTo(now.plus(Duration.ofDays(7)));
    pay(engine.purchase(PurchaseRequest.of(tg, "month", "USD")).order(), "pi_ref_2");
    assertThat(f.endsAt(tg)).isEqualTo(now.plus(Duration.ofDays(63)));
    assertThat(f.endsAt(referrerTg)).isEqualTo(now.plus(Duration.ofDays(7)));
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_referral_rewards r JOIN shop_users u ON u.id = r.referred_id "
                    + "WHERE u.telegram_id = "
                    + tg))
        .isEqualTo(1);
  }

  @Test
  void refundTakesThePaidDaysBackNeverBelowNowAndProvisions() {
    long tg = user();
    Instant now = f.clock.instant();
    Order first = engine.purchase(PurchaseRequest.of(tg, "month", "USD")).order();
    Order second = engine.purchase(PurchaseRequest.of(tg, "month", "USD")).order();
    pay(first, "pi_rf_1");
    pay(second, "pi_rf_2");
    assertThat(f.endsAt(tg)).isEqualTo(now.plus(Duration.ofDays(60)));
    f.runAllOutbox(engine);
    PaymentEvent refund =
        new PaymentEvent(
            "testpay",
            PaymentEvent.Type.REFUNDED,
            "evt_refund_rf_2",
            Optional.empty(),
            "pi_rf_2",
            Money.of(1000, "USD"),
            now,
            false,
            Optional.empty(),
            false,
            Map.of());
    assertThat(engine.applyPayment(refund).outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(engine.applyPayment(refund).outcome()).isEqualTo(ApplyResult.Outcome.DUPLICATE);
    assertThat(f.endsAt(tg)).isEqualTo(now.plus(Duration.ofDays(30)));
    // 20 days pass; refunding the first 30-day payment cannot move the end into the past
    f.clock.advance(Duration.ofDays(20));
    engine.applyPayment(
        new PaymentEvent(
            "testpay",
            PaymentEvent.Type.REFUNDED,
            "evt_refund_rf_1",
            Optional.empty(),
            "pi_rf_1",
            Money.of(1000, "USD"),
            now,
            false,
            Optional.empty(),
            false,
            Map.of()));
    assertThat(engine.activeSubscription(tg)).isEmpty();
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_subscriptions s JOIN shop_users u ON u.id = s.user_id WHERE "
                    + "u.telegram_id = "
                    + tg
                    + " AND s.ends_at = '"
                    + f.clock.instant()
                    + "'"))
        .isEqualTo(1);
    f.runAllOutbox(engine);
    assertThat(f.simulator.user("tg_" + tg).orElseThrow().get("status").asText())
        .isEqualTo("DISABLED");
  }

  @Test
  void promoRaceHundredUsersTenActivationsExactlyTenWin() throws Exception {
    f.promo("RACE10", "BONUS_DAYS", 5, 10);
    List<Long> users = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      users.add(user());
    }
    AtomicInteger won = new AtomicInteger();
    Map<PromoCodeRejectedException.Reason, Integer> lost = new HashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (long tg : users) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    engine.redeemPromoCode(tg, "race10");
                    won.incrementAndGet();
                  } catch (PromoCodeRejectedException e) {
                    synchronized (lost) {
                      lost.merge(e.reason(), 1, Integer::sum);
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> fu : futures) {
        fu.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(won.get()).isEqualTo(10);
    assertThat(lost).containsOnlyKeys(PromoCodeRejectedException.Reason.EXHAUSTED);
    assertThat(f.count("SELECT activations_count FROM shop_promo_codes WHERE code = 'RACE10'"))
        .isEqualTo(10);
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_promo_activations a JOIN shop_promo_codes p "
                    + "ON p.id = a.promo_code_id WHERE p.code = 'RACE10'"))
        .isEqualTo(10);
  }

  @Test
  void remindersRunConcurrentlyByTwoInstancesAreEachSentOnce() throws Exception {
    RecordingNotifier n1 = new RecordingNotifier();
    RecordingNotifier n2 = new RecordingNotifier();
    SubscriptionEngine e1 = f.engine(b -> b.notifier(n1).reminderDays(3, 1, 0));
    SubscriptionEngine e2 = f.engine(b -> b.notifier(n2).reminderDays(3, 1, 0));
    f.runAllOutbox(engine);
    Instant now = f.clock.instant();
    // 30 users ending in 0.5 .. 4.5 days
    List<Long> users = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      long tg = user();
      users.add(tg);
      Instant end = now.plus(Duration.ofHours(12 + 24L * (i % 5)));
      f.jdbi.useHandle(
          h ->
              h.createUpdate(
                      "INSERT INTO shop_subscriptions (user_id, status, starts_at, ends_at, "
                          + "created_at, updated_at) SELECT id, 'ACTIVE', :now, :end, :now, :now FROM shop_users WHERE telegram_id = :t")
                  .bind("now", Timestamp.from(now))
                  .bind("end", Timestamp.from(end))
                  .bind("t", tg)
                  .execute());
    }
    Map<String, Integer> sent = new HashMap<>();
    for (int day = 0; day < 5; day++) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (SubscriptionEngine e : List.of(e1, e2)) {
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int k = 0; k < 3; k++) {
                      e.planReminders();
                      e.runOutbox();
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> fu : futures) {
          fu.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      f.clock.advance(Duration.ofHours(6));
    }
    for (Notice notice : concat(n1.notices, n2.notices)) {
      if (notice.kind() == Notice.Kind.EXPIRY_REMINDER && users.contains(notice.telegramId())) {
        sent.merge(notice.telegramId() + "/" + notice.daysLeft(), 1, Integer::sum);
      }
    }
    assertThat(sent.values()).allMatch(c -> c == 1);
    // users ending in 0.5 d: reminder 0; 1.5 d: 1 then 0; 2.5 d: 1, 0; 3.5 d: 3, 1, 0 (within 30 h:
    // 3 and 1)
    assertThat(sent).containsKeys(users.get(0) + "/0", users.get(1) + "/1", users.get(3) + "/3");
    // which instance sent which reminder is up to the race; together they sent each exactly once
    assertThat(sent.size()).isGreaterThanOrEqualTo(30);
  }

  private static List<Notice> concat(List<Notice> a, List<Notice> b) {
    List<Notice> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void reconciliationRepairsDriftByPolicy() {
    f.runAllOutbox(engine);
    long missing = user();
    long drifted = user();
    long disabled = user();
    for (long tg : List.of(missing, drifted, disabled)) {
      pay(engine.purchase(PurchaseRequest.of(tg, "month", "USD")).order(), "pi_rec_" + tg);
    }
    f.runAllOutbox(engine);
    f.simulator.removeUser("tg_" + missing);
    f.simulator.setUserField(
        "tg_" + drifted, "expireAt", f.clock.instant().plus(Duration.ofDays(400)));
    f.simulator.setUserField("tg_" + disabled, "status", "DISABLED");
    int createdBefore = f.simulator.usersCreated();

    ReconcileReport report = engine.reconcile();
    assertThat(report.missingOnPanel()).isEqualTo(1);
    assertThat(report.expiryDrift()).isEqualTo(1);
    assertThat(report.statusDrift()).isEqualTo(1);
    f.runAllOutbox(engine);

    assertThat(f.simulator.usersCreated()).isEqualTo(createdBefore + 1);
    for (long tg : List.of(missing, drifted, disabled)) {
      var p = f.simulator.user("tg_" + tg).orElseThrow();
      assertThat(Instant.parse(p.get("expireAt").asText()).toEpochMilli())
          .isEqualTo(f.endsAt(tg).toEpochMilli());
      assertThat(p.get("status").asText()).isEqualTo("ACTIVE");
    }
    assertThat(engine.reconcile().repaired()).isZero();
  }

  @Test
  void catalogGoesThroughTheCache() {
    io.github.remnawaveshop.core.cache.CacheLayer cache =
        io.github.remnawaveshop.core.cache.CacheLayer.builder().region(Catalog.REGION).build();
    SubscriptionEngine cached = f.engine(b -> b.cache(cache));
    assertThat(cached.catalog()).extracting(Plan::code).contains("month");
    f.plan("year", 365, 9000, "USD");
    assertThat(cached.catalog()).extracting(Plan::code).doesNotContain("year");
    assertThat(engine.catalog()).extracting(Plan::code).contains("year");
    cache.invalidate(Catalog.REGION, Catalog.KEY);
    assertThat(cached.catalog()).extracting(Plan::code).contains("year");
    assertThat(cached.plan("year").orElseThrow().price("USD")).hasValue(Money.of(9000, "USD"));
    cache.close();
  }

  @Test
  void panelSideDeletionOfAPayingUserIsReprovisionedOnce() {
    long tg = user();
    pay(engine.purchase(PurchaseRequest.of(tg, "month", "USD")).order(), "pi_del_" + tg);
    f.runAllOutbox(engine);
    var panelUser = f.simulator.user("tg_" + tg).orElseThrow();
    f.simulator.removeUser("tg_" + tg);
    String body =
        "{\"scope\":\"user\",\"event\":\"user.deleted\",\"timestamp\":\""
            + f.clock.instant()
            + "\",\"data\":"
            + panelUser
            + "}";
    byte[] raw = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String signature =
        java.util.HexFormat.of()
            .formatHex(
                HmacTestGateway.hmac(
                    "panel-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8), raw));
    var event =
        io.github.remnawaveshop.core.panel.PanelWebhooks.builder()
            .secret("panel-secret")
            .build()
            .verify(signature, raw);
    int createdBefore = f.simulator.usersCreated();
    assertThat(engine.onPanelEvent(event)).isTrue();
    assertThat(engine.onPanelEvent(event)).isFalse(); // the panel's redelivery
    f.runAllOutbox(engine);
    assertThat(f.simulator.usersCreated()).isEqualTo(createdBefore + 1);
    assertThat(f.simulator.user("tg_" + tg)).isPresent();
  }

  @Test
  void panelExpiryEventsQueueAReminderOnlyWhenConfiguredAndOncePerDelivery() {
    long tg = user();
    pay(engine.purchase(PurchaseRequest.of(tg, "month", "USD")).order(), "pi_exp_" + tg);
    f.runAllOutbox(engine);
    var panelUser = f.simulator.user("tg_" + tg).orElseThrow();
    String body =
        "{\"scope\":\"user\",\"event\":\"user.expires_in_24_hours\",\"timestamp\":\""
            + f.clock.instant()
            + "\",\"data\":"
            + panelUser
            + "}";
    byte[] raw = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String signature =
        java.util.HexFormat.of()
            .formatHex(
                HmacTestGateway.hmac(
                    "panel-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8), raw));
    var event =
        io.github.remnawaveshop.core.panel.PanelWebhooks.builder()
            .secret("panel-secret")
            .build()
            .verify(signature, raw);
    assertThat(event.isExpiryNotice()).isTrue();

    // default engine: panel expiry notices do not remind (the shop's own reminder job does)
    assertThat(engine.onPanelEvent(event)).isFalse();

    SubscriptionEngine reminding = f.engine(b -> b.panelExpiryReminders(true));
    long remindersBefore =
        f.notices.notices.stream()
            .filter(n -> n.kind() == Notice.Kind.EXPIRY_REMINDER && n.telegramId() == tg)
            .count();
    String otherDelivery = body.replace("user.expires_in_24_hours", "user.expires_in_48_hours");
    byte[] raw2 = otherDelivery.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    var event2 =
        io.github.remnawaveshop.core.panel.PanelWebhooks.builder()
            .secret("panel-secret")
            .build()
            .verify(
                java.util.HexFormat.of()
                    .formatHex(
                        HmacTestGateway.hmac(
                            "panel-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            raw2)),
                raw2);
    assertThat(reminding.onPanelEvent(event2)).isTrue();
    assertThat(reminding.onPanelEvent(event2)).isFalse(); // the panel's redelivery
    f.runAllOutbox(reminding);
    assertThat(
            f.notices.notices.stream()
                .filter(n -> n.kind() == Notice.Kind.EXPIRY_REMINDER && n.telegramId() == tg)
                .count())
        .isEqualTo(remindersBefore + 1);
    reminding.close();
  }
}
