package io.github.remnawaveshop.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** {@link SubscriptionRepository} on Jdbi. */
final class JdbiSubscriptionRepository implements SubscriptionRepository {
  private static final String SELECT =
      "SELECT " + Rows.SUBSCRIPTION + " FROM {s}.shop_subscriptions s ";
  static final String FIND_ACTIVE = SELECT + "WHERE s.user_id = :userId AND s.status = 'ACTIVE'";
  private static final String INSERT =
      "INSERT INTO {s}.shop_subscriptions AS s (user_id, plan_id, panel_user_uuid,"
          + " status, starts_at, ends_at, trial, auto_renew, created_at, updated_at)"
          + " VALUES (:userId, :planId, :panelUserUuid, :status, :startsAt, :endsAt, :trial, :autoRenew, :now, :now)"
          + " RETURNING "
          + Rows.SUBSCRIPTION;

  /** The "my subscription" view: one row per user, the active subscription and plan joined in. */
  static final String VIEW =
      "SELECT "
          + Rows.USER
          + ", "
          + Rows.SUBSCRIPTION
          + ", "
          + Rows.PLAN
          + " FROM {s}.shop_users u"
          + " LEFT JOIN {s}.shop_subscriptions s ON s.user_id = u.id AND s.status = 'ACTIVE'"
          + " LEFT JOIN {s}.shop_plans p ON p.id = s.plan_id"
          + Rows.PLAN_PRICES_JOIN
          + " ";

  /**
   * The expiring page. The limit is written into the SQL (it is a validated int), not bound: with a
   * bound LIMIT a server-prepared statement's generic plan guesses the limit and may sort the whole
   * window instead of reading the index in order; the first page also skips the keyset condition.
   */
  static String expiring(boolean firstPage, int limit) {
    return SELECT
        + "WHERE s.status = 'ACTIVE' AND s.ends_at >= :from AND s.ends_at < :to"
        + (firstPage ? "" : " AND (s.ends_at, s.id) > (:afterAt, :afterId)")
        + " ORDER BY s.ends_at, s.id LIMIT "
        + limit;
  }

  private static final String UPDATE_PREFIX =
      "UPDATE {s}.shop_subscriptions s SET updated_at = GREATEST(s.updated_at, :now), ";
  private static final String RETURNING = " RETURNING " + Rows.SUBSCRIPTION;

  private final Db db;

  JdbiSubscriptionRepository(Db db) {
    this.db = db;
  }

  @Override
  public Subscription create(NewSubscription subscription) {
    return db.with(
        "create subscription",
        h ->
            h.createQuery(db.sql(INSERT))
                .bind("userId", subscription.userId())
                .bind("planId", subscription.planId().orElse(null))
                .bindByType("panelUserUuid", subscription.panelUserUuid().orElse(null), UUID.class)
                .bind("status", subscription.status().name())
                .bind("startsAt", Db.ts(Db.micros(subscription.startsAt())))
                .bind("endsAt", Db.ts(Db.micros(subscription.endsAt())))
                .bind("trial", subscription.trial())
                .bind("autoRenew", subscription.autoRenew())
                .bind("now", Db.ts(db.now()))
                .map((rs, ctx) -> Rows.subscription(rs))
                .one());
  }

  @Override
  public Optional<Subscription> findById(long id) {
    String sql = db.sql(SELECT + "WHERE s.id = :id");
    return db.with(
        "find subscription",
        h -> h.createQuery(sql).bind("id", id).map((rs, ctx) -> Rows.subscription(rs)).findOne());
  }

  @Override
  public Optional<Subscription> findActiveByUserId(long userId) {
    return db.findOne(
        "find active subscription",
        db.sql(FIND_ACTIVE),
        new DirectQuery.Params().set("userId", userId),
        Rows::subscription);
  }

  @Override
  public Optional<Subscription> lockActiveByUserId(long userId) {
    String sql = db.sql(FIND_ACTIVE + " FOR UPDATE");
    return db.with(
        "lock active subscription",
        h ->
            h.createQuery(sql)
                .bind("userId", userId)
                .map((rs, ctx) -> Rows.subscription(rs))
                .findOne());
  }

