package io.github.remnawaveshop.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 16 item 7: a repeated purchase (redelivered callback, double tap) opens one order, not two.
 */
@ExtendWith(ShopServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PurchaseIdempotencyTest {
  private EngineFixture f;
  private SubscriptionEngine engine;

  @BeforeAll
  void setUp(TestDatabase db) throws Exception {
    f = new EngineFixture(db, 10);
    f.plan("month", 30, 29900, "RUB");
    engine = f.engine();
  }

  @AfterAll
  void tearDown() throws Exception {
    f.close();
  }

  private long user() {
    long tg = EngineFixture.newTelegramId();
    engine.registerUser(tg, Optional.empty(), "ru", Optional.empty());
    return tg;
  }

  private long orders(long tg) {
    return f.count(
        "SELECT count(*) FROM shop_payments p JOIN shop_users u ON u.id = p.user_id WHERE u.telegram_id = "
            + tg);
  }

  @Test
  void theSameKeyReturnsTheSamePendingOrderAndCheckout() {
    long tg = user();
    PurchaseRequest tap = PurchaseRequest.of(tg, "month", "RUB").withIdempotencyKey("callback-1");

    Purchase first = engine.purchase(tap);
    Purchase again = engine.purchase(tap);

    assertThat(again.order()).isEqualTo(first.order());
    assertThat(again.checkout()).isEqualTo(first.checkout());
    assertThat(orders(tg)).isEqualTo(1);
    assertThat(engine.purchase(tap.withIdempotencyKey("callback-2")).order().paymentId())
        .isNotEqualTo(first.order().paymentId());
    assertThat(engine.purchase(PurchaseRequest.of(tg, "month", "RUB")).order().paymentId())
        .as("without a key every purchase is a new order")
        .isNotEqualTo(first.order().paymentId());
    assertThat(orders(tg)).isEqualTo(3);
  }

  @Test
  void manyConcurrentRepeatsOfOneKeyMakeOneOrder() throws Exception {
    long tg = user();
    PurchaseRequest tap = PurchaseRequest.of(tg, "month", "RUB").withIdempotencyKey("double-tap");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Purchase>> futures = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return engine.purchase(tap);
                }));
      }
      start.countDown();
      List<Long> ids = new ArrayList<>();
      for (Future<Purchase> fu : futures) {
        ids.add(fu.get(60, TimeUnit.SECONDS).order().paymentId());
      }
      assertThat(ids).containsOnly(ids.get(0));
    } finally {
      pool.shutdownNow();
    }
    assertThat(orders(tg)).isEqualTo(1);
  }

  @Test
  void aKeyWhoseOrderWasPaidIsNotReused() {
    long tg = user();
    PurchaseRequest tap = PurchaseRequest.of(tg, "month", "RUB").withIdempotencyKey("paid-key");
    Order order = engine.purchase(tap).order();
    f.deliver(
        engine,
        HmacTestGateway.body(
            "evt_idem_" + tg, "PAID", order.reference(), "pi_idem_" + tg, 29900, "RUB"));

    assertThatThrownBy(() -> engine.purchase(tap))
        .isInstanceOf(PurchaseException.class)
        .hasMessageContaining("PAID");
    assertThat(orders(tg)).isEqualTo(1);
  }
}
