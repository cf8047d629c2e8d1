package io.github.remnawaveshop.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.panel.CreateUserRequest;
import io.github.remnawaveshop.core.payment.WebhookReply;
import io.github.remnawaveshop.core.store.OutboxMessage;
import io.github.remnawaveshop.core.store.ShopStore;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * Money credited exactly once and access never lost, on real PostgreSQL and the panel simulator.
 */
@ExtendWith(ShopServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentReliabilityTest {
  private EngineFixture f;
  private SubscriptionEngine engine;
  private TestDatabase db;

  @BeforeAll
  void setUp(TestDatabase db) throws Exception {
    this.db = db;
    f = new EngineFixture(db, 10);
    f.plan("month", 30, 29900, "RUB");
    engine = f.engine();
  }

  @AfterAll
  void tearDown() throws Exception {
    f.close();
  }

  private Order order(long telegramId) {
    engine.registerUser(telegramId, Optional.empty(), "ru", Optional.empty());
    return engine.purchase(PurchaseRequest.of(telegramId, "month", "RUB")).order();
  }

  private static List<WebhookReply> concurrently(
      int n, java.util.function.IntFunction<WebhookReply> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<WebhookReply>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.apply(k);
                }));
      }
      start.countDown();
      List<WebhookReply> replies = new ArrayList<>();
      for (Future<WebhookReply> fu : futures) {
        replies.add(fu.get(60, TimeUnit.SECONDS));
      }
      return replies;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoHundredConcurrentDeliveriesOfOnePaidEventCreditOnce() throws Exception {
    long tg = EngineFixture.newTelegramId();
    Order order = order(tg);
    Instant before = f.clock.instant();
    byte[] body =
        HmacTestGateway.body("evt_same_1", "PAID", order.reference(), "pi_same_1", 29900, "RUB");

    List<WebhookReply> replies = concurrently(200, i -> f.deliver(engine, body));

    assertThat(replies).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_payments WHERE status = 'PAID' AND external_id = 'pi_same_1'"))
        .isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM shop_webhook_events WHERE event_id = 'evt_same_1'"))
        .isEqualTo(1);
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_outbox WHERE dedupe_key = 'provision:payment:"
                    + order.paymentId()
                    + "'"))
        .isEqualTo(1);
    assertThat(f.endsAt(tg)).isEqualTo(before.plus(Duration.ofDays(30)));
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_subscriptions s JOIN shop_users u ON u.id = s.user_id "
                    + "WHERE u.telegram_id = "
                    + tg))
        .isEqualTo(1);
  }

  @Test
  void twoDifferentEventsOfOneOrderCreditOnce() throws Exception {
    long tg = EngineFixture.newTelegramId();
    Order order = order(tg);
    Instant before = f.clock.instant();
    byte[] a = HmacTestGateway.body("evt_a_2", "PAID", order.reference(), "pi_two_2", 29900, "RUB");
    // another event type about the same payment, as providers send (session completed + payment
    // succeeded)
    byte[] b = HmacTestGateway.body("evt_b_2", "PAID", order.reference(), "pi_two_2", 29900, "RUB");

    List<WebhookReply> replies = concurrently(200, i -> f.deliver(engine, i % 2 == 0 ? a : b));

    assertThat(replies).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    assertThat(f.count("SELECT count(*) FROM shop_payments WHERE external_id = 'pi_two_2'"))
        .isEqualTo(1);
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_webhook_events WHERE event_id IN ('evt_a_2', 'evt_b_2')"))
        .isEqualTo(2);
    // a late third event without the order reference is found by (provider, external id): a
    // duplicate
    assertThat(
            f.deliver(
                    engine, HmacTestGateway.body("evt_c_2", "PAID", null, "pi_two_2", 29900, "RUB"))
                .status())
        .isEqualTo(200);
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_outbox WHERE dedupe_key LIKE 'provision:payment:"
                    + order.paymentId()
                    + "'"))
        .isEqualTo(1);
    assertThat(f.endsAt(tg)).isEqualTo(before.plus(Duration.ofDays(30)));
  }

  @Test
  void aSecondPaymentWithAnotherIdForAPaidOrderIsNotCredited() {
    long tg = EngineFixture.newTelegramId();
    Order order = order(tg);
    Instant before = f.clock.instant();
    assertThat(
            f.deliver(
                    engine,
                    HmacTestGateway.body(
                        "evt_x_3", "PAID", order.reference(), "pi_x_3", 29900, "RUB"))
                .status())
        .isEqualTo(200);
    assertThat(
            f.deliver(
                    engine,
                    HmacTestGateway.body(
                        "evt_y_3", "PAID", order.reference(), "pi_y_3", 29900, "RUB"))
                .status())
        .isEqualTo(200);
    assertThat(f.endsAt(tg)).isEqualTo(before.plus(Duration.ofDays(30)));
    assertThat(f.count("SELECT count(*) FROM shop_payments WHERE external_id = 'pi_y_3'")).isZero();
  }

  @Test
  void panelDownDuringFiftyPurchasesLosesNothingAndProvisionsOnceAfterRecovery() {
    f.runAllOutbox(engine);
    int createdBefore = f.simulator.usersCreated();
    f.simulator.failNext(1_000, 503);
    List<Long> users = new ArrayList<>();
    Instant paidAt = f.clock.instant();
    for (int i = 0; i < 50; i++) {
      long tg = EngineFixture.newTelegramId();
      users.add(tg);
      Order order = order(tg);
      byte[] body =
          HmacTestGateway.body(
              "evt_down_" + tg, "PAID", order.reference(), "pi_down_" + tg, 29900, "RUB");
      assertThat(f.deliver(engine, body).status()).isEqualTo(200);
      if (i % 10 == 0) {
        engine
            .runOutbox(); // the worker runs during the outage: every attempt fails, nothing is lost
      }
    }
    engine.runOutbox();
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_payments WHERE status = 'PAID' AND external_id LIKE 'pi_down_%'"))
        .isEqualTo(50);
    assertThat(
            f.count("SELECT count(*) FROM shop_outbox WHERE status = 'PENDING' AND attempts >= 1"))
        .isEqualTo(50);
    assertThat(f.simulator.usersCreated()).isEqualTo(createdBefore);

    f.simulator.clearFaults();
    // the panel comes back; some answers still get lost on the way (the create is applied, the
    // answer is not)
    f.simulator.loseResponseNext("POST /api/users", 3);
    f.simulator.dropNext("PATCH /api/users", 2);
    for (int round = 0; round < 6; round++) {
      f.clock.advance(Duration.ofMinutes(20));
      engine.runOutbox();
    }

    assertThat(f.count("SELECT count(*) FROM shop_outbox WHERE status <> 'DONE'")).isZero();
    assertThat(f.simulator.usersCreated()).isEqualTo(createdBefore + 50);
    for (long tg : users) {
      var panelUser = f.simulator.user("tg_" + tg).orElseThrow();
      assertThat(Instant.parse(panelUser.get("expireAt").asText()).toEpochMilli())
          .isEqualTo(paidAt.plus(Duration.ofDays(30)).toEpochMilli());
      assertThat(panelUser.get("status").asText()).isEqualTo("ACTIVE");
    }
    f.clock.advance(Duration.ofHours(1));
    assertThat(engine.runOutbox()).isZero();
    assertThat(f.simulator.usersCreated()).isEqualTo(createdBefore + 50);
  }

  @Test
  void aJobWhoseClaimIsAbandonedIsPickedUpAgainAndCompletesOnce() throws Exception {
    f.runAllOutbox(engine);
    long tg = EngineFixture.newTelegramId();
    Order order = order(tg);
    f.deliver(
        engine,
        HmacTestGateway.body("evt_claim_5", "PAID", order.reference(), "pi_claim_5", 29900, "RUB"));
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      ResultSet rs =
          s.executeQuery(
              "SELECT id FROM shop_outbox WHERE status = 'PENDING' ORDER BY available_at, id "
                  + "LIMIT 1 FOR UPDATE SKIP LOCKED");
      assertThat(rs.next()).isTrue();
      // another worker holds the claim: this one skips it rather than waiting or doing it twice
      assertThat(engine.runOutbox()).isZero();
      c.rollback(); // the claiming worker dies: its transaction is abandoned
    }
    assertThat(engine.runOutbox()).isEqualTo(1);
    assertThat(f.simulator.user("tg_" + tg)).isPresent();
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_outbox WHERE dedupe_key = 'provision:payment:"
                    + order.paymentId()
                    + "' AND status = 'DONE'"))
        .isEqualTo(1);
  }

  /**
   * A worker dies in the middle of a panel call: its create reached the panel, the job was never
   * recorded. (Before the lease protocol the test killed the worker's connection, which sat idle in
   * its transaction during the call; the worker now holds no connection then, so the dead worker is
   * played by a claim whose holder never comes back.) The job stays leased, is not taken twice, is
   * taken again when the lease ends, and the user is created once.
   */
  @Test
  void aWorkerKilledInTheMiddleOfAPanelCallIsReplacedAndTheUserIsCreatedOnce() throws Exception {
    f.simulator.clearFaults(); // faults another test queued and did not use
    f.runAllOutbox(engine);
    long tg = EngineFixture.newTelegramId();
    Order order = order(tg);
    f.deliver(
        engine,
        HmacTestGateway.body("evt_kill_6", "PAID", order.reference(), "pi_kill_6", 29900, "RUB"));
    int createdBefore = f.simulator.usersCreated();
    long noticesBefore = f.notices.count(Notice.Kind.PAYMENT_CREDITED);

    // the dying worker: claims the job, its create is applied on the panel, then it is gone
    ShopStore store = ShopStore.builder().dataSource(f.pool).clock(f.clock).build();
    List<OutboxMessage> claimed =
        store
            .outbox()
            .claim(Set.of("panel.provision"), f.clock.instant(), 1, Duration.ofMinutes(10));
    assertThat(claimed).hasSize(1);
    f.panel.createUser(CreateUserRequest.builder("tg_" + tg, f.endsAt(tg)).telegramId(tg).build());

    // its lease holds: the other workers do not take the job twice
    assertThat(engine.runOutbox()).isZero();
    f.clock.advance(Duration.ofMinutes(11));
    // the lease ended: a live worker takes it again and finds the user the dead one created
    assertThat(engine.runOutbox()).isEqualTo(1);

    assertThat(f.runAllOutbox(engine)).isZero();
    assertThat(f.simulator.usersCreated()).isEqualTo(createdBefore + 1);
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_outbox WHERE dedupe_key = 'provision:payment:"
                    + order.paymentId()
                    + "' AND status = 'DONE'"))
        .isEqualTo(1);
    assertThat(f.notices.count(Notice.Kind.PAYMENT_CREDITED)).isEqualTo(noticesBefore + 1);
  }

  /**
   * Issue 11: while the panel is called, the worker holds no transaction and no lock on the job's
   * row.
   */
  @Test
  void duringAPanelCallTheWorkerHoldsNoConnectionInTransactionNorTheJobsRowLock() throws Exception {
    f.runAllOutbox(engine);
    long tg = EngineFixture.newTelegramId();
    Order order = order(tg);
    f.deliver(
        engine,
        HmacTestGateway.body("evt_lock_7", "PAID", order.reference(), "pi_lock_7", 29900, "RUB"));
    long jobId =
        f.count(
            "SELECT id FROM shop_outbox WHERE dedupe_key = 'provision:payment:"
                + order.paymentId()
                + "'");
    long createsBefore = f.simulator.requestCount("POST /api/users");
    f.simulator.delayNext("POST /api/users", 1, Duration.ofMillis(1500));
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> run = worker.submit(engine::runOutbox);
      for (int i = 0;
          i < 2000 && f.simulator.requestCount("POST /api/users") == createsBefore;
          i++) {
        TimeUnit.MILLISECONDS.sleep(
            2); // waits for the worker thread to reach the panel, not for time
      }
      assertThat(f.simulator.requestCount("POST /api/users"))
          .as("the worker is inside the create")
          .isGreaterThan(createsBefore);
      try (Connection c = db.dataSource().getConnection();
          Statement s = c.createStatement()) {
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'");
        rs.next();
        assertThat(rs.getInt(1))
            .as("connections idle in a transaction during the panel call")
            .isZero();
        c.setAutoCommit(false);
        rs =
            s.executeQuery("SELECT id FROM shop_outbox WHERE id = " + jobId + " FOR UPDATE NOWAIT");
        assertThat(rs.next()).as("the job's row is not locked").isTrue();
        c.rollback();
      }
      assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(1);
    } finally {
      worker.shutdownNow();
    }
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_outbox WHERE id = " + jobId + " AND status = 'DONE'"))
        .isEqualTo(1);
  }
}