  @Override
  public List<Subscription> findByPanelUserUuid(UUID panelUserUuid) {
    String sql = db.sql(SELECT + "WHERE s.panel_user_uuid = :uuid ORDER BY s.id DESC");
    return db.with(
        "find subscriptions",
        h ->
            h.createQuery(sql)
                .bind("uuid", panelUserUuid)
                .map((rs, ctx) -> Rows.subscription(rs))
                .list());
  }

  @Override
  public Page<Subscription> listByUser(long userId, PageRequest request) {
    String sql =
        db.sql(
            SELECT
                + "WHERE s.user_id = :userId AND s.id < :before ORDER BY s.id DESC LIMIT :limit");
    return Cursors.pageById(
        db.with(
            "list subscriptions",
            h ->
                h.createQuery(sql)
                    .bind("userId", userId)
                    .bind("before", Cursors.idBefore(request))
                    .bind("limit", request.size() + 1)
                    .map((rs, ctx) -> Rows.subscription(rs))
                    .list()),
        request.size(),
        Subscription::id);
  }

  @Override
  public Optional<SubscriptionView> viewByTelegramId(long telegramId) {
    return view("u.telegram_id = :v", telegramId);
  }

  @Override
  public Optional<SubscriptionView> viewByUserId(long userId) {
    return view("u.id = :v", userId);
  }

  private Optional<SubscriptionView> view(String where, long value) {
    return db.findOne(
        "read subscription view",
        db.sql(VIEW + "WHERE " + where),
        new DirectQuery.Params().set("v", value),
        rs -> {
          User user = Rows.user(rs);
          rs.getLong("s_id");
          Optional<Subscription> subscription =
              rs.wasNull() ? Optional.empty() : Optional.of(Rows.subscription(rs));
          rs.getLong("p_id");
          Optional<Plan> plan = rs.wasNull() ? Optional.empty() : Optional.of(Rows.plan(rs));
          return new SubscriptionView(user, subscription, plan);
        });
  }

