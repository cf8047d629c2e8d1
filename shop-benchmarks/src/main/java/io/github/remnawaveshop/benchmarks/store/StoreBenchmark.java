package io.github.remnawaveshop.benchmarks.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.remnawaveshop.core.store.PageRequest;
import io.github.remnawaveshop.core.store.ShopStore;
import io.github.remnawaveshop.testkit.TestDatabase;
import io.github.remnawaveshop.testkit.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The store's hot queries through its repositories ({@code store*}) and the same queries as raw
 * JDBC prepared statements ({@code jdbc*}), on 1,000,000 users / 2,000,000 subscriptions /
 * 5,000,000 payments. Sample-time mode, so JMH reports p50/p99/p99.9. Each invocation picks a
 * random key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoreBenchmark {
  /**
   * System property with the JDBC URL of an already seeded database (set by {@link
   * StoreBenchmarkMain}).
   */
  static final String URL_PROPERTY = "shop.bench.store.url";

  private static final String ACTIVE_SQL =
      "SELECT * FROM shop_subscriptions WHERE user_id = ? AND status = 'ACTIVE'";
  private static final String VIEW_SQL =
      "SELECT u.*, s.*, p.*, pr.currencies, pr.amounts FROM shop_users u"
          + " LEFT JOIN shop_subscriptions s ON s.user_id = u.id AND s.status = 'ACTIVE'"
          + " LEFT JOIN shop_plans p ON p.id = s.plan_id"
          + " LEFT JOIN LATERAL (SELECT array_agg(x.currency ORDER BY x.currency) AS currencies,"
          + " array_agg(x.amount_minor ORDER BY x.currency) AS amounts FROM shop_plan_prices x WHERE x.plan_id = p.id) pr"
          + " ON true WHERE u.telegram_id = ?";
  private static final String PAYMENT_SQL =
      "SELECT * FROM shop_payments WHERE provider = ? AND external_id = ?";
  private static final String PROMO_SQL =
      "SELECT * FROM shop_promo_codes WHERE lower(code) = lower(?)";
  private static final String EXPIRING_SQL =
      "SELECT * FROM shop_subscriptions WHERE status = 'ACTIVE'"
          + " AND ends_at >= ? AND ends_at < ? ORDER BY ends_at, id LIMIT 1000";

  private TestDatabase ownDatabase;
  private HikariDataSource pool;
  private ShopStore store;
  private int users;
  private final SplittableRandom random = new SplittableRandom(42);

  /**
   * Connects to the seeded database, or creates and seeds one when run without {@link
   * StoreBenchmarkMain}.
   */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    users = StoreSeed.users();
    String url = System.getProperty(URL_PROPERTY);
    if (url == null) {
      ownDatabase = TestServers.postgres().createDatabase();
      StoreSeed.seed(ownDatabase.dataSource(), users);
      url = ownDatabase.jdbcUrl();
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(2);
    config.setPoolName("store-bench");
    pool = new HikariDataSource(config);
    store = ShopStore.builder().dataSource(pool).build();
  }

  /** Closes the pool; drops the database when this state created it. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
    if (ownDatabase != null) {
      ownDatabase.close();
    }
  }

  private long userId() {
    return 1 + random.nextInt(users);
  }

  private String externalId() {
    return "ext_" + userId() + "_" + (2 * (1 + random.nextInt(2)));
  }

  private String promoCode() {
    return "promo" + (1 + random.nextInt(StoreSeed.PROMO_CODES));
  }

  /**
   * @return the active subscription of a random user, through the store
   */
  @Benchmark
  public Object activeSubscriptionStore() {
    return store.subscriptions().findActiveByUserId(userId());
  }

  /**
   * @param bh sink @throws SQLException on failure
   */
  @Benchmark
  public void activeSubscriptionJdbc(Blackhole bh) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(ACTIVE_SQL)) {
      ps.setLong(1, userId());
      consume(ps, bh);
    }
  }

  /**
   * @return the "my subscription" view of a random user, through the store
   */
  @Benchmark
  public Object mySubscriptionStore() {
    return store.subscriptions().viewByTelegramId(1_000_000 + userId());
  }

  /**
   * @param bh sink @throws SQLException on failure
   */
  @Benchmark
  public void mySubscriptionJdbc(Blackhole bh) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(VIEW_SQL)) {
      ps.setLong(1, 1_000_000 + userId());
      consume(ps, bh);
    }
  }

  /**
   * @return a random payment by provider and external id, through the store
   */
  @Benchmark
  public Object paymentByExternalIdStore() {
    return store.payments().findByExternalId("stripe", externalId());
  }

  /**
   * @param bh sink @throws SQLException on failure
   */
  @Benchmark
  public void paymentByExternalIdJdbc(Blackhole bh) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(PAYMENT_SQL)) {
      ps.setString(1, "stripe");
      ps.setString(2, externalId());
      consume(ps, bh);
    }
  }

  /**
   * @return a random promo code by code (any case), through the store
   */
  @Benchmark
  public Object promoByCodeStore() {
    return store.promoCodes().findByCode(promoCode());
  }

  /**
   * @param bh sink @throws SQLException on failure
   */
  @Benchmark
  public void promoByCodeJdbc(Blackhole bh) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(PROMO_SQL)) {
      ps.setString(1, promoCode());
      consume(ps, bh);
    }
  }

  /**
   * @return the first 1,000 active subscriptions ending in the next 3 days, through the store
   */
  @Benchmark
  public Object expiringPageStore() {
    Instant now = Instant.now();
    return store
        .subscriptions()
        .listActiveEndingBetween(now, now.plus(3, ChronoUnit.DAYS), PageRequest.first(1000));
  }

  /**
   * @param bh sink @throws SQLException on failure
   */
  @Benchmark
  public void expiringPageJdbc(Blackhole bh) throws SQLException {
    Instant now = Instant.now();
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(EXPIRING_SQL)) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setTimestamp(2, Timestamp.from(now.plus(3, ChronoUnit.DAYS)));
      consume(ps, bh);
    }
  }

  /** Reads every column of every row, as a mapper would. */
  private static void consume(PreparedStatement ps, Blackhole bh) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          bh.consume(rs.getObject(i));
        }
      }
    }
  }
}
