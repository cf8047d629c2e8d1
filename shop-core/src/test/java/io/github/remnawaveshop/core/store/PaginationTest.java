package io.github.remnawaveshop.core.store;

import static io.github.remnawaveshop.core.store.StoreTestSupport.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Keyset pagination over thousands of rows: every row once, in order, whatever the page size. */
@ExtendWith(ShopServersExtension.class)
class PaginationTest {
  private static final int USERS = 3000;
  private static ShopStore store;

  @BeforeAll
  static void seed(TestDatabase db) {
    store =
        ShopStore.builder()
            .dataSource(db.dataSource())
            .clock(new StoreTestSupport.MutableClock(T0))
            .build();
    store.migrate();
    store
        .db()
        .with(
            "seed",
            h -> {
              h.execute(
                  store
                      .db()
                      .sql(
                          "INSERT INTO {s}.shop_users (telegram_id, language, referral_code, created_at, updated_at)"
                              + " SELECT 500000 + g, 'en', 'page' || g, now(), now() FROM generate_series(1, "
                              + USERS
                              + ") g"));
              // ends_at repeats every 7 rows: ties that an (ends_at)-only keyset would skip or
              // repeat
              h.execute(
                  store
                      .db()
                      .sql(
                          "INSERT INTO {s}.shop_subscriptions (user_id, status, starts_at, ends_at, created_at, updated_at)"
                              + " SELECT u.id, CASE WHEN u.id % 5 = 0 THEN 'EXPIRED' ELSE 'ACTIVE' END, TIMESTAMPTZ '2026-01-01 00:00Z',"
                              + " TIMESTAMPTZ '2026-01-01 00:00Z' + (u.id / 7) * interval '1 minute', now(), now() FROM {s}.shop_users u"));
              h.execute(
                  store
                      .db()
                      .sql(
                          "INSERT INTO {s}.shop_payments (user_id, provider, idempotency_key, amount_minor, currency,"
                              + " status, created_at) SELECT u.id, 'stripe', 'pg-' || u.id || '-' || k, 100, 'USD', 'PENDING',"
                              + " TIMESTAMPTZ '2026-01-01 00:00Z' + (u.id / 3) * interval '1 second'"
                              + " FROM {s}.shop_users u, generate_series(1, 2) k"));
              return null;
            });
  }

  private static <T> List<T> walk(Function<PageRequest, Page<T>> list, int size) {
    List<T> all = new ArrayList<>();
    PageRequest request = PageRequest.first(size);
    for (int pages = 0; pages < 10_000; pages++) {
      Page<T> page = list.apply(request);
      assertThat(page.items().size()).isLessThanOrEqualTo(size);
      all.addAll(page.items());
      if (page.nextCursor().isEmpty()) {
        return all;
      }
      assertThat(page.nextCursor().get().length())
          .as("fits Telegram callback data")
          .isLessThanOrEqualTo(40);
      request = PageRequest.after(page.nextCursor().get(), size);
    }
    throw new AssertionError("pagination did not end");
  }

  @Test
  void usersNewestFirstEveryRowOnce() {
    List<User> users = walk(store.users()::list, 128);
    assertThat(users).hasSize(USERS);
    assertThat(users).extracting(User::id).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(new HashSet<>(users.stream().map(User::id).toList())).hasSize(USERS);
  }

  @Test
  void expiringSubscriptionsWithTiedEndTimes() {
    Instant from = T0.plus(Duration.ofMinutes(10));
    Instant to = T0.plus(Duration.ofMinutes(300));
    List<Subscription> subs =
        walk(r -> store.subscriptions().listActiveEndingBetween(from, to, r), 100);
    long expected =
        store
            .db()
            .with(
                "count",
                h ->
                    h.createQuery(
                            store
                                .db()
                                .sql(
                                    "SELECT count(*) FROM {s}.shop_subscriptions"
                                        + " WHERE status = 'ACTIVE' AND ends_at >= :f AND ends_at < :t"))
                        .bind("f", Db.ts(from))
                        .bind("t", Db.ts(to))
                        .mapTo(Long.class)
                        .one());
    assertThat(subs).hasSize((int) expected).isNotEmpty();
    assertThat(subs)
        .allMatch(
            s ->
                s.status() == SubscriptionStatus.ACTIVE
                    && !s.endsAt().isBefore(from)
                    && s.endsAt().isBefore(to));
    Set<Long> ids = new HashSet<>();
    Subscription previous = null;
    for (Subscription s : subs) {
      assertThat(ids.add(s.id())).isTrue();
      if (previous != null) {
        assertThat(
                s.endsAt().isAfter(previous.endsAt())
                    || (s.endsAt().equals(previous.endsAt()) && s.id() > previous.id()))
            .isTrue();
      }
      previous = s;
    }
  }

  @Test
  void paymentsByTimeAndByUser() {
    List<Payment> all =
        walk(
            r -> store.payments().listCreatedBetween(Instant.EPOCH, T0.plus(Duration.ofDays(1)), r),
            333);
    assertThat(all).hasSize(USERS * 2);
    assertThat(new HashSet<>(all.stream().map(Payment::id).toList())).hasSize(USERS * 2);
    long userId = all.get(0).userId();
    assertThat(walk(r -> store.payments().listByUser(userId, r), 1)).hasSize(2);
  }

  @Test
  void foreignCursorsAreRejected() {
    assertThatThrownBy(() -> store.users().list(PageRequest.after("t123.4", 10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cursor");
    assertThatThrownBy(
            () ->
                store.subscriptions().listActiveEndingBetween(T0, T0, PageRequest.after("i5", 10)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PageRequest.first(1001)).hasMessageContaining("size");
  }
}
