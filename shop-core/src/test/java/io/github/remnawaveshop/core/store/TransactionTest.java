package io.github.remnawaveshop.core.store;

import static io.github.remnawaveshop.core.store.StoreTestSupport.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the subscription engine builds on: one transaction for credit + extension + outbox; workers.
 */
@ExtendWith(ShopServersExtension.class)
class TransactionTest {
  private static ShopStore store;
  private static final StoreTestSupport.MutableClock CLOCK = new StoreTestSupport.MutableClock(T0);

  @BeforeAll
  static void migrate(TestDatabase db) {
    store = ShopStore.builder().dataSource(db.dataSource()).clock(CLOCK).build();
    store.migrate();
  }

  @BeforeEach
  void resetClock() {
    CLOCK.set(T0);
  }

  /** A store on a schema of its own, for tests that count rows of a shared table. */
  private static ShopStore isolated(String schema) {
    ShopStore own = store.toBuilder().schema(schema).build();
    own.migrate();
    return own;
  }

  @Test
  void paymentCreditIsAtomicAndIdempotent() {
    ShopStore store = isolated("credit");
    User u = store.users().register(StoreTestSupport.newUser()).user();
    Plan plan =
        store
            .plans()
            .create(
                NewPlan.builder()
                    .code("tx-plan")
                    .title("T")
                    .durationDays(30)
                    .price(Money.of(100, "XTR"))
                    .build());
    Subscription sub =
        store
            .subscriptions()
            .create(NewSubscription.active(u.id(), plan.id(), T0, T0.plus(Duration.ofDays(5))));
    NewPayment stars =
        NewPayment.builder()
            .userId(u.id())
            .provider("telegram-stars")
            .externalId("charge-1")
            .idempotencyKey("tx-1")
            .amount(Money.of(100, "XTR"))
            .planId(plan.id())
            .build();
    for (int delivery = 0; delivery < 2; delivery++) {
      store.inTransaction(
          tx -> {
            Optional<Payment> recorded = tx.payments().recordPaid(stars, T0);
            if (recorded.isEmpty()) {
              return null; // redelivery: nothing to credit
            }
            Subscription locked = tx.subscriptions().lockActiveByUserId(u.id()).orElseThrow();
            tx.subscriptions().extend(locked.id(), Duration.ofDays(plan.durationDays()));
            tx.outbox()
                .enqueue(
                    NewOutboxMessage.of(
                            "panel.extend-user", "{\"subscription\":" + locked.id() + "}")
                        .withDedupeKey("extend:payment:" + recorded.get().id()));
            return null;
          });
    }
    assertThat(store.subscriptions().findById(sub.id()).orElseThrow().endsAt())
        .isEqualTo(T0.plus(Duration.ofDays(35)));
    assertThat(store.outbox().countPending()).isEqualTo(1);
  }