  @Override
  public Page<Subscription> listActiveEndingBetween(Instant from, Instant to, PageRequest request) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Optional<Cursors.TimeKey> after = Cursors.timeKey(request);
    DirectQuery.Params params =
        new DirectQuery.Params().set("from", Db.ts(from)).set("to", Db.ts(to));
    after.ifPresent(key -> params.set("afterAt", Db.ts(key.at())).set("afterId", key.id()));
    List<Subscription> rows =
        db.list(
            "list expiring subscriptions",
            db.sql(expiring(after.isEmpty(), request.size() + 1)),
            params,
            Rows.subscriptions());
    return Cursors.page(rows, request.size(), s -> Cursors.timeCursor(s.endsAt(), s.id()));
  }

  @Override
  public Optional<Subscription> extend(long id, Duration by) {
    Objects.requireNonNull(by, "by");
    if (by.isNegative() || by.isZero()) {
      throw new IllegalArgumentException("by must be positive but was " + by);
    }
    long micros = by.toNanos() / 1000;
    String sql =
        db.sql(
            UPDATE_PREFIX
                + "ends_at = GREATEST(s.ends_at, :now) + :micros * interval '1 microsecond'"
                + " WHERE s.id = :id AND s.status = 'ACTIVE'"
                + RETURNING);
    return db.with(
        "extend subscription",
        h ->
            h.createQuery(sql)
                .bind("micros", micros)
                .bind("id", id)
                .bind("now", Db.ts(db.now()))
                .map((rs, ctx) -> Rows.subscription(rs))
                .findOne());
  }

  @Override
  public Optional<Subscription> setEndsAt(long id, Instant endsAt) {
    return update(
        "ends_at = :v", id, Db.ts(Db.micros(Objects.requireNonNull(endsAt, "endsAt"))), "");
  }

  @Override
  public Optional<Subscription> setPlan(long id, long planId, boolean trial) {
    String sql =
        db.sql(UPDATE_PREFIX + "plan_id = :planId, trial = :trial WHERE s.id = :id" + RETURNING);
    return db.with(
        "update subscription",
        h ->
            h.createQuery(sql)
                .bind("planId", planId)
                .bind("trial", trial)
                .bind("id", id)
                .bind("now", Db.ts(db.now()))
                .map((rs, ctx) -> Rows.subscription(rs))
                .findOne());
  }

  @Override
  public Optional<Subscription> setPanelUserUuid(long id, UUID panelUserUuid) {
    return update(
        "panel_user_uuid = :v", id, Objects.requireNonNull(panelUserUuid, "panelUserUuid"), "");
  }

  @Override
  public Optional<Subscription> setAutoRenew(long id, boolean autoRenew) {
    return update("auto_renew = :v", id, autoRenew, "");
  }

  @Override
  public Optional<Subscription> transition(
      long id, SubscriptionStatus from, SubscriptionStatus to) {
    Objects.requireNonNull(from, "from");
    return update(
        "status = :v",
        id,
        Objects.requireNonNull(to, "to").name(),
        " AND s.status = '" + from.name() + "'");
  }

  private Optional<Subscription> update(
      String set, long id, @Nullable Object value, String extraWhere) {
    String sql = db.sql(UPDATE_PREFIX + set + " WHERE s.id = :id" + extraWhere + RETURNING);
    return db.with(
        "update subscription",
        h ->
            h.createQuery(sql)
                .bind("v", value)
                .bind("id", id)
                .bind("now", Db.ts(db.now()))
                .map((rs, ctx) -> Rows.subscription(rs))
                .findOne());
  }

  @Override
  public List<Subscription> expireEnded(Instant now, int limit) {
    checkLimit(limit);
    String sql =
        db.sql(
            UPDATE_PREFIX
                + "status = 'EXPIRED' WHERE s.id IN (SELECT d.id FROM {s}.shop_subscriptions d"
                + " WHERE d.status = 'ACTIVE' AND d.ends_at <= :at ORDER BY d.ends_at, d.id LIMIT :limit FOR UPDATE SKIP LOCKED)"
                + " AND s.status = 'ACTIVE'"
                + RETURNING);
    return db.with(
        "expire subscriptions",
        h ->
            h.createQuery(sql)
                .bind("at", Db.ts(now))
                .bind("limit", limit)
                .bind("now", Db.ts(db.now()))
                .map((rs, ctx) -> Rows.subscription(rs))
                .list());
  }

  static void checkLimit(int limit) {
    if (limit < 1 || limit > PageRequest.MAX_SIZE) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + PageRequest.MAX_SIZE + " but was " + limit);
    }
  }

  @Override
  public long countActive() {
    String sql = db.sql("SELECT count(*) FROM {s}.shop_subscriptions WHERE status = 'ACTIVE'");
    return db.with("count subscriptions", h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private static final String CREDIT =
      "WITH up AS (UPDATE {s}.shop_subscriptions s SET"
          + " ends_at = GREATEST(s.ends_at, :now) + make_interval(hours => 24 * :days),"
          + " plan_id = COALESCE(:planId, s.plan_id), trial = s.trial AND :trial, updated_at = GREATEST(s.updated_at, :now)"
          + " WHERE s.user_id = :userId AND s.status = 'ACTIVE' RETURNING s.*),"
          + " ins AS (INSERT INTO {s}.shop_subscriptions (user_id, plan_id, status, starts_at, ends_at, trial, auto_renew,"
          + " created_at, updated_at) SELECT :userId, :planId, 'ACTIVE', :now, :now + make_interval(hours => 24 * :days), :trial,"
          + " false, :now, :now WHERE NOT EXISTS (SELECT 1 FROM up) RETURNING *)"
          + " SELECT "
          + Rows.SUBSCRIPTION
          + " FROM (SELECT * FROM up UNION ALL SELECT * FROM ins) s";

  @Override
  public Subscription credit(long userId, Optional<Long> planId, int days, boolean trial) {
    if (days < 0 || days > 36600) {
      throw new IllegalArgumentException("days must be between 0 and 36600 but was " + days);
    }
    String sql = db.sql(CREDIT);
    return db.with(
        "credit subscription",
        h ->
            h.createQuery(sql)
                .bind("userId", userId)
                .bindByType("planId", planId.orElse(null), Long.class)
                .bind("days", days)
                .bind("trial", trial)
                .bind("now", Db.ts(db.now()))
                .map((rs, ctx) -> Rows.subscription(rs))
                .one());
  }

  @Override
  public Optional<Subscription> takeBack(long userId, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("days must be 0 or more but was " + days);
    }
    String end = "GREATEST(s.ends_at - make_interval(hours => 24 * :days), :now, s.starts_at)";
    String sql =
        db.sql(
            UPDATE_PREFIX
                + "ends_at = "
                + end
                + ", status = CASE WHEN "
                + end
                + " > :now THEN 'ACTIVE' ELSE 'EXPIRED' END WHERE s.user_id = :userId AND s.status = 'ACTIVE'"
                + RETURNING);
    return db.with(
        "take days back",
        h ->
            h.createQuery(sql)
                .bind("days", days)
                .bind("userId", userId)
                .bind("now", Db.ts(db.now()))
                .map((rs, ctx) -> Rows.subscription(rs))
                .findOne());
  }

  @Override
  public Optional<Subscription> findLatestByUserId(long userId) {
    String sql =
        db.sql(
            SELECT
                + "WHERE s.user_id = :userId"
                + " ORDER BY (s.status = 'ACTIVE') DESC, s.ends_at DESC, s.id DESC LIMIT 1");
    return db.with(
        "find latest subscription",
        h ->
            h.createQuery(sql)
                .bind("userId", userId)
                .map((rs, ctx) -> Rows.subscription(rs))
                .findOne());
  }

  @Override
  public Optional<Subscription> setRenewal(long id, String provider, String reference) {
    NewPayment.checkProvider(provider);
    Objects.requireNonNull(reference, "reference");
    if (reference.isEmpty() || reference.length() > 255) {
      throw new IllegalArgumentException(
          "reference must be 1 to 255 characters but had " + reference.length());
    }
    String sql =
        db.sql(
            UPDATE_PREFIX
                + "auto_renew = true, renewal_provider = :provider, renewal_reference = :ref"
                + " WHERE s.id = :id"
                + RETURNING);
    return db.with(
        "set renewal",
        h ->
            h.createQuery(sql)
                .bind("provider", provider)
                .bind("ref", reference)
                .bind("id", id)
                .bind("now", Db.ts(db.now()))
                .map((rs, ctx) -> Rows.subscription(rs))
                .findOne());
  }

  @Override
  public List<Subscription> listRenewalsDue(Instant from, Instant to, int limit) {
    checkLimit(limit);
    String sql =
        db.sql(
            SELECT
                + "WHERE s.status = 'ACTIVE' AND s.auto_renew AND s.plan_id IS NOT NULL"
                + " AND s.renewal_provider IS NOT NULL AND s.ends_at > :from AND s.ends_at <= :to ORDER BY s.ends_at, s.id"
                + " LIMIT "
                + limit);
    return db.with(
        "list renewals due",
        h ->
            h.createQuery(sql)
                .bind("from", Db.ts(Objects.requireNonNull(from, "from")))
                .bind("to", Db.ts(Objects.requireNonNull(to, "to")))
                .map((rs, ctx) -> Rows.subscription(rs))
                .list());
  }

  @Override
  public List<UserSubscription> listLatestEndingAfter(
      Instant horizon, long afterUserId, int limit) {
    checkLimit(limit);
    String sql =
        db.sql(
            "SELECT "
                + Rows.USER
                + ", "
                + Rows.SUBSCRIPTION
                + " FROM {s}.shop_users u"
                + " JOIN LATERAL (SELECT * FROM {s}.shop_subscriptions x WHERE x.user_id = u.id"
                + " ORDER BY (x.status = 'ACTIVE') DESC, x.ends_at DESC, x.id DESC LIMIT 1) s ON true"
                + " WHERE u.id > :after AND s.ends_at > :horizon ORDER BY u.id LIMIT "
                + limit);
    return db.with(
        "list latest subscriptions",
        h ->
            h.createQuery(sql)
                .bind("after", afterUserId)
                .bind("horizon", Db.ts(Objects.requireNonNull(horizon, "horizon")))
                .map((rs, ctx) -> new UserSubscription(Rows.user(rs), Rows.subscription(rs)))
                .list());
  }

  @Override
  public boolean recordTrial(long userId, int days) {
    if (days < 1 || days > 36600) {
      throw new IllegalArgumentException("days must be between 1 and 36600 but was " + days);
    }
    String sql =
        db.sql(
            "INSERT INTO {s}.shop_trial_grants (user_id, granted_at, days) VALUES (:userId, :now, :days)"
                + " ON CONFLICT DO NOTHING");
    return db.with(
            "record trial",
            h ->
                h.createUpdate(sql)
                    .bind("userId", userId)
                    .bind("now", Db.ts(db.now()))
                    .bind("days", days)
                    .execute())
        == 1;
  }

  /**
   * The CTEs of {@link #creditPlan}, ending in {@code credited} (the subscription after the
   * credit). {@code :userId}, {@code :planId} and {@code :currency} are SQL expressions a caller
   * may replace (the paid-order credit takes them from its {@code paid} CTE, {@link
   * JdbiPaymentRepository}); {@code {guard}} is a condition the insert of a new subscription must
   * also meet.
   */
  static final String CREDIT_PLAN_CTES =
      "cur AS (SELECT s.id, s.plan_id, s.ends_at, s.trial"
          + " FROM {s}.shop_subscriptions s WHERE s.user_id = :userId AND s.status = 'ACTIVE'),"
          + " ratio AS (SELECT CASE WHEN cur.plan_id IS NOT NULL AND cur.plan_id <> :planId AND NOT cur.trial"
          + " AND pa.amount_minor > 0 AND pb.amount_minor > 0"
          + " THEN (pa.amount_minor::float8 / a.duration_days) / (pb.amount_minor::float8 / b.duration_days)"
          + " ELSE 1 END AS r FROM cur"
          + " LEFT JOIN {s}.shop_plans a ON a.id = cur.plan_id LEFT JOIN {s}.shop_plans b ON b.id = :planId"
          + " LEFT JOIN {s}.shop_plan_prices pa ON pa.plan_id = cur.plan_id AND pa.currency = :currency"
          + " LEFT JOIN {s}.shop_plan_prices pb ON pb.plan_id = :planId AND pb.currency = :currency),"
          + " up AS (UPDATE {s}.shop_subscriptions s SET"
          + " ends_at = (CASE WHEN (SELECT r FROM ratio) = 1 THEN GREATEST(s.ends_at, :now) ELSE :now + make_interval(secs =>"
          + " extract(epoch FROM GREATEST(s.ends_at, :now) - :now)::float8 * (SELECT r FROM ratio)) END)"
          + " + make_interval(hours => 24 * :days),"
          + " plan_id = :planId, trial = false, updated_at = GREATEST(s.updated_at, :now)"
          + " WHERE s.user_id = :userId AND s.status = 'ACTIVE' RETURNING s.*),"
          + " ins AS (INSERT INTO {s}.shop_subscriptions (user_id, plan_id, status, starts_at, ends_at, trial, auto_renew,"
          + " created_at, updated_at) SELECT :userId, :planId, 'ACTIVE', :now, :now + make_interval(hours => 24 * :days),"
          + " false, false, :now, :now WHERE NOT EXISTS (SELECT 1 FROM up){guard} RETURNING *),"
          + " credited AS (SELECT * FROM up UNION ALL SELECT * FROM ins)";

  private static final String CREDIT_PLAN =
      "WITH "
          + CREDIT_PLAN_CTES.replace("{guard}", "")
          + " SELECT "
          + Rows.SUBSCRIPTION
          + " FROM credited s";

  @Override
  public Subscription creditPlan(long userId, long planId, int days, String currency) {
    if (days < 0 || days > 36600) {
      throw new IllegalArgumentException("days must be between 0 and 36600 but was " + days);
    }
    Objects.requireNonNull(currency, "currency");
    String sql = db.sql(CREDIT_PLAN);
    return db.with(
        "credit plan",
        h ->
            h.createQuery(sql)
                .bind("userId", userId)
                .bind("planId", planId)
                .bind("days", days)
                .bind("currency", currency)
                .bind("now", Db.ts(db.now()))
                .map((rs, ctx) -> Rows.subscription(rs))
                .one());
  }
}
