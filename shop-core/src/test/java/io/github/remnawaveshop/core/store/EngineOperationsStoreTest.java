package io.github.remnawaveshop.core.store;

import static io.github.remnawaveshop.core.store.StoreTestSupport.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The store operations the subscription engine is built on (issue 11), each against real
 * PostgreSQL.
 */
@ExtendWith(ShopServersExtension.class)
class EngineOperationsStoreTest {
  private static final StoreTestSupport.MutableClock CLOCK = new StoreTestSupport.MutableClock(T0);
  private static ShopStore store;
  private static TestDatabase db;

  @BeforeAll
  static void migrate(TestDatabase database) {
    db = database;
    store =
        ShopStore.builder().dataSource(db.dataSource()).schema("engine_ops").clock(CLOCK).build();
    store.migrate();
  }

  @BeforeEach
  void resetClock() {
    CLOCK.set(T0);
  }

  private static Plan plan(String code) {
    return plan(code, Money.of(500, "USD"));
  }

  private static Plan plan(String code, Money price) {
    return store
        .plans()
        .create(NewPlan.builder().code(code).title("P").durationDays(30).price(price).build());
  }

  @Test
  void creditExtendsFromTheLaterOfNowAndTheEndOrOpensOneAndTakeBackNeverGoesBelowNow() {
    User u = store.users().register(StoreTestSupport.newUser()).user();
    Plan p = plan("ops-credit");
    Subscription opened =
        store.inTransaction(
            tx -> {
              tx.users().lockByIds(u.id());
              return tx.subscriptions().credit(u.id(), Optional.of(p.id()), 30, false);
            });
    assertThat(opened.startsAt()).isEqualTo(T0);
    assertThat(opened.endsAt()).isEqualTo(T0.plus(Duration.ofDays(30)));
    assertThat(opened.planId()).hasValue(p.id());

    CLOCK.set(T0.plus(Duration.ofDays(10)));
    Subscription extended = store.subscriptions().credit(u.id(), Optional.empty(), 5, false);
    assertThat(extended.id()).isEqualTo(opened.id());
    assertThat(extended.endsAt()).isEqualTo(T0.plus(Duration.ofDays(35)));
    assertThat(extended.planId()).hasValue(p.id());

    CLOCK.set(T0.plus(Duration.ofDays(40)));
    Subscription afterEnd = store.subscriptions().credit(u.id(), Optional.empty(), 1, false);
    assertThat(afterEnd.endsAt()).isEqualTo(T0.plus(Duration.ofDays(41)));

    Subscription back = store.subscriptions().takeBack(u.id(), 100).orElseThrow();
    assertThat(back.endsAt()).isEqualTo(T0.plus(Duration.ofDays(40)));
    assertThat(back.status()).isEqualTo(SubscriptionStatus.EXPIRED);
    assertThat(store.subscriptions().takeBack(u.id(), 1)).isEmpty();
    assertThat(store.subscriptions().findLatestByUserId(u.id()).map(Subscription::id))
        .hasValue(opened.id());
  }

  @Test
  void creditPlanConvertsTimeLeftOnAnotherPlanByTheRatioOfDailyPrices() {
    User u = store.users().register(StoreTestSupport.newUser()).user();
    Plan cheap =
        store
            .plans()
            .create(
                NewPlan.builder()
                    .code("ops-cheap")
                    .title("C")
                    .durationDays(10)
                    .price(Money.of(100, "USD"))
                    .build()); // 10 per day
    Plan dear =
        store
            .plans()
            .create(
                NewPlan.builder()
                    .code("ops-dear")
                    .title("D")
                    .durationDays(10)
                    .price(Money.of(200, "USD"))
                    .build()); // 20 per day
    store.subscriptions().creditPlan(u.id(), cheap.id(), 10, "USD");
    Subscription up = store.subscriptions().creditPlan(u.id(), dear.id(), 10, "USD");
    assertThat(up.endsAt()).isEqualTo(T0.plus(Duration.ofDays(15)));
    assertThat(up.planId()).hasValue(dear.id());
    Subscription again = store.subscriptions().creditPlan(u.id(), dear.id(), 10, "USD");
    assertThat(again.endsAt())
        .as("the same plan just extends")
        .isEqualTo(T0.plus(Duration.ofDays(25)));
    Subscription noPrice = store.subscriptions().creditPlan(u.id(), cheap.id(), 10, "EUR");
    assertThat(noPrice.endsAt())
        .as("no price in EUR: time kept as it is")
        .isEqualTo(T0.plus(Duration.ofDays(35)));
  }

