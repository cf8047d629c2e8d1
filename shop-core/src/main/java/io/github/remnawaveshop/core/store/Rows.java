package io.github.remnawaveshop.core.store;

import io.github.remnawaveshop.core.payment.Money;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Column lists and row mappers. Every query selects a table's columns as {@code <alias>_<column>}
 * through the lists below, so one mapper serves single-table queries and joins alike.
 */
final class Rows {
  private Rows() {}

  static final String USER =
      cols(
          "u",
          "id",
          "telegram_id",
          "username",
          "language",
          "panel_user_uuid",
          "referral_code",
          "referred_by",
          "banned",
          "created_at",
          "updated_at",
          "panel_user_id",
          "blocked_bot_at");
  static final String PLAN =
      cols(
              "p",
              "id",
              "code",
              "title",
              "duration_days",
              "traffic_limit_bytes",
              "traffic_reset_strategy",
              "device_limit",
              "internal_squads",
              "active",
              "sort_order",
              "created_at",
              "updated_at")
          + ", pr.currencies AS p_currencies, pr.amounts AS p_amounts";

  /** Joins a plan's prices as two arrays; append after a {@code FROM} naming the plan {@code p}. */
  static final String PLAN_PRICES_JOIN =
      " LEFT JOIN LATERAL (SELECT array_agg(x.currency ORDER BY x.currency) AS currencies,"
          + " array_agg(x.amount_minor ORDER BY x.currency) AS amounts FROM {s}.shop_plan_prices x WHERE x.plan_id = p.id) pr ON true";

  /**
   * The subscription columns' labels, in the order {@link #subscription(ResultSet, int[])} reads.
   */
  private static final String[] SUBSCRIPTION_LABELS =
      labels(
          "s",
          "id",
          "user_id",
          "plan_id",
          "panel_user_uuid",
          "status",
          "starts_at",
          "ends_at",
          "trial",
          "auto_renew",
          "created_at",
          "updated_at",
          "renewal_provider",
          "renewal_reference");

  static final String SUBSCRIPTION = select(SUBSCRIPTION_LABELS);
  static final String PAYMENT =
      cols(
          "y",
          "id",
          "user_id",
          "provider",
          "external_id",
          "idempotency_key",
          "amount_minor",
          "currency",
          "status",
          "plan_id",
          "promo_code_id",
          "created_at",
          "paid_at",
          "refunded_at",
          "credited_days",
          "refunded_minor");
  static final String PROMO =
      cols(
          "c",
          "id",
          "code",
          "kind",
          "value",
          "max_activations",
          "per_user_limit",
          "activations_count",
          "valid_until",
          "active",
          "created_at");
  static final String ACTIVATION =
      cols("a", "id", "promo_code_id", "user_id", "activation_no", "payment_id", "activated_at");
  static final String REWARD =
      cols("r", "id", "referrer_id", "referred_id", "payment_id", "bonus_days", "created_at");
  static final String OUTBOX =
      cols(
          "o",
          "id",
          "kind",
          "dedupe_key",
          "payload",
          "status",
          "attempts",
          "available_at",
          "last_error",
          "created_at",
          "finished_at");

  private static String cols(String alias, String... names) {
    return select(labels(alias, names));
  }

  private static String[] labels(String alias, String... names) {
    return Arrays.stream(names).map(n -> alias + "_" + n).toArray(String[]::new);
  }

  /** {@code <alias>.<column> AS <alias>_<column>} for each label. */
  private static String select(String[] labels) {
    return Arrays.stream(labels)
        .map(l -> l.replaceFirst("_", ".") + " AS " + l)
        .collect(Collectors.joining(", "));
  }

