package io.github.remnawaveshop.core.store;

import static io.github.remnawaveshop.core.store.StoreTestSupport.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ShopServersExtension.class)
class StoreRoundTripTest {
  private static ShopStore store;
  private static final StoreTestSupport.MutableClock CLOCK = new StoreTestSupport.MutableClock(T0);

  @BeforeAll
  static void migrate(TestDatabase db) {
    store = ShopStore.builder().dataSource(db.dataSource()).schema("shop").clock(CLOCK).build();
    store.migrate();
  }

  @BeforeEach
  void resetClock() {
    CLOCK.set(T0);
  }

  @Test
  void userRegistrationIsIdempotentAndRefreshesUsername() {
    NewUser nu = StoreTestSupport.newUser().withUsername("Alice");
    Registration first = store.users().register(nu);
    assertThat(first.created()).isTrue();
    assertThat(first.user().username()).contains("Alice");
    assertThat(first.user().createdAt()).isEqualTo(T0);
    CLOCK.advance(Duration.ofMinutes(1));
    Registration again = store.users().register(nu.withUsername("alice_new"));
    assertThat(again.created()).isFalse();
    assertThat(again.user().id()).isEqualTo(first.user().id());
    assertThat(again.user().username()).contains("alice_new");
    assertThat(again.user().updatedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(store.users().findByUsername("@ALICE_NEW"))
        .map(User::id)
        .contains(first.user().id());
    assertThat(store.users().findByTelegramId(nu.telegramId())).contains(again.user());
    assertThat(store.users().findByReferralCode(nu.referralCode())).contains(again.user());
    UUID panel = UUID.randomUUID();
    assertThat(
            store.users().setPanelUserUuid(first.user().id(), panel).orElseThrow().panelUserUuid())
        .contains(panel);
    assertThat(store.users().findByPanelUserUuid(panel)).map(User::id).contains(first.user().id());
    assertThat(store.users().setBanned(first.user().id(), true).orElseThrow().banned()).isTrue();
    assertThat(store.users().setLanguage(first.user().id(), "ru").orElseThrow().language())
        .isEqualTo("ru");
    assertThat(store.users().setBanned(-1, true)).isEmpty();
  }

  @Test
  void planWithPricesRoundTrips() {
    UUID squad = UUID.randomUUID();
    NewPlan content =
        NewPlan.builder()
            .code("rt-month")
            .title("Month")
            .durationDays(30)
            .trafficLimitBytes(100L << 30)
            .trafficResetStrategy(TrafficResetStrategy.MONTH)
            .deviceLimit(3)
            .internalSquads(List.of(squad))
            .price(Money.of(19900, "RUB"))
            .price(Money.of(150, "XTR"))
            .sortOrder(2)
            .build();
    Plan plan = store.plans().create(content);
    assertThat(plan.prices()).containsOnlyKeys("RUB", "XTR");
    assertThat(plan.price("XTR")).contains(Money.of(150, "XTR"));
    assertThat(plan.internalSquads()).containsExactly(squad);
    assertThat(plan.trafficResetStrategy()).isEqualTo(TrafficResetStrategy.MONTH);
    assertThat(store.plans().findByCode("rt-month")).contains(plan);
    Plan updated =
        store
            .plans()
            .update(
                plan.id(), content.toBuilder().title("Month+").price(Money.of(299, "USD")).build())
            .orElseThrow();
    assertThat(updated.title()).isEqualTo("Month+");
    assertThat(updated.prices()).containsOnlyKeys("RUB", "USD", "XTR");
    assertThat(store.plans().setActive(plan.id(), false).orElseThrow().active()).isFalse();
    assertThat(store.plans().listActive()).extracting(Plan::id).doesNotContain(plan.id());
    assertThat(store.plans().listAll()).extracting(Plan::id).contains(plan.id());
  }

  @Test
  void subscriptionViewReadsUserSubscriptionAndPlanTogether() {
    User user = store.users().register(StoreTestSupport.newUser()).user();
    SubscriptionView empty =
        store.subscriptions().viewByTelegramId(user.telegramId()).orElseThrow();
    assertThat(empty.subscription()).isEmpty();
    assertThat(empty.plan()).isEmpty();
    Plan plan =
        store
            .plans()
            .create(
                NewPlan.builder()
                    .code("rt-view")
                    .title("View")
                    .durationDays(30)
                    .price(Money.of(500, "USD"))
                    .build());
    Subscription sub =
        store
            .subscriptions()
            .create(NewSubscription.active(user.id(), plan.id(), T0, T0.plus(Duration.ofDays(30))));
    SubscriptionView view = store.subscriptions().viewByTelegramId(user.telegramId()).orElseThrow();
    assertThat(view.user()).isEqualTo(user);
    assertThat(view.subscription()).contains(sub);
    assertThat(view.plan()).contains(plan);
    assertThat(store.subscriptions().viewByUserId(user.id())).contains(view);
    assertThat(store.subscriptions().viewByTelegramId(987654321L)).isEmpty();
    assertThat(store.subscriptions().findActiveByUserId(user.id())).contains(sub);

    CLOCK.advance(Duration.ofDays(40)); // ended 10 days ago: extension starts from now
    Subscription extended =
        store.subscriptions().extend(sub.id(), Duration.ofDays(30)).orElseThrow();
    assertThat(extended.endsAt()).isEqualTo(T0.plus(Duration.ofDays(70)));
    Subscription again = store.subscriptions().extend(sub.id(), Duration.ofDays(1)).orElseThrow();
    assertThat(again.endsAt()).isEqualTo(T0.plus(Duration.ofDays(71)));
  }

  @Test
  void paymentIsCreditedOncePerProviderExternalId() {
    User user = store.users().register(StoreTestSupport.newUser()).user();
    Payment pending =
        store
            .payments()
            .create(
                NewPayment.builder()
                    .userId(user.id())
                    .provider("stripe")
                    .idempotencyKey("rt-" + user.id())
                    .amount(Money.of(999, "USD"))
                    .build());
    assertThat(pending.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(store.payments().attachExternalId(pending.id(), "cs_rt_" + user.id())).isPresent();
    Instant paidAt = T0.plusSeconds(5);
    Optional<Payment> paid = store.payments().markPaid("stripe", "cs_rt_" + user.id(), paidAt);
    assertThat(paid).map(Payment::status).contains(PaymentStatus.PAID);
    assertThat(paid.orElseThrow().paidAt()).contains(paidAt);
    assertThat(store.payments().markPaid("stripe", "cs_rt_" + user.id(), paidAt)).isEmpty();

    NewPayment stars =
        NewPayment.builder()
            .userId(user.id())
            .provider("telegram-stars")
            .externalId("ch_" + user.id())
            .idempotencyKey("stars-" + user.id())
            .amount(Money.of(150, "XTR"))
            .build();
    assertThat(store.payments().recordPaid(stars, paidAt)).isPresent();
    assertThat(store.payments().recordPaid(stars, paidAt)).isEmpty();
    assertThat(
            store
                .payments()
                .markRefunded("telegram-stars", "ch_" + user.id(), paidAt.plusSeconds(1)))
        .map(Payment::status)
        .contains(PaymentStatus.REFUNDED);
  }
}
