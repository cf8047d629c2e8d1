package io.github.remnawaveshop.benchmarks.store;

import io.github.remnawaveshop.core.store.ShopStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Migrates and fills a benchmark database server-side with {@code generate_series}: per user two
 * subscriptions (one expired; one active, or cancelled for every tenth user, ending within 60 days)
 * and five paid payments; plus 100,000 promo codes.
 *
 * <p>The loaded tables' keys, indexes and foreign keys are dropped before the load and built again
 * after it, as {@code pg_restore} does: inserting tens of millions of rows into unique indexes far
 * larger than the server's buffers costs several times the bulk builds (the 10M-user seed of the
 * raised store targets would take hours). The definitions are read from the catalog after the
 * migration, so the rebuilt schema is exactly the migrated one.
 */
public final class StoreSeed {
  /** Property naming how many users to seed (subscriptions are twice, payments five times that). */
  public static final String USERS_PROPERTY = "shop.bench.store.users";

  static final int PROMO_CODES = 100_000;

  private static final String TABLES =
      "ARRAY['shop_users', 'shop_subscriptions', 'shop_payments', 'shop_promo_codes']::regclass[]";

  private StoreSeed() {}

  /** The number of users to seed: the {@value #USERS_PROPERTY} property, default 1,000,000. */
  public static int users() {
    return Integer.getInteger(USERS_PROPERTY, 1_000_000);
  }

  /** Seeds the database behind {@code dataSource}; returns how long it took. */
  public static Duration seed(DataSource dataSource, int users) throws SQLException {
    long start = System.nanoTime();
    ShopStore.builder().dataSource(dataSource).build().migrate();
    List<String> load =
        List.of(
            "SET synchronous_commit = off",
            "SET maintenance_work_mem = '1GB'",
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
                + ") g");
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      List<String> rebuild = dropKeysAndIndexes(s);
      for (String sql : load) {
        run(s, sql);
      }
      for (String sql : rebuild) {
        run(s, sql);
      }
      run(s, "VACUUM ANALYZE");
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /**
   * Drops the loaded tables' foreign keys (both ways), primary and unique keys and other indexes;
   * returns the statements that build them again, keys first and foreign keys last.
   */
  private static List<String> dropKeysAndIndexes(Statement s) throws SQLException {
    List<String> drops = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<String> indexes = new ArrayList<>();
    List<String> foreignKeys = new ArrayList<>();
    try (ResultSet rs =
        s.executeQuery(
            "SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid), contype"
                + " FROM pg_constraint WHERE contype = 'f' AND (conrelid = ANY("
                + TABLES
                + ") OR confrelid = ANY("
                + TABLES
                + ")) ORDER BY 1, 2")) {
      while (rs.next()) {
        drops.add("ALTER TABLE " + rs.getString(1) + " DROP CONSTRAINT " + rs.getString(2));
        foreignKeys.add(
            "ALTER TABLE "
                + rs.getString(1)
                + " ADD CONSTRAINT "
                + rs.getString(2)
                + " "
                + rs.getString(3));
      }
    }
    try (ResultSet rs =
        s.executeQuery(
            "SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid)"
                + " FROM pg_constraint WHERE contype IN ('p', 'u') AND conrelid = ANY("
                + TABLES
                + ") ORDER BY 1, 2")) {
      while (rs.next()) {
        drops.add("ALTER TABLE " + rs.getString(1) + " DROP CONSTRAINT " + rs.getString(2));
        keys.add(
            "ALTER TABLE "
                + rs.getString(1)
                + " ADD CONSTRAINT "
                + rs.getString(2)
                + " "
                + rs.getString(3));
      }
    }
    try (ResultSet rs =
        s.executeQuery(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
                + " WHERE i.indrelid = ANY("
                + TABLES
                + ") AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid"
                + " AND c.contype IN ('p', 'u', 'x')) ORDER BY 1")) {
      while (rs.next()) {
        drops.add("DROP INDEX " + rs.getString(1));
        indexes.add(rs.getString(2));
      }
    }
    for (String sql : drops) {
      s.execute(sql);
    }
    List<String> rebuild = new ArrayList<>(keys);
    rebuild.addAll(indexes);
    rebuild.addAll(foreignKeys);
    return rebuild;
  }

  private static void run(Statement s, String sql) throws SQLException {
    long t = System.nanoTime();
    s.execute(sql);
    System.out.printf("seed: %-60.60s %6.1f s%n", sql, (System.nanoTime() - t) / 1e9);
  }
}