  /** The labels' positions in {@code rs}. */
  private static int[] positions(ResultSet rs, String[] labels) throws SQLException {
    int[] at = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      at[i] = rs.findColumn(labels[i]);
    }
    return at;
  }

  static User user(ResultSet rs) throws SQLException {
    return new User(
        rs.getLong("u_id"),
        rs.getLong("u_telegram_id"),
        Optional.ofNullable(rs.getString("u_username")),
        rs.getString("u_language"),
        Optional.ofNullable(rs.getObject("u_panel_user_uuid", UUID.class)),
        rs.getString("u_referral_code"),
        optLong(rs, "u_referred_by"),
        rs.getBoolean("u_banned"),
        instant(rs, "u_created_at"),
        instant(rs, "u_updated_at"),
        Optional.ofNullable(rs.getString("u_panel_user_id")),
        optInstant(rs, "u_blocked_bot_at"));
  }

  static Plan plan(ResultSet rs) throws SQLException {
    Map<String, Money> prices = new LinkedHashMap<>();
    Array currencies = rs.getArray("p_currencies");
    Array amounts = rs.getArray("p_amounts");
    if (currencies != null && amounts != null) {
      Object[] cs = (Object[]) currencies.getArray();
      Object[] as = (Object[]) amounts.getArray();
      for (int i = 0; i < cs.length; i++) {
        String currency = (String) cs[i];
        prices.put(currency, new Money(((Number) as[i]).longValue(), currency));
      }
    }
    List<UUID> squads = new ArrayList<>();
    Array squadArray = rs.getArray("p_internal_squads");
    if (squadArray != null) {
      for (Object o : (Object[]) squadArray.getArray()) {
        squads.add((UUID) o);
      }
    }
    return new Plan(
        rs.getLong("p_id"),
        rs.getString("p_code"),
        rs.getString("p_title"),
        rs.getInt("p_duration_days"),
        rs.getLong("p_traffic_limit_bytes"),
        TrafficResetStrategy.valueOf(rs.getString("p_traffic_reset_strategy")),
        rs.getInt("p_device_limit"),
        squads,
        prices,
        rs.getBoolean("p_active"),
        rs.getInt("p_sort_order"),
        instant(rs, "p_created_at"),
        instant(rs, "p_updated_at"));
  }

  static Subscription subscription(ResultSet rs) throws SQLException {
    return subscription(rs, positions(rs, SUBSCRIPTION_LABELS));
  }

  /**
   * A mapper for many subscription rows of one result set: it looks the columns up by label on the
   * first row only (the driver finds a label through a map on every call) and reads by position.
   * One per query.
   */
  static DirectQuery.RowMapper<Subscription> subscriptions() {
    return new DirectQuery.RowMapper<>() {
      private int @Nullable [] at;

      @Override
      public Subscription map(ResultSet rs) throws SQLException {
        int[] columns = at;
        if (columns == null) {
          columns = positions(rs, SUBSCRIPTION_LABELS);
          at = columns;
        }
        return subscription(rs, columns);
      }
    };
  }

  private static Subscription subscription(ResultSet rs, int[] c) throws SQLException {
    return new Subscription(
        rs.getLong(c[0]),
        rs.getLong(c[1]),
        optLong(rs, c[2]),
        Optional.ofNullable(rs.getObject(c[3], UUID.class)),
        SubscriptionStatus.valueOf(rs.getString(c[4])),
        instant(rs, c[5], SUBSCRIPTION_LABELS[5]),
        instant(rs, c[6], SUBSCRIPTION_LABELS[6]),
        rs.getBoolean(c[7]),
        rs.getBoolean(c[8]),
        instant(rs, c[9], SUBSCRIPTION_LABELS[9]),
        instant(rs, c[10], SUBSCRIPTION_LABELS[10]),
        Optional.ofNullable(rs.getString(c[11])),
        Optional.ofNullable(rs.getString(c[12])));
  }

  static Payment payment(ResultSet rs) throws SQLException {
    return new Payment(
        rs.getLong("y_id"),
        rs.getLong("y_user_id"),
        rs.getString("y_provider"),
        Optional.ofNullable(rs.getString("y_external_id")),
        rs.getString("y_idempotency_key"),
        new Money(rs.getLong("y_amount_minor"), rs.getString("y_currency")),
        PaymentStatus.valueOf(rs.getString("y_status")),
        optLong(rs, "y_plan_id"),
        optLong(rs, "y_promo_code_id"),
        instant(rs, "y_created_at"),
        optInstant(rs, "y_paid_at"),
        optInstant(rs, "y_refunded_at"),
        optInt(rs, "y_credited_days"),
        rs.getLong("y_refunded_minor"));
  }

  static PromoCode promo(ResultSet rs) throws SQLException {
    int max = rs.getInt("c_max_activations");
    Optional<Integer> maxActivations = rs.wasNull() ? Optional.empty() : Optional.of(max);
    return new PromoCode(
        rs.getLong("c_id"),
        rs.getString("c_code"),
        PromoKind.valueOf(rs.getString("c_kind")),
        rs.getInt("c_value"),
        maxActivations,
        rs.getInt("c_per_user_limit"),
        rs.getInt("c_activations_count"),
        optInstant(rs, "c_valid_until"),
        rs.getBoolean("c_active"),
        instant(rs, "c_created_at"));
  }

  static PromoActivation activation(ResultSet rs) throws SQLException {
    return new PromoActivation(
        rs.getLong("a_id"),
        rs.getLong("a_promo_code_id"),
        rs.getLong("a_user_id"),
        rs.getInt("a_activation_no"),
        optLong(rs, "a_payment_id"),
        instant(rs, "a_activated_at"));
  }

  static ReferralReward reward(ResultSet rs) throws SQLException {
    return new ReferralReward(
        rs.getLong("r_id"),
        rs.getLong("r_referrer_id"),
        rs.getLong("r_referred_id"),
        optLong(rs, "r_payment_id"),
        rs.getInt("r_bonus_days"),
        instant(rs, "r_created_at"));
  }

  static OutboxMessage outbox(ResultSet rs) throws SQLException {
    return new OutboxMessage(
        rs.getLong("o_id"),
        rs.getString("o_kind"),
        Optional.ofNullable(rs.getString("o_dedupe_key")),
        rs.getString("o_payload"),
        OutboxStatus.valueOf(rs.getString("o_status")),
        rs.getInt("o_attempts"),
        instant(rs, "o_available_at"),
        Optional.ofNullable(rs.getString("o_last_error")),
        instant(rs, "o_created_at"),
        optInstant(rs, "o_finished_at"));
  }

  /** A NOT NULL timestamp column. */
  static Instant instant(ResultSet rs, String column) throws SQLException {
    return optInstant(rs, column)
        .orElseThrow(
            () ->
                new SQLException(
                    "column " + column + " is NULL but the shop schema declares it NOT NULL"));
  }

  /** A timestamp column that may be NULL. */
  static Optional<Instant> optInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? Optional.empty() : Optional.of(value.toInstant());
  }

  /** A NOT NULL timestamp column, by position; {@code label} names it in the error. */
  private static Instant instant(ResultSet rs, int column, String label) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    if (value == null) {
      throw new SQLException(
          "column " + label + " is NULL but the shop schema declares it NOT NULL");
    }
    return value.toInstant();
  }

  private static Optional<Long> optLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(value);
  }

  static Optional<Integer> optInt(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(value);
  }

  static Optional<Long> optLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(value);
  }
}