  @Test
  void failureRollsEverythingBack() {
    User u = store.users().register(StoreTestSupport.newUser()).user();
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.payments()
                          .create(
                              NewPayment.builder()
                                  .userId(u.id())
                                  .provider("stripe")
                                  .idempotencyKey("rb-1")
                                  .amount(Money.of(5, "EUR"))
                                  .build());
                      tx.webhookEvents().markProcessed("stripe", "evt_rb");
                      throw new IOException("provider said no");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("provider said no");
    assertThat(store.payments().findByIdempotencyKey("rb-1")).isEmpty();
    assertThat(store.webhookEvents().isProcessed("stripe", "evt_rb")).isFalse();

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.webhookEvents().markProcessed("stripe", "evt_rb2");
                      return tx.subscriptions().create(NewSubscription.active(u.id(), -1, T0, T0));
                    }))
        .isInstanceOf(ForeignKeyViolationException.class);
    assertThat(store.webhookEvents().isProcessed("stripe", "evt_rb2")).isFalse();
  }

  @Test
  void outboxClaimsSkipRowsAnotherWorkerHolds() throws Exception {
    ShopStore store = isolated("claims");
    for (int i = 0; i < 6; i++) {
      store.outbox().enqueue(NewOutboxMessage.of("claim.test", "{\"n\":" + i + "}"));
    }
    store
        .outbox()
        .enqueue(
            NewOutboxMessage.of("claim.test", "{\"later\":true}")
                .withAvailableAt(T0.plusSeconds(60)));
    CountDownLatch firstClaimed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<List<OutboxMessage>> worker1 =
        CompletableFuture.supplyAsync(
            () ->
                store.inTransaction(
                    tx -> {
                      List<OutboxMessage> mine = tx.outbox().claim(4, Duration.ofMinutes(1));
                      firstClaimed.countDown();
                      awaitQuietly(release);
                      return mine;
                    }));
    assertThat(firstClaimed.await(10, TimeUnit.SECONDS)).isTrue();
    List<OutboxMessage> worker2 = store.outbox().claim(10, Duration.ofMinutes(1));
    release.countDown();
    List<OutboxMessage> first = worker1.get(10, TimeUnit.SECONDS);
    assertThat(first).hasSize(4);
    assertThat(worker2)
        .hasSize(2)
        .extracting(OutboxMessage::id)
        .doesNotContainAnyElementsOf(first.stream().map(OutboxMessage::id).toList());
    assertThat(store.outbox().claim(10, Duration.ofMinutes(1)))
        .as("all leased, one not due")
        .isEmpty();

    OutboxMessage m = worker2.get(0);
    assertThat(m.attempts()).isEqualTo(1);
    assertThat(store.outbox().retry(m.id(), m.attempts(), T0, "panel 503")).isTrue();
    OutboxMessage again = store.outbox().claim(1, Duration.ofMinutes(1)).get(0);
    assertThat(again.id()).isEqualTo(m.id());
    assertThat(again.attempts()).isEqualTo(2);
    assertThat(again.lastError()).contains("panel 503");
    assertThat(store.outbox().complete(m.id(), 1)).as("stale lease").isFalse();
    assertThat(store.outbox().complete(m.id(), 2)).isTrue();
    assertThat(store.outbox().findById(m.id()).orElseThrow().status()).isEqualTo(OutboxStatus.DONE);

    CLOCK.advance(Duration.ofMinutes(2)); // leases of the others ran out: due again
    assertThat(store.outbox().claim(10, Duration.ofMinutes(1))).hasSize(6);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void outboxDedupeKeyMakesEnqueueIdempotent() {
    NewOutboxMessage m = NewOutboxMessage.of("dedupe.test", "{}").withDedupeKey("dedupe:1");
    assertThat(store.outbox().enqueue(m)).isPresent();
    assertThat(store.outbox().enqueue(m)).isEmpty();
  }

  @Test
  void advisoryLocksExcludeOtherTransactions() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Boolean> holder =
        CompletableFuture.supplyAsync(
            () ->
                store.inTransaction(
                    tx -> {
                      boolean taken = tx.tryAdvisoryLock("user:1");
                      held.countDown();
                      awaitQuietly(release);
                      return taken;
                    }));
    assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(store.<Boolean, RuntimeException>inTransaction(tx -> tx.tryAdvisoryLock("user:1")))
        .isFalse();
    assertThat(store.<Boolean, RuntimeException>inTransaction(tx -> tx.tryAdvisoryLock("user:2")))
        .isTrue();
    assertThat(store.tryExclusively("user:1", () -> "ran"))
        .as("session lock vs xact lock")
        .isEmpty();
    release.countDown();
    assertThat(holder.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(store.<Boolean, RuntimeException>inTransaction(tx -> tx.tryAdvisoryLock("user:1")))
        .isTrue();
    assertThat(
            store.tryExclusively(
                "user:1",
                () ->
                    CompletableFuture.supplyAsync(
                            () -> store.tryExclusively("user:1", () -> "other").isPresent())
                        .join()))
        .as("another session does not get the held lock")
        .contains(false);
    assertThat(store.tryExclusively("user:1", () -> "free again")).contains("free again");
  }

  @Test
  void promoLimitsHoldAcrossUsers() {
    store
        .promoCodes()
        .create(NewPromoCode.builder().code("TWO").bonusDays(1).maxActivations(2).build());
    User a = store.users().register(StoreTestSupport.newUser()).user();
    User b = store.users().register(StoreTestSupport.newUser()).user();
    User c = store.users().register(StoreTestSupport.newUser()).user();
    assertThat(store.promoCodes().activate("two", a.id(), Optional.empty()).outcome())
        .isEqualTo(PromoActivationResult.Outcome.ACTIVATED);
    assertThat(store.promoCodes().activate("two", b.id(), Optional.empty()).outcome())
        .isEqualTo(PromoActivationResult.Outcome.ACTIVATED);
    assertThat(store.promoCodes().activate("two", c.id(), Optional.empty()).outcome())
        .isEqualTo(PromoActivationResult.Outcome.EXHAUSTED);
    assertThat(store.promoCodes().activate("nope", c.id(), Optional.empty()).outcome())
        .isEqualTo(PromoActivationResult.Outcome.UNKNOWN_CODE);
    store
        .promoCodes()
        .create(NewPromoCode.builder().code("OLD").bonusDays(1).validUntil(T0).build());
    assertThat(store.promoCodes().activate("old", c.id(), Optional.empty()).outcome())
        .isEqualTo(PromoActivationResult.Outcome.EXPIRED);
    PromoCode thrice =
        store
            .promoCodes()
            .create(
                NewPromoCode.builder().code("THRICE").percentDiscount(5).perUserLimit(3).build());
    for (int i = 1; i <= 3; i++) {
      assertThat(
              store
                  .promoCodes()
                  .activate(thrice.id(), c.id(), Optional.empty())
                  .activation()
                  .orElseThrow()
                  .activationNo())
          .isEqualTo(i);
    }
    assertThat(store.promoCodes().activate(thrice.id(), c.id(), Optional.empty()).outcome())
        .isEqualTo(PromoActivationResult.Outcome.ALREADY_USED);
    assertThat(store.promoCodes().setActive(thrice.id(), false)).isPresent();
    assertThat(store.promoCodes().activate(thrice.id(), a.id(), Optional.empty()).outcome())
        .isEqualTo(PromoActivationResult.Outcome.INACTIVE);
  }

  @Test
  void expiryAndStatusTransitions() {
    User u = store.users().register(StoreTestSupport.newUser()).user();
    Subscription s =
        store
            .subscriptions()
            .create(NewSubscription.trial(u.id(), Optional.empty(), T0, T0.plusSeconds(10)));
    assertThat(store.subscriptions().expireEnded(T0.plusSeconds(5), 100))
        .extracting(Subscription::id)
        .doesNotContain(s.id());
    assertThat(store.subscriptions().expireEnded(T0.plusSeconds(10), 100))
        .extracting(Subscription::id)
        .contains(s.id());
    assertThat(store.subscriptions().findActiveByUserId(u.id())).isEmpty();
    assertThat(
            store
                .subscriptions()
                .transition(s.id(), SubscriptionStatus.ACTIVE, SubscriptionStatus.CANCELLED))
        .isEmpty();
    assertThat(
            store
                .subscriptions()
                .transition(s.id(), SubscriptionStatus.EXPIRED, SubscriptionStatus.ACTIVE))
        .isPresent();
  }
}
