package io.github.remnawaveshop.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.panel.PanelRetryPolicy;
import io.github.remnawaveshop.core.panel.RemnawavePanel;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.store.NewOutboxMessage;
import io.github.remnawaveshop.core.store.NewPlan;
import io.github.remnawaveshop.core.store.OutboxMessage;
import io.github.remnawaveshop.core.store.OutboxStatus;
import io.github.remnawaveshop.core.store.Payment;
import io.github.remnawaveshop.core.store.ShopStore;
import io.github.remnawaveshop.core.store.User;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11: the engine on the store's repositories (one model, one outbox protocol), with a test
 * per defect the split data layer caused, and issue 15's outage pacing of the outbox.
 */
@ExtendWith(ShopServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataLayerTest {
  private EngineFixture f;
  private SubscriptionEngine engine;
  private ShopStore store;

  @BeforeAll
  void setUp(TestDatabase db) throws Exception {
    f = new EngineFixture(db, 10);
    f.plan("month", 30, 29900, "RUB");
    engine = f.engine();
    store = ShopStore.builder().dataSource(f.pool).clock(f.clock).build();
  }

  @AfterAll
  void tearDown() throws Exception {
    f.close();
  }

  @BeforeEach
  void drain() {
    f.simulator.clearFaults();
    f.clock.advance(Duration.ofHours(2)); // past any backoff and lease of an earlier test
    f.runAllOutbox(engine);
  }

  private long paidUser(String eventPrefix) {
    long tg = EngineFixture.newTelegramId();
    engine.registerUser(tg, Optional.of("user" + tg), "ru", Optional.empty());
    Order order = engine.purchase(PurchaseRequest.of(tg, "month", "RUB")).order();
    assertThat(
            f.deliver(
                    engine,
                    HmacTestGateway.body(
                        eventPrefix + tg,
                        "PAID",
                        order.reference(),
                        "pi_" + eventPrefix + tg,
                        29900,
                        "RUB"))
                .status())
        .isEqualTo(200);
    return tg;
  }

  @Test
  void theStoreReadsThePanelUserAndTheCreditedDaysTheEngineWrote() {
    long tg = paidUser("evt_link_");
    f.runAllOutbox(engine);
    String panelId = f.simulator.user("tg_" + tg).orElseThrow().get("id").asText();

    User user = store.users().findByTelegramId(tg).orElseThrow();
    assertThat(user.panelUserId()).hasValue(panelId);
    assertThat(store.users().findByPanelUserId(panelId).map(User::telegramId)).hasValue(tg);
    Payment payment =
        store
            .payments()
            .listByUser(user.id(), io.github.remnawaveshop.core.store.PageRequest.first(5))
            .items()
            .get(0);
    assertThat(payment.creditedDays()).hasValue(30);
  }

  @Test
  void anEngineOnAStoreInAnotherSchemaReadsAndWritesThatSchema() {
    ShopStore other =
        ShopStore.builder().dataSource(f.pool).schema("shop_other").clock(f.clock).build();
    other.migrate();
    other
        .plans()
        .create(
            NewPlan.builder()
                .code("other-month")
                .title("Other month")
                .durationDays(30)
                .price(Money.of(10000, "RUB"))
                .build());
    SubscriptionEngine otherEngine = f.engine(b -> b.store(other));
    long tg = EngineFixture.newTelegramId();

    otherEngine.registerUser(tg, Optional.empty(), "en", Optional.empty());
    assertThat(otherEngine.catalog()).extracting(Plan::code).containsExactly("other-month");
    Order order = otherEngine.purchase(PurchaseRequest.of(tg, "other-month", "RUB")).order();

    assertThat(f.count("SELECT count(*) FROM shop_other.shop_users WHERE telegram_id = " + tg))
        .isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM public.shop_users WHERE telegram_id = " + tg))
        .isZero();
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_other.shop_payments WHERE id = " + order.paymentId()))
        .isEqualTo(1);
  }

  @Test
  void aBannedUserIsRefusedTrialPurchaseAndPromoButAPaymentMadeBeforeIsCredited() {
    f.promo("BANBONUS", "BONUS_DAYS", 7, null);
    long tg = EngineFixture.newTelegramId();
    engine.registerUser(tg, Optional.empty(), "ru", Optional.empty());
    Order order = engine.purchase(PurchaseRequest.of(tg, "month", "RUB")).order();

    assertThat(engine.setBanned(tg, true).telegramId()).isEqualTo(tg);

    assertThatThrownBy(() -> engine.startTrial(tg)).isInstanceOf(BannedUserException.class);
    assertThatThrownBy(() -> engine.purchase(PurchaseRequest.of(tg, "month", "RUB")))
        .isInstanceOf(BannedUserException.class);
    assertThatThrownBy(() -> engine.redeemPromoCode(tg, "BANBONUS"))
        .isInstanceOf(BannedUserException.class);
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_subscriptions s JOIN shop_users u ON u.id = s.user_id "
                    + "WHERE u.telegram_id = "
                    + tg))
        .isZero();

    // the money was taken before the ban: it is credited
    assertThat(
            f.deliver(
                    engine,
                    HmacTestGateway.body(
                        "evt_ban_" + tg, "PAID", order.reference(), "pi_ban_" + tg, 29900, "RUB"))
                .status())
        .isEqualTo(200);
    assertThat(engine.activeSubscription(tg)).isPresent();

    engine.setBanned(tg, false);
    assertThat(engine.redeemPromoCode(tg, "BANBONUS").endsAt())
        .isAfter(f.clock.instant().plus(Duration.ofDays(36)));
  }

  @Test
  void anInactivePromoCodeIsRejectedAsInactiveNotUnknown() {
    f.promo("SWITCHEDOFF", "BONUS_DAYS", 7, null);
    f.jdbi.useHandle(
        h -> h.execute("UPDATE shop_promo_codes SET active = false WHERE code = 'SWITCHEDOFF'"));
    long tg = EngineFixture.newTelegramId();
    engine.registerUser(tg, Optional.empty(), "ru", Optional.empty());

    assertThatThrownBy(() -> engine.redeemPromoCode(tg, "SWITCHEDOFF"))
        .isInstanceOfSatisfying(
            PromoCodeRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(PromoCodeRejectedException.Reason.INACTIVE));
    assertThatThrownBy(() -> engine.redeemPromoCode(tg, "NO-SUCH-CODE"))
        .isInstanceOfSatisfying(
            PromoCodeRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(PromoCodeRejectedException.Reason.UNKNOWN));
  }

  @Test
  void aHostApplicationsOutboxJobOfAnotherKindIsLeftToItsOwnWorker() {
    OutboxMessage host =
        store
            .outbox()
            .enqueue(NewOutboxMessage.of("host.send-email", "{\"to\":\"a@b.c\"}"))
            .orElseThrow();

    engine.runOutbox();

    OutboxMessage after = store.outbox().findById(host.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(OutboxStatus.PENDING);
    assertThat(after.attempts()).isZero();
    assertThat(after.lastError()).isEmpty();
    store
        .outbox()
        .claim(java.util.Set.of("host.send-email"), f.clock.instant(), 1, Duration.ofMinutes(1))
        .forEach(m -> store.outbox().complete(m.id(), m.attempts()));
  }

  @Test
  void aJobWithAMalformedPayloadEndsDeadWithAnErrorNamingTheField() {
    SubscriptionEngine strict =
        f.engine(
            b ->
                b.outbox(new OutboxSettings(Duration.ofSeconds(5), Duration.ofMinutes(1), 1, 100)));
    OutboxMessage missing =
        store
            .outbox()
            .enqueue(NewOutboxMessage.of("panel.provision", "{\"notice\":\"ACCESS_RESTORED\"}"))
            .orElseThrow();
    OutboxMessage text =
        store
            .outbox()
            .enqueue(NewOutboxMessage.of("panel.provision", "{\"userId\":\"12\"}"))
            .orElseThrow();

    strict.runOutbox();

    OutboxMessage afterMissing = store.outbox().findById(missing.id()).orElseThrow();
    assertThat(afterMissing.status()).isEqualTo(OutboxStatus.DEAD);
    assertThat(afterMissing.lastError())
        .hasValue("IllegalArgumentException: outbox payload field 'userId' is missing");
    OutboxMessage afterText = store.outbox().findById(text.id()).orElseThrow();
    assertThat(afterText.status()).isEqualTo(OutboxStatus.DEAD);
    assertThat(afterText.lastError())
        .hasValue("IllegalArgumentException: outbox payload field 'userId' is not a number: 12");
  }

  @Test
  void aJobWhoseDatabaseWorkFailsIsCountedAndEndsDeadWithItsErrorInsteadOfLoopingOnThePanel() {
    SubscriptionEngine strict =
        f.engine(
            b ->
                b.outbox(new OutboxSettings(Duration.ofSeconds(5), Duration.ofMinutes(1), 2, 100)));
    long tg = paidUser("evt_poison_");
    // the job's last database write (linking the panel user) fails, every time
    f.jdbi.useHandle(
        h ->
            h.execute(
                "CREATE OR REPLACE FUNCTION poison_link() RETURNS trigger AS $$ BEGIN "
                    + "IF NEW.telegram_id = "
                    + tg
                    + " AND NEW.panel_user_id IS DISTINCT FROM OLD.panel_user_id THEN "
                    + "RAISE EXCEPTION 'poisoned link'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"));
    f.jdbi.useHandle(
        h ->
            h.execute(
                "CREATE TRIGGER poison_link BEFORE UPDATE ON shop_users FOR EACH ROW "
                    + "EXECUTE FUNCTION poison_link()"));
    try {
      long panelCallsBefore = f.simulator.requestLog().size();
      strict.runOutbox();
      long callsInOneRun = f.simulator.requestLog().size() - panelCallsBefore;
      assertThat(callsInOneRun)
          .as("panel calls in one run of the poisoned job")
          .isLessThanOrEqualTo(3);
      String where =
          " FROM shop_outbox o JOIN shop_users u ON u.id = (o.payload->>'userId')::bigint "
              + "WHERE o.kind = 'panel.provision' AND u.telegram_id = "
              + tg;
      assertThat(f.count("SELECT max(o.attempts)" + where)).isEqualTo(1);

      f.clock.advance(Duration.ofMinutes(2));
      strict.runOutbox();
      assertThat(
              f.count(
                  "SELECT count(*)"
                      + where
                      + " AND o.status = 'DEAD' AND o.last_error LIKE '%poisoned link%'"))
          .isEqualTo(1);
      f.clock.advance(Duration.ofHours(1));
      long before = f.simulator.requestLog().size();
      strict.runOutbox();
      assertThat(f.simulator.requestLog().size())
          .as("a dead job calls the panel no more")
          .isEqualTo(before);
    } finally {
      f.jdbi.useHandle(h -> h.execute("DROP TRIGGER poison_link ON shop_users"));
    }
  }

  @Test
  void duringAPanelOutageOneRunTakesEachJobOnceSpendsOneRetryBudgetAndCountsBackoffFromTheEnd() {
    // the default client retries (4 attempts, backoff from 200 ms) on a clock its sleeper moves
    RemnawavePanel retrying =
        RemnawavePanel.builder()
            .baseUrl(f.server.url("/").toString())
            .apiToken(Secret.of("test-token"))
            .retryPolicy(PanelRetryPolicy.defaults())
            .clock(f.clock)
            .sleeper(f.clock::advance)
            .build();
    SubscriptionEngine outage = f.engine(b -> b.panel(retrying));
    for (int i = 0; i < 10; i++) {
      paidUser("evt_pace_" + i + "_");
    }
    assertThat(f.count("SELECT count(*) FROM shop_outbox WHERE status = 'PENDING'")).isEqualTo(10);
    // the panel is down, and each 503 takes 300 ms to come
    f.simulator.failSlowlyNext(".*", 10_000, 503, Duration.ofMillis(300));
    long requestsBefore = f.simulator.requestLog().size();
    Instant runStart = f.clock.instant();

    assertThat(outage.runOutbox()).isEqualTo(10);

    assertThat(f.count("SELECT max(attempts) FROM shop_outbox WHERE status = 'PENDING'"))
        .as("each job at most once per run")
        .isEqualTo(1);
    assertThat(
            f.count("SELECT count(*) FROM shop_outbox WHERE status = 'PENDING' AND attempts = 1"))
        .isEqualTo(10);
    assertThat(f.simulator.requestLog().size() - requestsBefore)
        .as("panel requests in the run: one job's client retries, not ten")
        .isLessThanOrEqualTo(PanelRetryPolicy.defaults().maxAttempts());
    Instant earliestNext =
        f.jdbi
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT min(available_at) FROM shop_outbox "
                                + "WHERE status = 'PENDING'")
                        .mapTo(OffsetDateTime.class)
                        .one())
            .toInstant();
    assertThat(earliestNext)
        .as("backoff counted from the end of the attempt, not the claim")
        .isAfter(runStart.plus(OutboxSettings.defaults().backoff(1)));

    f.simulator.clearFaults();
    f.clock.advance(Duration.ofMinutes(1));
    f.runAllOutbox(outage);
    assertThat(f.count("SELECT count(*) FROM shop_outbox WHERE status <> 'DONE'")).isZero();
  }

  @Test
  void usersWhoBlockedTheBotGetNoRemindersOrNoticesUntilTheyWriteAgain() {
    long tg = paidUser("evt_block_");
    f.runAllOutbox(engine);
    assertThat(engine.markBlockedBot(tg)).isTrue();
    assertThat(store.users().findByTelegramId(tg).orElseThrow().blockedBotAt()).isPresent();
    long remindersBefore =
        f.notices.notices.stream()
            .filter(n -> n.telegramId() == tg && n.kind() == Notice.Kind.EXPIRY_REMINDER)
            .count();

    f.clock.advance(
        Duration.ofDays(26).plusHours(1)); // 3 days and 23 hours left: the 3-day reminder
    assertThat(engine.planReminders()).isPositive();
    engine.extend(tg, 1, "sorry for the outage");
    f.runAllOutbox(engine);
    assertThat(
            f.notices.notices.stream()
                .filter(n -> n.telegramId() == tg)
                .filter(
                    n ->
                        n.kind() == Notice.Kind.EXPIRY_REMINDER
                            || n.kind() == Notice.Kind.ACCESS_RESTORED)
                .count())
        .isEqualTo(remindersBefore);
    // the gift still reached the panel
    Instant end = f.endsAt(tg);
    assertThat(
            Instant.parse(f.simulator.user("tg_" + tg).orElseThrow().get("expireAt").asText())
                .toEpochMilli())
        .isEqualTo(end.toEpochMilli());

    engine.registerUser(
        tg, Optional.empty(), "ru", Optional.empty()); // /start again: the bot is unblocked
    assertThat(store.users().findByTelegramId(tg).orElseThrow().blockedBotAt()).isEmpty();
    engine.extend(tg, 1, "welcome back");
    f.runAllOutbox(engine);
    assertThat(
            f.notices.notices.stream()
                .filter(n -> n.telegramId() == tg)
                .filter(n -> n.kind() == Notice.Kind.ACCESS_RESTORED)
                .count())
        .isEqualTo(1);

    assertThat(engine.markBlockedBot(tg)).isTrue();
    assertThat(engine.clearBlockedBot(tg)).isTrue();
    assertThat(store.users().findByTelegramId(tg).orElseThrow().blockedBotAt()).isEmpty();
    assertThat(engine.markBlockedBot(999_999_999L)).isFalse();
  }

  @Test
  void anAdminGiftGoesThroughTheOutboxToThePanelLikeACredit() {
    long tg = paidUser("evt_gift_");
    f.runAllOutbox(engine);
    Instant before = f.endsAt(tg);

    Subscription after = engine.extend(tg, 10, "support ticket 42");

    assertThat(after.endsAt()).isEqualTo(before.plus(Duration.ofDays(10)));
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_outbox WHERE status = 'PENDING' AND kind = 'panel.provision'"))
        .isEqualTo(1);
    f.runAllOutbox(engine);
    assertThat(
            Instant.parse(f.simulator.user("tg_" + tg).orElseThrow().get("expireAt").asText())
                .toEpochMilli())
        .isEqualTo(after.endsAt().toEpochMilli());
    assertThatThrownBy(() -> engine.extend(tg, 0, "none"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> engine.extend(EngineFixture.newTelegramId(), 1, "x"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void usersAreFoundByUsernameOrIdAndTheirRecentPaymentsListed() {
    long tg = paidUser("evt_find_");
    assertThat(engine.findUser("@User" + tg).map(ShopUser::telegramId)).hasValue(tg);
    assertThat(engine.findUser("user" + tg).map(ShopUser::telegramId)).hasValue(tg);
    assertThat(engine.findUser(Long.toString(tg)).map(ShopUser::telegramId)).hasValue(tg);
    assertThat(engine.findUser("nobody_here")).isEmpty();
    assertThat(engine.findUser("  ")).isEmpty();

    engine.purchase(PurchaseRequest.of(tg, "month", "RUB"));
    List<Payment> payments = engine.recentPayments(tg, 10);
    assertThat(payments).hasSize(2);
    assertThat(payments.get(0).status())
        .isEqualTo(io.github.remnawaveshop.core.store.PaymentStatus.PENDING);
    assertThat(payments.get(1).status())
        .isEqualTo(io.github.remnawaveshop.core.store.PaymentStatus.PAID);
    assertThat(engine.recentPayments(tg, 1)).hasSize(1);
    assertThat(engine.recentPayments(EngineFixture.newTelegramId(), 5)).isEmpty();
    assertThatThrownBy(() -> engine.recentPayments(tg, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void statisticsMatchDirectSqlCounts() {
    Instant since = f.clock.instant();
    f.clock.advance(Duration.ofSeconds(1));
    paidUser("evt_stat_");
    long trialUser = EngineFixture.newTelegramId();
    engine.registerUser(trialUser, Optional.empty(), "en", Optional.empty());
    engine.startTrial(trialUser);

    ShopStatistics s = engine.statistics(since);

    Instant now = f.clock.instant();
    String nowSql = "'" + now + "'::timestamptz";
    assertThat(s.at()).isEqualTo(now.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    assertThat(s.usersTotal()).isEqualTo(f.count("SELECT count(*) FROM shop_users"));
    assertThat(s.usersNewSince())
        .isEqualTo(
            f.count(
                "SELECT count(*) FROM shop_users WHERE created_at >= '" + since + "'::timestamptz"))
        .isGreaterThanOrEqualTo(2);
    assertThat(s.usersWithActiveSubscription())
        .isEqualTo(
            f.count(
                "SELECT count(DISTINCT user_id) FROM "
                    + "shop_subscriptions WHERE status = 'ACTIVE' AND ends_at > "
                    + nowSql));
    assertThat(s.trialsGranted())
        .isEqualTo(f.count("SELECT count(*) FROM shop_trial_grants"))
        .isPositive();
    assertThat(s.activeTrials())
        .isEqualTo(
            f.count(
                "SELECT count(*) FROM shop_subscriptions WHERE status = 'ACTIVE' "
                    + "AND trial AND ends_at > "
                    + nowSql));
    assertThat(s.revenue().get("RUB").minorUnits())
        .isEqualTo(
            f.count(
                "SELECT coalesce(sum(amount_minor), 0) FROM "
                    + "shop_payments WHERE status = 'PAID' AND currency = 'RUB' AND paid_at >= '"
                    + since
                    + "'::timestamptz"))
        .isEqualTo(29900);
    assertThat(engine.statistics(now.plus(Duration.ofDays(1))).revenue()).isEmpty();
  }
}
