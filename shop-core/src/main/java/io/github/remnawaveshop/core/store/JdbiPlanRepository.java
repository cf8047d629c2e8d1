package io.github.remnawaveshop.core.store;

import io.github.remnawaveshop.core.payment.Money;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link PlanRepository} on Jdbi; prices live in {@code shop_plan_prices}, one row per currency.
 */
final class JdbiPlanRepository implements PlanRepository {
  static final String SELECT =
      "SELECT " + Rows.PLAN + " FROM {s}.shop_plans p" + Rows.PLAN_PRICES_JOIN + " ";
  private static final String INSERT =
      "INSERT INTO {s}.shop_plans (code, title, duration_days, traffic_limit_bytes,"
          + " traffic_reset_strategy, device_limit, internal_squads, active, sort_order, created_at, updated_at)"
          + " VALUES (:code, :title, :durationDays, :trafficLimitBytes, :strategy, :deviceLimit, :squads, :active,"
          + " :sortOrder, :now, :now) RETURNING id";
  private static final String UPDATE =
      "UPDATE {s}.shop_plans SET code = :code, title = :title,"
          + " duration_days = :durationDays, traffic_limit_bytes = :trafficLimitBytes, traffic_reset_strategy = :strategy,"
          + " device_limit = :deviceLimit, internal_squads = :squads, active = :active, sort_order = :sortOrder,"
          + " updated_at = GREATEST(updated_at, :now) WHERE id = :id RETURNING id";
  private static final String DELETE_PRICES =
      "DELETE FROM {s}.shop_plan_prices WHERE plan_id = :id";
  private static final String INSERT_PRICE =
      "INSERT INTO {s}.shop_plan_prices (plan_id, currency, amount_minor) VALUES (:id, :currency, :amount)";

  private final Db db;

  JdbiPlanRepository(Db db) {
    this.db = db;
  }

  @Override
  public Plan create(NewPlan plan) {
    return db.atomically(
        "create plan",
        h -> {
          long id = bindContent(h.createQuery(db.sql(INSERT)), plan).mapTo(Long.class).one();
          insertPrices(h, id, plan);
          return load(h, id).orElseThrow();
        });
  }

  @Override
  public Optional<Plan> update(long id, NewPlan plan) {
    return db.atomically(
        "update plan",
        h -> {
          Optional<Long> updated =
              bindContent(h.createQuery(db.sql(UPDATE)), plan)
                  .bind("id", id)
                  .mapTo(Long.class)
                  .findOne();
          if (updated.isEmpty()) {
            return Optional.<Plan>empty();
          }
          h.createUpdate(db.sql(DELETE_PRICES)).bind("id", id).execute();
          insertPrices(h, id, plan);
          return load(h, id);
        });
  }

  private <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindContent(
      S statement, NewPlan plan) {
    return statement
        .bind("code", plan.code())
        .bind("title", plan.title())
        .bind("durationDays", plan.durationDays())
        .bind("trafficLimitBytes", plan.trafficLimitBytes())
        .bind("strategy", plan.trafficResetStrategy().name())
        .bind("deviceLimit", plan.deviceLimit())
        .bind("squads", plan.internalSquads().toArray(new UUID[0]))
        .bind("active", plan.active())
        .bind("sortOrder", plan.sortOrder())
        .bind("now", Db.ts(db.now()));
  }

  private void insertPrices(Handle h, long id, NewPlan plan) {
    if (plan.prices().isEmpty()) {
      return;
    }
    PreparedBatch batch = h.prepareBatch(db.sql(INSERT_PRICE));
    for (Money price : plan.prices().values()) {
      batch
          .bind("id", id)
          .bind("currency", price.currency())
          .bind("amount", price.minorUnits())
          .add();
    }
    batch.execute();
  }

  private Optional<Plan> load(Handle h, long id) {
    return h.createQuery(db.sql(SELECT + "WHERE p.id = :id"))
        .bind("id", id)
        .map((rs, ctx) -> Rows.plan(rs))
        .findOne();
  }

  @Override
  public Optional<Plan> findById(long id) {
    return db.with("find plan", h -> load(h, id));
  }

  @Override
  public Optional<Plan> findByCode(String code) {
    String sql = db.sql(SELECT + "WHERE p.code = :code");
    return db.with(
        "find plan",
        h -> h.createQuery(sql).bind("code", code).map((rs, ctx) -> Rows.plan(rs)).findOne());
  }

  @Override
  public List<Plan> listActive() {
    String sql = db.sql(SELECT + "WHERE p.active ORDER BY p.sort_order, p.id");
    return db.with("list plans", h -> h.createQuery(sql).map((rs, ctx) -> Rows.plan(rs)).list());
  }

  @Override
  public List<Plan> listAll() {
    String sql = db.sql(SELECT + "ORDER BY p.sort_order, p.id");
    return db.with("list plans", h -> h.createQuery(sql).map((rs, ctx) -> Rows.plan(rs)).list());
  }

  @Override
  public Optional<Plan> setActive(long id, boolean active) {
    String sql =
        db.sql(
            "UPDATE {s}.shop_plans SET active = :active, updated_at = GREATEST(updated_at, :now)"
                + " WHERE id = :id RETURNING id");
    return db.atomically(
        "update plan",
        h -> {
          Optional<Long> updated =
              h.createQuery(sql)
                  .bind("active", active)
                  .bind("id", id)
                  .bind("now", Db.ts(db.now()))
                  .mapTo(Long.class)
                  .findOne();
          return updated.isEmpty() ? Optional.<Plan>empty() : load(h, id);
        });
  }
}
