package io.github.remnawaveshop.core.subscription;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.remnawaveshop.core.panel.PanelRetryPolicy;
import io.github.remnawaveshop.core.panel.RemnawavePanel;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.payment.WebhookReply;
import io.github.remnawaveshop.core.store.ShopStore;
import io.github.remnawaveshop.testkit.TestDatabase;
import io.github.remnawaveshop.testkit.panel.RemnawavePanelSimulator;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import mockwebserver3.MockWebServer;
import org.jdbi.v3.core.Jdbi;

/**
 * A migrated database, the panel simulator on a MockWebServer, a signing test gateway and a test
 * clock.
 */
final class EngineFixture implements AutoCloseable {
  static final String SECRET = "whsec_test_secret";
  private static final AtomicLong TELEGRAM_IDS = new AtomicLong(100_000);

  final HikariDataSource pool;
  final Jdbi jdbi;
  final MutableClock clock = new MutableClock(Instant.now());
  final RemnawavePanelSimulator simulator;
  final MockWebServer server = new MockWebServer();
  final RemnawavePanel panel;
  final HmacTestGateway gateway = new HmacTestGateway("testpay", SECRET);
  final PaymentGateways gateways = PaymentGateways.builder().add(gateway).build();
  final RecordingNotifier notices = new RecordingNotifier();

  EngineFixture(TestDatabase db, int poolSize) throws IOException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.jdbcUrl());
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("engine-test");
    // per session only: commits need not wait for the disk of a machine shared by many test suites
    config.setConnectionInitSql("SET synchronous_commit = off");
    pool = new HikariDataSource(config);
    ShopStore.builder().dataSource(pool).build().migrate();
    jdbi = Jdbi.create(pool);
    simulator =
        RemnawavePanelSimulator.builder()
            .apiToken("test-token")
            .clock(clock)
            .timePasses(clock::advance)
            .build();
    server.setDispatcher(simulator);
    server.start();
    panel =
        RemnawavePanel.builder()
            .baseUrl(server.url("/").toString())
            .apiToken(Secret.of("test-token"))
            .retryPolicy(PanelRetryPolicy.none())
            .clock(clock)
            .readTimeout(Duration.ofSeconds(5))
            .build();
  }

  SubscriptionEngine engine() {
    return engine(b -> {});
  }

  SubscriptionEngine engine(Consumer<SubscriptionEngine.Builder> customize) {
    SubscriptionEngine.Builder b =
        SubscriptionEngine.builder()
            .dataSource(pool)
            .panel(panel)
            .gateways(gateways)
            .clock(clock)
            .notifier(notices)
            .referrals(ReferralSettings.none());
    customize.accept(b);
    return b.build();
  }

  static long newTelegramId() {
    return TELEGRAM_IDS.incrementAndGet();
  }

  long plan(String code, int days, long price, String currency) {
    Timestamp now = Timestamp.from(clock.instant());
    return jdbi.withHandle(
        h -> {
          long id =
              h.createQuery(
                      "INSERT INTO shop_plans (code, title, duration_days, traffic_limit_bytes, device_limit, "
                          + "created_at, updated_at) VALUES (:c, :t, :d, 107374182400, 3, :now, :now) RETURNING id")
                  .bind("c", code)
                  .bind("t", "Plan " + code)
                  .bind("d", days)
                  .bind("now", now)
                  .mapTo(Long.class)
                  .one();
          h.createUpdate(
                  "INSERT INTO shop_plan_prices (plan_id, currency, amount_minor) VALUES (:p, :c, :a)")
              .bind("p", id)
              .bind("c", currency)
              .bind("a", price)
              .execute();
          return id;
        });
  }

  void promo(String code, String kind, int value, Integer maxActivations) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO shop_promo_codes (code, kind, value, max_activations, created_at) "
                        + "VALUES (:c, :k, :v, :m, :now)")
                .bind("c", code)
                .bind("k", kind)
                .bind("v", value)
                .bind("m", maxActivations)
                .bind("now", Timestamp.from(clock.instant()))
                .execute());
  }

  long count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  Instant endsAt(long telegramId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT s.ends_at FROM shop_subscriptions s JOIN shop_users u "
                        + "ON u.id = s.user_id WHERE u.telegram_id = :t AND s.status = 'ACTIVE'")
                .bind("t", telegramId)
                .mapTo(java.time.OffsetDateTime.class)
                .one()
                .toInstant());
  }

  WebhookReply deliver(SubscriptionEngine engine, byte[] body) {
    return engine.webhooks().handle(gateway.id(), HmacTestGateway.signed(SECRET, body), body);
  }

  /** Runs the outbox until nothing is due; returns the jobs attempted. */
  int runAllOutbox(SubscriptionEngine engine) {
    int total = 0;
    for (int i = 0; i < 100; i++) {
      int n = engine.runOutbox();
      if (n == 0) {
        return total;
      }
      total += n;
    }
    return total;
  }

  static Optional<String> none() {
    return Optional.empty();
  }

  @Override
  public void close() throws IOException {
    server.close();
    pool.close();
  }
}
