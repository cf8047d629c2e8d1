package io.github.remnawaveshop.core.store;

import static io.github.remnawaveshop.core.store.StoreTestSupport.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The store's repositories outside a {@link StoreTransaction}: a call made on a thread inside
 * {@link ShopStore#inTransaction} or {@link ShopStore#tryExclusively} joins that session, whether
 * the store created its Jdbi or was given one; otherwise each call borrows a connection of its own
 * and gives it back.
 */
@ExtendWith(ShopServersExtension.class)
class PooledCallTest {
  private static final StoreTestSupport.MutableClock CLOCK = new StoreTestSupport.MutableClock(T0);
  private static TestDatabase database;
  private static ShopStore store;

  @BeforeAll
  static void migrate(TestDatabase db) {
    database = db;
    store = ShopStore.builder().dataSource(db.dataSource()).clock(CLOCK).build();
    store.migrate();
  }

  /** What a transaction writes and the store's pooled repositories then read. */
  private record Written(User user, Subscription subscription, PromoCode promo, Payment payment) {}

  private static Written write(ShopRepositories tx, String tag) {
    User u = tx.users().register(StoreTestSupport.newUser()).user();
    Plan plan =
        tx.plans()
            .create(
                NewPlan.builder()
                    .code("pooled-" + tag)
                    .title("P")
                    .durationDays(30)
                    .price(Money.of(100, "XTR"))
                    .build());
    Subscription sub =
        tx.subscriptions()
            .create(NewSubscription.active(u.id(), plan.id(), T0, T0.plus(Duration.ofDays(2))));
    PromoCode promo =
        tx.promoCodes().create(NewPromoCode.builder().code("POOLED-" + tag).bonusDays(1).build());
    Payment payment =
        tx.payments()
            .create(
                NewPayment.builder()
                    .userId(u.id())
                    .provider("stripe")
                    .externalId("pooled-" + tag)
                    .idempotencyKey("pooled-" + tag)
                    .amount(Money.of(100, "XTR"))
                    .planId(plan.id())
                    .build());
    return new Written(u, sub, promo, payment);
  }

  /** Reads everything {@link #write} wrote through {@code store}'s pooled repositories. */
  private static void assertVisible(ShopStore store, Written w, boolean visible) {
    Optional<Subscription> active = store.subscriptions().findActiveByUserId(w.user().id());
    Optional<SubscriptionView> view = store.subscriptions().viewByTelegramId(w.user().telegramId());
    Optional<PromoCode> promo =
        store.promoCodes().findByCode(w.promo().code().toLowerCase(Locale.ROOT));
    Optional<Payment> payment =
        store.payments().findByExternalId("stripe", w.payment().externalId().orElseThrow());
    List<Long> expiring = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      PageRequest request =
          cursor.map(c -> PageRequest.after(c, 1000)).orElse(PageRequest.first(1000));
      Page<Subscription> page =
          store.subscriptions().listActiveEndingBetween(T0, T0.plus(Duration.ofDays(3)), request);
      page.items().forEach(s -> expiring.add(s.id()));
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    if (visible) {
      assertThat(active).contains(w.subscription());
      assertThat(view.orElseThrow().subscription()).contains(w.subscription());
      assertThat(promo).contains(w.promo());
      assertThat(payment).contains(w.payment());
      assertThat(expiring).contains(w.subscription().id());
    } else {
      assertThat(active).isEmpty();
      assertThat(view).isEmpty();
      assertThat(promo).isEmpty();
      assertThat(payment).isEmpty();
      assertThat(expiring).doesNotContain(w.subscription().id());
    }
  }

  @Test
  void callsInsideInTransactionJoinIt() {
    Written committed =
        store.inTransaction(
            tx -> {
              Written w = write(tx, "commit");
              assertVisible(store, w, true); // uncommitted: only this transaction sees it
              return w;
            });
    assertVisible(store, committed, true);

    List<Written> rolledBack = new ArrayList<>();
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      Written w = write(tx, "rollback");
                      rolledBack.add(w);
                      assertVisible(store, w, true);
                      throw new IllegalStateException("undo");
                    }))
        .hasMessage("undo");
    assertVisible(store, rolledBack.get(0), false);
  }

  @Test
  void callsOutsideATransactionDoNotSeeAnotherThreadsUncommittedWork() throws Exception {
    Written w =
        store.inTransaction(
            tx -> {
              Written mine = write(tx, "other-thread");
              Thread reader = new Thread(() -> assertVisible(store, mine, false));
              List<Throwable> failed = new ArrayList<>();
              reader.setUncaughtExceptionHandler((t, e) -> failed.add(e));
              reader.start();
              reader.join();
              assertThat(failed).isEmpty();
              return mine;
            });
    assertVisible(store, w, true);
  }

  @Test
  void callsInsideTryExclusivelyRunOnTheLockingSession() {
    String heldHere =
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()";
    assertThat(store.tryExclusively("pooled:session", () -> count(store, heldHere))).contains(1L);
    assertThat(count(store, heldHere)).isZero();
  }

  private static long count(ShopStore store, String sql) {
    return store
        .db()
        .onConnection(
            "count",
            c -> {
              try (Statement st = c.createStatement();
                  ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
              }
            });
  }

  @Test
  void aGivenJdbiWorksAndItsOpenHandleIsJoined() {
    Jdbi jdbi = Jdbi.create(database.dataSource());
    ShopStore given = ShopStore.builder().jdbi(jdbi).clock(CLOCK).build();
    Written w = write(given, "given");
    assertVisible(given, w, true);

    List<Written> rolledBack = new ArrayList<>();
    assertThatThrownBy(
            () ->
                jdbi.useTransaction(
                    h -> {
                      Written mine = write(given, "given-handle"); // joins the open handle
                      rolledBack.add(mine);
                      assertVisible(given, mine, true);
                      throw new IllegalStateException("undo");
                    }))
        .hasMessage("undo");
    assertVisible(given, rolledBack.get(0), false);
  }

  @Test
  void everyBorrowedConnectionIsGivenBack() {
    Written w = write(store, "borrowed");
    AtomicInteger open = new AtomicInteger();
    AtomicInteger borrowed = new AtomicInteger();
    DataSource counting =
        wrap(
            database.dataSource(),
            c -> {
              borrowed.incrementAndGet();
              open.incrementAndGet();
              return (Connection)
                  Proxy.newProxyInstance(
                      PooledCallTest.class.getClassLoader(),
                      new Class<?>[] {Connection.class},
                      (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                          open.decrementAndGet();
                        }
                        try {
                          return method.invoke(c, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                          throw e.getCause();
                        }
                      });
            });
    ShopStore counted = store.toBuilder().dataSource(counting).build();
    assertVisible(counted, w, true);
    assertThat(borrowed.get()).isGreaterThanOrEqualTo(5);
    assertThat(open.get()).isZero();
    assertThatThrownBy(
            () ->
                counted
                    .db()
                    .findOne("failing", "SELECT no_such_column", new DirectQuery.Params(), rs -> 1))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("failing failed");
    assertThat(open.get()).isZero();
  }

  @Test
  void anUnreachableDatabaseIsUnavailableOnEveryPath() {
    DataSource broken =
        (DataSource)
            Proxy.newProxyInstance(
                PooledCallTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("getConnection")) {
                    throw new SQLException("connection refused");
                  }
                  return method.invoke(database.dataSource(), args);
                });
    ShopStore down = ShopStore.builder().dataSource(broken).build();
    assertThatThrownBy(() -> down.subscriptions().findById(1)) // through a Jdbi handle
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("connection refused");
    assertThatThrownBy(() -> down.subscriptions().findActiveByUserId(1)) // borrowed directly
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("find active subscription failed")
        .hasMessageContaining("connection refused");
  }

  /** A data source handing out {@code inner}'s connections through {@code wrapper}. */
  private static DataSource wrap(DataSource inner, Function<Connection, Connection> wrapper) {
    return (DataSource)
        Proxy.newProxyInstance(
            PooledCallTest.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getConnection")) {
                return wrapper.apply((Connection) method.invoke(inner, args));
              }
              return method.invoke(inner, args);
            });
  }
}
