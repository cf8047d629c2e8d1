package io.github.remnawaveshop.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The examples of docs/store.md, compiled and run. */
@ExtendWith(ShopServersExtension.class)
class StoreDocExampleTest {

  @Test
  void quickStart(TestDatabase db) {
    DataSource dataSource = db.dataSource();
    long telegramId = 42;
    Instant paidAt = Instant.parse("2026-01-01T12:00:00Z");

    // --- docs/store.md: quick start ---
    ShopStore store =
        ShopStore.builder()
            .dataSource(dataSource) // a pool in production (HikariCP); never closed by the store
            .schema("shop") // default "public"; created when missing
            .build();
    MigrationResult migration = store.migrate(); // idempotent: run at every start
    System.out.println(
        "schema "
            + migration.schema()
            + " at "
            + migration.currentVersion()
            + ", applied "
            + migration.applied());

    Plan month =
        store
            .plans()
            .create(
                NewPlan.builder()
                    .code("month")
                    .title("1 month")
                    .durationDays(30)
                    .price(Money.of(19900, "RUB"))
                    .price(Money.of(150, "XTR")) // Telegram Stars
                    .build());
    User user = store.users().register(NewUser.of(telegramId, "en", "Ab3xY9")).user();
    store
        .subscriptions()
        .create(
            NewSubscription.trial(
                user.id(), Optional.of(month.id()), paidAt, paidAt.plus(Duration.ofDays(3))));

    // "my subscription": user + active subscription + plan in one query
    SubscriptionView view = store.subscriptions().viewByTelegramId(telegramId).orElseThrow();
    // --- end ---
    assertThat(view.plan()).contains(month);

    // --- docs/store.md: crediting a payment ---
    NewPayment payment =
        NewPayment.builder()
            .userId(user.id())
            .provider("telegram-stars")
            .externalId("charge-123")
            .idempotencyKey("order-77")
            .amount(Money.of(150, "XTR"))
            .planId(month.id())
            .build();
    boolean credited =
        store.inTransaction(
            tx -> {
              Optional<Payment> recorded = tx.payments().recordPaid(payment, paidAt);
              if (recorded.isEmpty()) {
                return false; // redelivery: already credited
              }
              Subscription active = tx.subscriptions().lockActiveByUserId(user.id()).orElseThrow();
              tx.subscriptions().extend(active.id(), Duration.ofDays(month.durationDays()));
              tx.outbox()
                  .enqueue(
                      NewOutboxMessage.of(
                              "panel.extend-user", "{\"subscriptionId\":" + active.id() + "}")
                          .withDedupeKey("extend:payment:" + recorded.get().id()));
              return true;
            });
    // --- end ---
    assertThat(credited).isTrue();
    assertThat(
            store.<Boolean, RuntimeException>inTransaction(
                tx -> tx.payments().recordPaid(payment, paidAt).isPresent()))
        .isFalse();

    // --- docs/store.md: outbox worker ---
    for (OutboxMessage job : store.outbox().claim(10, Duration.ofMinutes(1))) {
      try {
        // ... call the panel with job.payloadJson() ...
        store.outbox().complete(job.id(), job.attempts());
      } catch (RuntimeException e) {
        store
            .outbox()
            .retry(
                job.id(),
                job.attempts(),
                Instant.now().plusSeconds(30),
                e.getClass().getSimpleName());
      }
    }
    // --- end ---
    assertThat(store.outbox().countPending()).isZero();

    // --- docs/store.md: keyset pagination ---
    Page<User> page = store.users().list(PageRequest.first(50));
    while (page.hasNext()) {
      page = store.users().list(PageRequest.after(page.nextCursor().orElseThrow(), 50));
    }
    // --- end ---
    assertThat(page.items()).isNotEmpty();
  }
}
