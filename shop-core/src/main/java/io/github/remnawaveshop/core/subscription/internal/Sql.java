package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.subscription.Plan;
import io.github.remnawaveshop.core.subscription.ShopUser;
import io.github.remnawaveshop.core.subscription.Subscription;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Row mapping and small shared queries. */
final class Sql {
  private Sql() {}

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }

  static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

  static Subscription subscription(ResultSet rs) throws SQLException {
    return new Subscription(rs.getLong("id"), rs.getLong("user_id"), optionalLong(rs, "plan_id"),
        rs.getString("status"), instant(rs, "starts_at"), instant(rs, "ends_at"), rs.getBoolean("trial"),
        rs.getBoolean("auto_renew"));
  }

  static ShopUser user(ResultSet rs) throws SQLException {
    return new ShopUser(rs.getLong("id"), rs.getLong("telegram_id"), Optional.ofNullable(rs.getString("username")),
        rs.getString("language"), rs.getString("referral_code"), optionalLong(rs, "referred_by"));
  }

  static PaymentRow payment(ResultSet rs) throws SQLException {
    int credited = rs.getInt("credited_days");
    if (rs.wasNull()) {
      credited = 0;
    }
    return new PaymentRow(rs.getLong("id"), rs.getLong("user_id"), rs.getString("provider"),
        Optional.ofNullable(rs.getString("external_id")), rs.getString("idempotency_key"),
        new Money(rs.getLong("amount_minor"), rs.getString("currency")), rs.getString("status"),
        optionalLong(rs, "plan_id"), optionalLong(rs, "promo_code_id"), credited,
        instant(rs, "created_at"));
  }

  static final String PLAN_COLUMNS = "p.id, p.code, p.title, p.duration_days, p.traffic_limit_bytes, "
      + "p.traffic_reset_strategy, p.device_limit, p.internal_squads";

  /** Plans with their prices; {@code where} filters {@code shop_plans p}. */
  static List<Plan> plans(Handle h, String where, Map<String, Object> binds) {
    Map<Long, Object[]> rows = new LinkedHashMap<>();
    var query = h.createQuery("SELECT " + PLAN_COLUMNS + " FROM shop_plans p WHERE " + where
        + " ORDER BY p.sort_order, p.id");
    binds.forEach(query::bind);
    query.map((rs, ctx) -> {
      Array squads = rs.getArray("internal_squads");
      List<String> list = new ArrayList<>();
      if (squads != null) {
        for (Object o : (Object[]) squads.getArray()) {
          list.add(String.valueOf(o));
        }
      }
      rows.put(rs.getLong("id"), new Object[] {rs.getString("code"), rs.getString("title"),
          rs.getInt("duration_days"), rs.getLong("traffic_limit_bytes"), rs.getString("traffic_reset_strategy"),
          rs.getInt("device_limit"), list});
      return 0;
    }).list();
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<Long, Map<String, Money>> prices = new LinkedHashMap<>();
    h.createQuery("SELECT plan_id, currency, amount_minor FROM shop_plan_prices WHERE plan_id = ANY(:ids)")
        .bind("ids", rows.keySet().toArray(new Long[0]))
        .map((rs, ctx) -> {
          prices.computeIfAbsent(rs.getLong("plan_id"), k -> new LinkedHashMap<>())
              .put(rs.getString("currency"), new Money(rs.getLong("amount_minor"), rs.getString("currency")));
          return 0;
        }).list();
    List<Plan> plans = new ArrayList<>();
    rows.forEach((id, r) -> {
      @SuppressWarnings("unchecked")
      List<String> squads = (List<String>) r[6];
      plans.add(new Plan(id, (String) r[0], (String) r[1], (Integer) r[2], (Long) r[3], (String) r[4],
          (Integer) r[5], squads, prices.getOrDefault(id, Map.of())));
    });
    return plans;
  }

  static Optional<Plan> planById(Handle h, long id) {
    return plans(h, "p.id = :id", Map.of("id", id)).stream().findFirst();
  }

  static Optional<ShopUser> userByTelegramId(Handle h, long telegramId) {
    return h.createQuery("SELECT * FROM shop_users WHERE telegram_id = :t").bind("t", telegramId)
        .map((rs, ctx) -> user(rs)).findOne();
  }

  static Optional<ShopUser> userById(Handle h, long id) {
    return h.createQuery("SELECT * FROM shop_users WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> user(rs)).findOne();
  }

  static Optional<Subscription> activeSubscription(Handle h, long userId) {
    return h.createQuery("SELECT * FROM shop_subscriptions WHERE user_id = :u AND status = 'ACTIVE'")
        .bind("u", userId).map((rs, ctx) -> subscription(rs)).findOne();
  }

  /** The newest subscription of a user, whatever its status. */
  static Optional<Subscription> latestSubscription(Handle h, long userId) {
    return h.createQuery("SELECT * FROM shop_subscriptions WHERE user_id = :u "
            + "ORDER BY (status = 'ACTIVE') DESC, ends_at DESC, id DESC LIMIT 1")
        .bind("u", userId).map((rs, ctx) -> subscription(rs)).findOne();
  }

  /** Locks users in id order (so two transactions never wait on each other in a cycle). */
  static void lockUsers(Handle h, long... ids) {
    Long[] boxed = java.util.Arrays.stream(ids).boxed().toArray(Long[]::new);
    h.createQuery("SELECT id FROM shop_users WHERE id = ANY(:ids) ORDER BY id FOR UPDATE")
        .bind("ids", boxed).mapTo(Long.class).list();
  }
}
