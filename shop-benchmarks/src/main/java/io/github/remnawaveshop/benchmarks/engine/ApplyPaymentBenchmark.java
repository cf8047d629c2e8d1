package io.github.remnawaveshop.benchmarks.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.remnawaveshop.core.panel.RemnawavePanel;
import io.github.remnawaveshop.core.payment.ApplyResult;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.store.ShopStore;
import io.github.remnawaveshop.core.subscription.SubscriptionEngine;
import io.github.remnawaveshop.testkit.PostgresServer;
import io.github.remnawaveshop.testkit.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@code SubscriptionEngine.applyPayment} on real PostgreSQL with 1,000,000 existing users, side by
 * side with a raw-JDBC peer doing a transaction of the same shape (delivery row INSERT … ON
 * CONFLICT DO NOTHING, payment UPDATE guarded by status, subscription upsert, outbox INSERT … ON
 * CONFLICT DO NOTHING).
 *
 * <p>The database {@code shop_bench_engine} is seeded once with {@code generate_series} and reused
 * by later runs (each JMH fork checks the seed). Before every iteration 6,000 pending orders are
 * created for users spread over the million (a 3 s iteration of the fastest contestant pays about
 * 3,500); each invocation pays the next one. The orders are not many more than that because their
 * insert is the heaviest write of the run (each one's foreign-key check locks, and so dirties, a
 * random user row): 20,000 per iteration left the measured seconds competing with the flush of
 * about 20,000 dirty user pages. SampleTime mode gives the mean and the percentiles; payments per
 * second = threads / mean.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ApplyPaymentBenchmark {
  static final String DATABASE = "shop_bench_engine";
  static final int USERS = 1_000_000;
  static final int ORDERS_PER_ITERATION = 6_000;

  private HikariDataSource pool;
  private SubscriptionEngine engine;
  private long planId;
  private final AtomicLong next = new AtomicLong();
  private long[] orderIds = new long[0];
  private String[] orderRefs = new String[0];
  private static final AtomicLong ITERATION = new AtomicLong(System.nanoTime());

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    PostgresServer server = TestServers.postgres();
    try (Connection admin = java.sql.DriverManager.getConnection(server.adminJdbcUrl());
        Statement s = admin.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
      if (!rs.next()) {
        s.execute("CREATE DATABASE " + DATABASE);
      }
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl(DATABASE));
    config.setMaximumPoolSize(4);
    pool = new HikariDataSource(config);
    ShopStore.builder().dataSource(pool).build().migrate();
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT count(*) FROM shop_users");
      rs.next();
      if (rs.getLong(1) < USERS) {
        s.execute(
            "INSERT INTO shop_users (telegram_id, language, referral_code, created_at, updated_at) "
                + "SELECT g, 'en', 'ref' || g, now(), now() FROM generate_series(1, "
                + USERS
                + ") g "
                + "ON CONFLICT DO NOTHING");
        s.execute("ANALYZE");
      }
      s.execute(
          "INSERT INTO shop_plans (code, title, duration_days, created_at, updated_at) "
              + "VALUES ('bench-month', 'Bench month', 30, now(), now()) ON CONFLICT DO NOTHING");
      rs = s.executeQuery("SELECT id FROM shop_plans WHERE code = 'bench-month'");
      rs.next();
      planId = rs.getLong(1);
      s.execute(
          "INSERT INTO shop_plan_prices (plan_id, currency, amount_minor) VALUES ("
              + planId
              + ", 'USD', 500) ON CONFLICT DO NOTHING");
    }
    engine =
        SubscriptionEngine.builder()
            .dataSource(pool)
            .panel(
                RemnawavePanel.builder()
                    .baseUrl("http://127.0.0.1:9")
                    .apiToken(Secret.of("unused"))
                    .build())
            .build();
  }

  @Setup(Level.Iteration)
  public void createOrders() throws SQLException {
    long iteration = ITERATION.incrementAndGet();
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM shop_payments");
      rs.next();
      long before = rs.getLong(1);
      s.execute(
          "INSERT INTO shop_payments (user_id, provider, idempotency_key, amount_minor, currency, status, "
              + "plan_id, created_at) SELECT u.id, 'bench', 'b"
              + iteration
              + "-' || g, 500, 'USD', 'PENDING', "
              + planId
              + ", now() FROM generate_series(1, "
              + ORDERS_PER_ITERATION
              + ") g "
              + "JOIN shop_users u ON u.telegram_id = 1 + (g::bigint * 7919 + "
              + (iteration % 1000)
              + ") % "
              + USERS);
      rs =
          s.executeQuery(
              "SELECT id, idempotency_key FROM shop_payments WHERE id > "
                  + before
                  + " ORDER BY id");
      long[] ids = new long[ORDERS_PER_ITERATION];
      String[] refs = new String[ORDERS_PER_ITERATION];
      int n = 0;
      while (rs.next() && n < ids.length) {
        ids[n] = rs.getLong(1);
        refs[n] = rs.getString(2);
        n++;
      }
      orderIds = java.util.Arrays.copyOf(ids, n);
      orderRefs = java.util.Arrays.copyOf(refs, n);
    }
    next.set(0);
  }

  private int nextOrder() {
    long i = next.getAndIncrement();
    if (i >= orderIds.length) {
      throw new IllegalStateException(
          "benchmark ran out of prepared orders; raise ORDERS_PER_ITERATION");
    }
    return (int) i;
  }

  @Benchmark
  @Threads(1)
  public ApplyResult engineApplyPayment1Thread() throws SQLException {
    return engineApply();
  }

  @Benchmark
  @Threads(2)
  public ApplyResult engineApplyPayment2Threads() throws SQLException {
    return engineApply();
  }

  @Benchmark
  @Threads(1)
  public int rawJdbcPeer1Thread() throws SQLException {
    return raw();
  }

  @Benchmark
  @Threads(2)
  public int rawJdbcPeer2Threads() throws SQLException {
    return raw();
  }

  private ApplyResult engineApply() throws SQLException {
    int i = nextOrder();
    long id = orderIds[i];
    // the provider gives back the order reference; the engine looks the order up by it
    String ref = orderRefs[i];
    ApplyResult r =
        engine.applyPayment(
            new PaymentEvent(
                "bench",
                PaymentEvent.Type.PAID,
                "evt-" + id,
                Optional.of(ref),
                "pay-" + id,
                Money.of(500, "USD"),
                Instant.now(),
                false,
                Optional.empty(),
                false,
                Map.of()));
    if (r.outcome() != ApplyResult.Outcome.APPLIED) {
      throw new IllegalStateException("not applied: " + r + " (order " + ref + ")");
    }
    return r;
  }

  private int raw() throws SQLException {
    long id = orderIds[nextOrder()];
    Timestamp now = Timestamp.from(Instant.now());
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      int changed;
      try (PreparedStatement event =
              c.prepareStatement(
                  "INSERT INTO shop_webhook_events (provider, event_id, "
                      + "received_at) VALUES ('bench', ?, ?) ON CONFLICT DO NOTHING");
          PreparedStatement pay =
              c.prepareStatement(
                  "UPDATE shop_payments SET status = 'PAID', external_id = ?, "
                      + "paid_at = ? WHERE id = ? AND status = 'PENDING' RETURNING user_id");
          PreparedStatement extend =
              c.prepareStatement(
                  "UPDATE shop_subscriptions SET ends_at = GREATEST(ends_at, CAST(? AS timestamptz)) "
                      + "+ interval '30 days', updated_at = ? WHERE user_id = ? AND status = 'ACTIVE'");
          PreparedStatement open =
              c.prepareStatement(
                  "INSERT INTO shop_subscriptions (user_id, plan_id, status, "
                      + "starts_at, ends_at, created_at, updated_at) VALUES (?, ?, 'ACTIVE', ?, CAST(? AS timestamptz) + interval '30 days', ?, ?)");
          PreparedStatement outbox =
              c.prepareStatement(
                  "INSERT INTO shop_outbox (kind, dedupe_key, payload, "
                      + "available_at, created_at) VALUES ('panel.provision', ?, CAST(? AS jsonb), ?, ?) "
                      + "ON CONFLICT DO NOTHING")) {
        event.setString(1, "raw-evt-" + id);
        event.setTimestamp(2, now);
        if (event.executeUpdate() == 0) {
          c.rollback();
          return 0;
        }
        pay.setString(1, "raw-pay-" + id);
        pay.setTimestamp(2, now);
        pay.setLong(3, id);
        ResultSet rs = pay.executeQuery();
        if (!rs.next()) {
          c.rollback();
          return 0;
        }
        long userId = rs.getLong(1);
        extend.setTimestamp(1, now);
        extend.setTimestamp(2, now);
        extend.setLong(3, userId);
        changed = extend.executeUpdate();
        if (changed == 0) {
          open.setLong(1, userId);
          open.setLong(2, planId);
          open.setTimestamp(3, now);
          open.setTimestamp(4, now);
          open.setTimestamp(5, now);
          open.setTimestamp(6, now);
          changed = open.executeUpdate();
        }
        outbox.setString(1, "raw:" + id);
        outbox.setString(2, "{\"userId\":" + userId + "}");
        outbox.setTimestamp(3, now);
        outbox.setTimestamp(4, now);
        outbox.executeUpdate();
      }
      c.commit();
      return changed;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
    pool.close();
  }
}