  @Test
  void aTrialIsRecordedOncePerUser() {
    User u = store.users().register(StoreTestSupport.newUser()).user();
    assertThat(store.subscriptions().recordTrial(u.id(), 3)).isTrue();
    assertThat(store.subscriptions().recordTrial(u.id(), 3)).isFalse();
  }

  @Test
  void renewalsDueAreActiveAutoRenewingPlannedSubscriptionsEndingInTheWindow() {
    User u = store.users().register(StoreTestSupport.newUser()).user();
    Plan p = plan("ops-renew");
    Subscription s = store.subscriptions().credit(u.id(), Optional.of(p.id()), 1, false);
    assertThat(store.subscriptions().listRenewalsDue(T0, T0.plus(Duration.ofDays(2)), 10))
        .isEmpty();
    Subscription renewing =
        store.subscriptions().setRenewal(s.id(), "testpay", "sub_1").orElseThrow();
    assertThat(renewing.autoRenew()).isTrue();
    assertThat(renewing.renewalProvider()).hasValue("testpay");
    assertThat(renewing.renewalReference()).hasValue("sub_1");
    assertThat(store.subscriptions().listRenewalsDue(T0, T0.plus(Duration.ofDays(2)), 10))
        .extracting(Subscription::id)
        .contains(s.id());
    assertThat(
            store
                .subscriptions()
                .listRenewalsDue(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)), 10))
        .extracting(Subscription::id)
        .doesNotContain(s.id());
    List<UserSubscription> latest = store.subscriptions().listLatestEndingAfter(T0, u.id() - 1, 10);
    assertThat(latest.get(0).user().id()).isEqualTo(u.id());
    assertThat(latest.get(0).subscription().id()).isEqualTo(s.id());
  }

  @Test
  void accountLocksQueueTwoTransactionsOfOneUserInIdOrderWithoutWritingTheRows() throws Exception {
    User a = store.users().register(StoreTestSupport.newUser()).user();
    User b = store.users().register(StoreTestSupport.newUser()).user();
    Both<List<User>, List<User>> both =
        secondWaitsForFirst(
            tx -> tx.users().lockAccounts(b.id(), a.id(), b.id()),
            tx -> tx.users().lockAccounts(a.id()));
    assertThat(both.first())
        .extracting(User::id)
        .containsExactly(Math.min(a.id(), b.id()), Math.max(a.id(), b.id()));
    assertThat(both.second()).extracting(User::id).containsExactly(a.id());
    // nothing was written to the rows: a row lock (lockByIds) leaves its transaction id in xmax
    assertThat(xmax(a.id())).isEqualTo("0");
    store.inTransaction(tx -> tx.users().lockByIds(a.id()));
    assertThat(xmax(a.id())).isNotEqualTo("0");
  }

  /** A pending order of 5.00 USD through {@code testpay}. */
  private static Payment pendingOrder(User u, String idempotencyKey) {
    return store
        .payments()
        .create(
            NewPayment.builder()
                .userId(u.id())
                .provider("testpay")
                .idempotencyKey(idempotencyKey)
                .amount(Money.of(500, "USD"))
                .build());
  }

  private record Both<A, B>(A first, B second) {}

  /**
   * Runs {@code first} in a transaction kept open, starts {@code second} in another and checks that
   * it has not come back while the first holds its locks, then ends the first and returns both
   * results.
   */
  private static <A, B> Both<A, B> secondWaitsForFirst(
      StoreCallback<A, RuntimeException> first, StoreCallback<B, RuntimeException> second)
      throws Exception {
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var one =
          pool.submit(
              () ->
                  store.inTransaction(
                      tx -> {
                        A locked = first.apply(tx);
                        held.countDown();
                        release.await();
                        return locked;
                      }));
      assertThat(held.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      var two = pool.submit(() -> store.inTransaction(second));
      assertThatThrownBy(() -> two.get(300, java.util.concurrent.TimeUnit.MILLISECONDS))
          .as("the second waits for the first's lock")
          .isInstanceOf(java.util.concurrent.TimeoutException.class);
      release.countDown();
      return new Both<>(
          one.get(10, java.util.concurrent.TimeUnit.SECONDS),
          two.get(10, java.util.concurrent.TimeUnit.SECONDS));
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  private String xmax(long userId) {
    return org.jdbi.v3.core.Jdbi.create(db.dataSource())
        .withHandle(
            h ->
                h.createQuery("SELECT xmax::text FROM engine_ops.shop_users WHERE id = :id")
                    .bind("id", userId)
                    .mapTo(String.class)
                    .one());
  }

  @Test
  void lockingAnOrderForCreditAlsoTakesItsPayersAccountLock() throws Exception {
    User u = store.users().register(StoreTestSupport.newUser()).user();
    Payment order = pendingOrder(u, "ops-lock-" + u.id());
    // the account lock is held by the first transaction: the second waits until it ends
    Both<LockedPayment, List<User>> both =
        secondWaitsForFirst(
            tx ->
                tx.payments()
                    .lockForCredit(order.idempotencyKey(), "testpay", "pi-lock-" + u.id())
                    .orElseThrow(),
            tx -> tx.users().lockAccounts(u.id()));
    assertThat(both.first().payer()).isEqualTo(u);
    assertThat(both.first().payment().id()).isEqualTo(order.id());
    assertThat(both.second()).extracting(User::id).containsExactly(u.id());
  }

  @Test
  void aNewDeliveryIsRememberedAndLocksItsOrderAndARedeliveryLocksNothing() throws Exception {
    User u = store.users().register(StoreTestSupport.newUser()).user();
    Payment order = pendingOrder(u, "ops-delivery-" + u.id());
    String event = "evt-delivery-" + u.id();
    // the first delivery locks the order and its payer's account: a second transaction waits for it
    Both<CreditLock, List<User>> both =
        secondWaitsForFirst(
            tx ->
                tx.payments()
                    .recordDeliveryAndLockForCredit(
                        "testpay", event, order.idempotencyKey(), "pi-d-" + u.id()),
            tx -> tx.users().lockAccounts(u.id()));
    assertThat(both.first().firstDelivery()).isTrue();
    assertThat(both.first().order().orElseThrow().payment().id()).isEqualTo(order.id());
    assertThat(both.first().order().orElseThrow().payer()).isEqualTo(u);
    assertThat(store.webhookEvents().isProcessed("testpay", event)).isTrue();

    CreditLock again =
        store
            .payments()
            .recordDeliveryAndLockForCredit(
                "testpay", event, order.idempotencyKey(), "pi-d-" + u.id());
    assertThat(again.firstDelivery()).as("a redelivery").isFalse();
    assertThat(again.order()).isEmpty();

    CreditLock unknown =
        store
            .payments()
            .recordDeliveryAndLockForCredit("testpay", event + "-2", "no-such-order", "pi-x");
    assertThat(unknown.firstDelivery()).isTrue();
    assertThat(unknown.order()).isEmpty();
    assertThatThrownBy(
            () ->
                store
                    .payments()
                    .recordDeliveryAndLockForCredit(
                        "testpay", "", order.idempotencyKey(), "pi-d-" + u.id()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eventId");
  }

  @Test
  void markingPaidWithAJobAddsTheJobOnlyWhenThePaymentChanged() {
    User u = store.users().register(StoreTestSupport.newUser()).user();
    Payment order = pendingOrder(u, "ops-job-" + u.id());
    NewOutboxMessage job =
        NewOutboxMessage.of("test.job", "{\"userId\":" + u.id() + "}")
            .withDedupeKey("ops-job:" + order.id());
    Payment paid =
        store
            .payments()
            .markPaid(order.id(), "pi-job-" + u.id(), CLOCK.instant(), 30, job)
            .orElseThrow();
    assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(paid.creditedDays()).hasValue(30);
    assertThat(jobs("ops-job:" + order.id())).isEqualTo(1);

    NewOutboxMessage other = job.withDedupeKey("ops-job-again:" + order.id());
    assertThat(
            store.payments().markPaid(order.id(), "pi-job-" + u.id(), CLOCK.instant(), 30, other))
        .as("already paid: nothing changes")
        .isEmpty();
    assertThat(jobs("ops-job-again:" + order.id())).as("and no job is added").isZero();
    assertThat(
            store
                .payments()
                .markPaid(order.id() + 1_000_000, "pi-job-x", CLOCK.instant(), 30, other))
        .isEmpty();
    assertThat(jobs("ops-job-again:" + order.id())).isZero();
    assertThatThrownBy(
            () ->
                store.payments().markPaid(order.id(), "pi-job-" + u.id(), CLOCK.instant(), -1, job))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void payingAndCreditingAPlanInOneStatementWritesAllThreeOrNothing() {
    User u = store.users().register(StoreTestSupport.newUser()).user();
    // in GBP, so that the revenue summed by another test of this schema does not see it
    Plan cheap = plan("ops-paid-cheap", Money.of(500, "GBP"));
    store.subscriptions().creditPlan(u.id(), cheap.id(), 10, "GBP");
    Plan p = plan("ops-paid-dear", Money.of(1000, "GBP"));
    Payment order =
        store
            .payments()
            .create(
                NewPayment.builder()
                    .userId(u.id())
                    .provider("testpay")
                    .idempotencyKey("ops-paid-" + u.id())
                    .amount(Money.of(1000, "GBP"))
                    .planId(p.id())
                    .build());
    NewOutboxMessage job =
        NewOutboxMessage.of("test.job", "{\"userId\":" + u.id() + "}")
            .withDedupeKey("ops-paid:" + order.id());
    CLOCK.set(T0.plus(Duration.ofSeconds(1, 123_456_000)));
    PaidCredit credit =
        store
            .inTransaction(
                tx ->
                    tx.payments()
                        .markPaidAndCreditPlan(
                            order.id(), "pi-paid-" + u.id(), CLOCK.instant(), 32, job, "endsAt"))
            .orElseThrow();
    assertThat(credit.payment().status()).isEqualTo(PaymentStatus.PAID);
    assertThat(credit.payment().creditedDays()).hasValue(32);
    assertThat(credit.payment().externalId()).hasValue("pi-paid-" + u.id());
    // the time left on a plan of half the daily price counts half as long on the bought plan (the
    // rule of creditPlan), then the 32 days are added
    Instant left = T0.plus(Duration.ofDays(10));
    double ratio = (500.0 / 30) / (1000.0 / 30);
    Instant expected =
        CLOCK
            .instant()
            .plus(
                Duration.ofNanos(
                    Math.round(Duration.between(CLOCK.instant(), left).toNanos() * ratio / 1000.0)
                        * 1000))
            .plus(Duration.ofDays(32));
    assertThat(credit.subscription().planId()).hasValue(p.id());
    assertThat(Duration.between(expected, credit.subscription().endsAt()).abs())
        .isLessThan(Duration.ofMillis(1));
    assertThat(store.subscriptions().findActiveByUserId(u.id()).orElseThrow().endsAt())
        .isEqualTo(credit.subscription().endsAt());
    String payload = payload("ops-paid:" + order.id());
    assertThat(payload).contains("\"userId\": " + u.id());
    java.util.regex.Matcher end =
        java.util.regex.Pattern.compile("\"endsAt\": \"([^\"]+)\"").matcher(payload);
    assertThat(end.find()).as(payload).isTrue();
    assertThat(Instant.parse(end.group(1))).isEqualTo(credit.subscription().endsAt());

    Subscription before = store.subscriptions().findActiveByUserId(u.id()).orElseThrow();
    NewOutboxMessage other = job.withDedupeKey("ops-paid-again:" + order.id());
    assertThat(
            store
                .payments()
                .markPaidAndCreditPlan(
                    order.id(), "pi-paid-" + u.id(), CLOCK.instant(), 32, other, "endsAt"))
        .as("already paid: nothing is written")
        .isEmpty();
    assertThat(store.subscriptions().findActiveByUserId(u.id()).orElseThrow()).isEqualTo(before);
    assertThat(jobs("ops-paid-again:" + order.id())).isZero();

    Payment noPlan = pendingOrder(u, "ops-paid-noplan-" + u.id());
    assertThat(
            store
                .payments()
                .markPaidAndCreditPlan(
                    noPlan.id(), "pi-paid-np-" + u.id(), CLOCK.instant(), 5, other, "endsAt"))
        .as("an order without a plan is not this operation's")
        .isEmpty();
    assertThat(store.payments().findById(noPlan.id()).orElseThrow().status())
        .isEqualTo(PaymentStatus.PENDING);
    assertThat(store.subscriptions().findActiveByUserId(u.id()).orElseThrow()).isEqualTo(before);

    assertThatThrownBy(
            () ->
                store
                    .payments()
                    .markPaidAndCreditPlan(
                        noPlan.id(), "pi-x", CLOCK.instant(), 36601, other, "endsAt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("36601");
    assertThatThrownBy(
            () ->
                store
                    .payments()
                    .markPaidAndCreditPlan(
                        noPlan.id(),
                        "pi-x",
                        CLOCK.instant(),
                        1,
                        NewOutboxMessage.of("test.job", "[1]"),
                        "endsAt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JSON object");
  }

  private String payload(String dedupeKey) {
    return org.jdbi.v3.core.Jdbi.create(db.dataSource())
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT payload::text FROM engine_ops.shop_outbox WHERE dedupe_key = :k")
                    .bind("k", dedupeKey)
                    .mapTo(String.class)
                    .one());
  }

  private long jobs(String dedupeKey) {
    return org.jdbi.v3.core.Jdbi.create(db.dataSource())
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM engine_ops.shop_outbox WHERE dedupe_key = :k")
                    .bind("k", dedupeKey)
                    .mapTo(Long.class)
                    .one());
  }

  @Test
  void usersAreLockedLinkedToTheirPanelIdAndMarkedWhenTheyBlockTheBot() {
    User a = store.users().register(StoreTestSupport.newUser()).user();
    User b = store.users().register(StoreTestSupport.newUser()).user();
    List<User> locked = store.inTransaction(tx -> tx.users().lockByIds(b.id(), a.id()));
    assertThat(locked)
        .extracting(User::id)
        .containsExactly(Math.min(a.id(), b.id()), Math.max(a.id(), b.id()));

    assertThat(store.users().setPanelUserId(a.id(), "1042").orElseThrow().panelUserId())
        .hasValue("1042");
    assertThat(store.users().findByPanelUserId("1042").map(User::id)).hasValue(a.id());
    java.util.UUID uuid = java.util.UUID.randomUUID();
    User v2 = store.users().setPanelUserId(b.id(), uuid.toString()).orElseThrow();
    assertThat(v2.panelUserUuid()).hasValue(uuid);
    assertThat(store.users().findByPanelUserUuid(uuid).map(User::id)).hasValue(b.id());

    CLOCK.set(T0.plus(Duration.ofHours(1)));
    assertThat(
            store
                .users()
                .markBlockedBot(a.telegramId(), CLOCK.instant())
                .orElseThrow()
                .blockedBotAt())
        .hasValue(T0.plus(Duration.ofHours(1)));
    assertThat(
            store
                .users()
                .markBlockedBot(a.telegramId(), T0.plus(Duration.ofHours(2)))
                .orElseThrow()
                .blockedBotAt())
        .as("the first time is kept")
        .hasValue(T0.plus(Duration.ofHours(1)));
    User refreshed =
        store.users().updateProfile(a.id(), Optional.of("newname"), "ru").orElseThrow();
    assertThat(refreshed.blockedBotAt()).isEmpty();
    assertThat(refreshed.username()).hasValue("newname");
    assertThat(refreshed.language()).isEqualTo("ru");
    store.users().markBlockedBot(a.telegramId(), CLOCK.instant());
    assertThat(store.users().clearBlockedBot(a.telegramId()).orElseThrow().blockedBotAt())
        .isEmpty();
  }

  @Test
  void paymentsAreLockedCreditedAndSummedPerCurrency() {
    User u = store.users().register(StoreTestSupport.newUser()).user();
    Plan p = plan("ops-pay");
    Instant since = CLOCK.instant();
    Payment first =
        store
            .payments()
            .create(
                NewPayment.builder()
                    .userId(u.id())
                    .provider("testpay")
                    .idempotencyKey("ops-pay-1-" + u.id())
                    .amount(Money.of(500, "USD"))
                    .planId(p.id())
                    .build());
    Payment paid =
        store.inTransaction(
            tx -> {
              Payment locked =
                  tx.payments().lockByIdempotencyKey(first.idempotencyKey()).orElseThrow();
              return tx.payments()
                  .markPaid(locked.id(), "pi-ops-" + u.id(), CLOCK.instant())
                  .orElseThrow();
            });
    assertThat(store.payments().lockByExternalId("testpay", "pi-ops-" + u.id()).map(Payment::id))
        .hasValue(first.id());
    assertThat(store.payments().setCreditedDays(paid.id(), 30).orElseThrow().creditedDays())
        .hasValue(30);
    assertThat(store.payments().hasOtherPaid(u.id(), paid.id())).isFalse();
    assertThat(store.payments().lastPaidPlanPrice(u.id(), p.id())).hasValue(Money.of(500, "USD"));

    Payment pending =
        store
            .payments()
            .create(
                NewPayment.builder()
                    .userId(u.id())
                    .provider("testpay")
                    .idempotencyKey("ops-pay-2-" + u.id())
                    .amount(Money.of(700, "EUR"))
                    .build());
    LockedPayment forCredit =
        store
            .inTransaction(
                tx ->
                    tx.payments()
                        .lockForCredit(pending.idempotencyKey(), "testpay", "pi-ops-" + u.id()))
            .orElseThrow();
    assertThat(forCredit.payment().id()).isEqualTo(pending.id());
    assertThat(forCredit.externalIdTaken()).as("held by the first payment").isTrue();
    assertThat(forCredit.planDurationDays()).isEmpty();
    LockedPayment firstAgain =
        store
            .payments()
            .lockForCredit(first.idempotencyKey(), "testpay", "pi-ops-" + u.id())
            .orElseThrow();
    assertThat(firstAgain.externalIdTaken()).as("its own id is not taken by another").isFalse();
    assertThat(firstAgain.planDurationDays()).hasValue(30);
    assertThat(firstAgain.payer().id()).isEqualTo(u.id());
    assertThat(store.payments().lockForCredit("no-such-order", "testpay", "x")).isEmpty();
    assertThat(store.payments().hasOtherPaid(u.id(), pending.id())).isTrue();
    assertThat(store.payments().markCancelled(pending.idempotencyKey()).map(Payment::status))
        .hasValue(PaymentStatus.CANCELLED);
    assertThat(store.payments().markCancelled(pending.idempotencyKey())).isEmpty();
    assertThat(store.payments().revenueSince(since))
        .contains(Money.of(500, "USD"))
        .noneMatch(m -> m.currency().equals("EUR"));
  }

  @Test
  void claimsCanBeLimitedToKindsAndToJobsDueAtTheStartOfARun() {
    NewOutboxMessage mine = NewOutboxMessage.of("ops.mine", "{}");
    OutboxMessage a = store.outbox().enqueue(mine).orElseThrow();
    OutboxMessage other =
        store.outbox().enqueue(NewOutboxMessage.of("ops.other", "{}")).orElseThrow();
    OutboxMessage later =
        store.outbox().enqueue(mine.withAvailableAt(T0.plusSeconds(10))).orElseThrow();
    CLOCK.set(T0.plusSeconds(20));

    List<OutboxMessage> claimed =
        store.outbox().claim(Set.of("ops.mine"), T0.plusSeconds(5), 10, Duration.ofMinutes(1));

    assertThat(claimed).extracting(OutboxMessage::id).containsExactly(a.id());
    assertThat(claimed.get(0).attempts()).isEqualTo(1);
    assertThat(store.outbox().findById(other.id()).orElseThrow().attempts()).isZero();
    assertThat(store.outbox().claim(Set.of("ops.mine"), CLOCK.instant(), 10, Duration.ofMinutes(1)))
        .extracting(OutboxMessage::id)
        .containsExactly(later.id());
  }

  @Test
  void userStatisticsCountInOneQuery() {
    Instant since = T0.plus(Duration.ofDays(100));
    CLOCK.set(since);
    long totalBefore = store.users().count();
    User fresh = store.users().register(StoreTestSupport.newUser()).user();
    store.subscriptions().credit(fresh.id(), Optional.empty(), 3, true);
    store.subscriptions().recordTrial(fresh.id(), 3);

    UserStatistics s = store.users().statistics(since, since.plusSeconds(1));

    assertThat(s.total()).isEqualTo(totalBefore + 1);
    assertThat(s.newSince()).isEqualTo(1);
    assertThat(s.withActiveSubscription()).isGreaterThanOrEqualTo(1);
    assertThat(s.activeTrials()).isGreaterThanOrEqualTo(1);
    assertThat(s.trialsGranted()).isGreaterThanOrEqualTo(1);
  }
}
