package io.github.remnawaveshop.benchmarks.store;

import io.github.remnawaveshop.core.store.ShopStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * Migrates and fills a benchmark database server-side with {@code generate_series}: per user two
 * subscriptions (one expired; one active, or cancelled for every tenth user, ending within 60 days)
 * and five paid payments; plus 100,000 promo codes.
 */
public final class StoreSeed {
  /** Property naming how many users to seed (subscriptions are twice, payments five times that). */
  public static final String USERS_PROPERTY = "shop.bench.store.users";

  static final int PROMO_CODES = 100_000;

  private StoreSeed() {}

  /** The number of users to seed: the {@value #USERS_PROPERTY} property, default 1,000,000. */
  public static int users() {
    return Integer.getInteger(USERS_PROPERTY, 1_000_000);
  }

  /** Seeds the database behind {@code dataSource}; returns how long it took. */
  public static Duration seed(DataSource dataSource, int users) throws SQLException {
    long start = System.nanoTime();
    ShopStore.builder().dataSource(dataSource).build().migrate();
    List<String> statements =
        List.of(
            // the data is consistent by construction: skip per-row foreign-key triggers while
            // loading
            "SET session_replication_role = replica",
            "SET synchronous_commit = off",
            "SET maintenance_work_mem = '256MB'",
            "INSERT INTO shop_plans (code, title, duration_days, created_at, updated_at)"
                + " SELECT 'plan-' || g, 'Plan ' || g, 30 * g, now(), now() FROM generate_series(1, 5) g",
            "INSERT INTO shop_plan_prices SELECT id, c, 100 * id FROM shop_plans, unnest(ARRAY['USD', 'RUB', 'XTR']) c",
            "INSERT INTO shop_users (telegram_id, username, language, panel_user_uuid, referral_code, created_at, updated_at)"
                + " SELECT 1000000 + g, 'user' || g, 'en', md5('panel' || g)::uuid, 'ref' || g, now(), now()"
                + " FROM generate_series(1, "
                + users
                + ") g",
            "INSERT INTO shop_subscriptions (user_id, plan_id, panel_user_uuid, status, starts_at, ends_at, created_at, updated_at)"
                + " SELECT u.id, 1 + u.id % 5, u.panel_user_uuid, 'EXPIRED', now() - interval '90 days',"
                + " now() - interval '60 days', now(), now() FROM shop_users u",
            "INSERT INTO shop_subscriptions (user_id, plan_id, panel_user_uuid, status, starts_at, ends_at, created_at, updated_at)"
                + " SELECT u.id, 1 + u.id % 5, u.panel_user_uuid, CASE WHEN u.id % 10 = 0 THEN 'CANCELLED' ELSE 'ACTIVE' END,"
                + " now() - interval '1 day', now() + ((u.id * 7919) % (60 * 86400)) * interval '1 second', now(), now()"
                + " FROM shop_users u",
            "INSERT INTO shop_payments (user_id, provider, external_id, idempotency_key, amount_minor, currency, status,"
                + " plan_id, created_at, paid_at) SELECT u.id, CASE WHEN k % 2 = 0 THEN 'stripe' ELSE 'telegram-stars' END,"
                + " 'ext_' || u.id || '_' || k, 'idem_' || u.id || '_' || k, 500, 'USD', 'PAID', 1 + u.id % 5,"
                + " now() - ((u.id * 31 + k * 977) % 31536000) * interval '1 second',"
                + " now() - ((u.id * 31 + k * 977) % 31536000) * interval '1 second'"
                + " FROM shop_users u, generate_series(1, 5) k",
            "INSERT INTO shop_promo_codes (code, kind, value, active, created_at)"
                + " SELECT 'PROMO' || g, 'BONUS_DAYS', 7, g % 3 <> 0, now() FROM generate_series(1, "
                + PROMO_CODES
                + ") g",
            "RESET session_replication_role",
            "VACUUM ANALYZE");
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      for (String sql : statements) {
        long t = System.nanoTime();
        s.execute(sql);
        System.out.printf("seed: %-60.60s %6.1f s%n", sql, (System.nanoTime() - t) / 1e9);
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
