package io.github.remnawaveshop.core.store;

import io.github.remnawaveshop.core.payment.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@link PaymentRepository} on Jdbi. State changes are single conditional UPDATEs. */
final class JdbiPaymentRepository implements PaymentRepository {
  private static final String SELECT = "SELECT " + Rows.PAYMENT + " FROM {s}.shop_payments y ";
  static final String FIND_BY_EXTERNAL_ID =
      SELECT + "WHERE y.provider = :provider AND y.external_id = :externalId";
  private static final String INSERT =
      "INSERT INTO {s}.shop_payments AS y (user_id, provider, external_id,"
          + " idempotency_key, amount_minor, currency, status, plan_id, promo_code_id, created_at, paid_at)"
          + " VALUES (:userId, :provider, :externalId, :idempotencyKey, :amount, :currency, :status, :planId, :promoCodeId,"
          + " :now, :paidAt)";
  static final String LIST_BY_USER =
      SELECT + "WHERE y.user_id = :userId AND y.id < :before ORDER BY y.id DESC LIMIT :limit";

  /**
   * Payments by time; the limit is written in, as for {@link JdbiSubscriptionRepository#expiring}.
   */
  static String listCreatedBetween(boolean firstPage, int limit) {
    return SELECT
        + "WHERE y.created_at >= :from AND y.created_at < :to"
        + (firstPage ? "" : " AND (y.created_at, y.id) > (:afterAt, :afterId)")
        + " ORDER BY y.created_at, y.id LIMIT "
        + limit;
  }

  private static final String RETURNING = " RETURNING " + Rows.PAYMENT;
  private static final String UPDATE = "UPDATE {s}.shop_payments y SET ";

  private final Db db;

  JdbiPaymentRepository(Db db) {
    this.db = db;
  }

  @Override
  public Payment create(NewPayment payment) {
    return insert(payment, PaymentStatus.PENDING, null, "", "create payment").orElseThrow();
  }

  @Override
  public Optional<Payment> recordPaid(NewPayment payment, Instant paidAt) {
    Objects.requireNonNull(paidAt, "paidAt");
    if (payment.externalId().isEmpty()) {
      throw new IllegalArgumentException("recordPaid needs the provider's externalId");
    }
    return insert(
        payment,
        PaymentStatus.PAID,
        paidAt,
        " ON CONFLICT (provider, external_id) DO NOTHING",
        "record paid payment");
  }

  private Optional<Payment> insert(
      NewPayment payment,
      PaymentStatus status,
      @Nullable Instant paidAt,
      String onConflict,
      String action) {
    Instant now = db.now();
    // a payment confirmed "before" our clock says it was created would break paid_at >= created_at
    Instant created = paidAt != null && Db.micros(paidAt).isBefore(now) ? Db.micros(paidAt) : now;
    String sql = db.sql(INSERT + onConflict + RETURNING);
    return db.with(
        action,
        h ->
            h.createQuery(sql)
                .bind("userId", payment.userId())
                .bind("provider", payment.provider())
                .bind("externalId", payment.externalId().orElse(null))
                .bind("idempotencyKey", payment.idempotencyKey())
                .bind("amount", payment.amount().minorUnits())
                .bind("currency", payment.amount().currency())
                .bind("status", status.name())
                .bind("planId", payment.planId().orElse(null))
                .bind("promoCodeId", payment.promoCodeId().orElse(null))
                .bind("now", Db.ts(created))
                .bindByType(
                    "paidAt",
                    paidAt == null ? null : Db.ts(Db.micros(paidAt)),
                    java.time.OffsetDateTime.class)
                .map((rs, ctx) -> Rows.payment(rs))
                .findOne());
  }

  @Override
  public Optional<Payment> attachExternalId(long id, String externalId) {
    NewPayment.checkExternalId(externalId);
    String sql =
        db.sql(
            UPDATE
                + "external_id = :externalId WHERE y.id = :id AND y.status = 'PENDING'"
                + " AND y.external_id IS NULL"
                + RETURNING);
    return db.with(
        "attach external id",
        h ->
            h.createQuery(sql)
                .bind("externalId", externalId)
                .bind("id", id)
                .map((rs, ctx) -> Rows.payment(rs))
                .findOne());
  }

  @Override
  public Optional<Payment> markPaid(String provider, String externalId, Instant paidAt) {
    NewPayment.checkProvider(provider);
    NewPayment.checkExternalId(externalId);
    String sql =
        db.sql(
            UPDATE
                + "status = 'PAID', paid_at = GREATEST(y.created_at, :paidAt)"
                + " WHERE y.provider = :provider AND y.external_id = :externalId AND y.status = 'PENDING'"
                + RETURNING);
    return db.with(
        "mark payment paid",
        h ->
            h.createQuery(sql)
                .bind("provider", provider)
                .bind("externalId", externalId)
                .bind("paidAt", Db.ts(Db.micros(Objects.requireNonNull(paidAt, "paidAt"))))
                .map((rs, ctx) -> Rows.payment(rs))
                .findOne());
  }

  @Override
  public Optional<Payment> markPaid(long id, String externalId, Instant paidAt) {
    return markPaid(id, externalId, paidAt, null, null);
  }

  @Override
  public Optional<Payment> markPaid(long id, String externalId, Instant paidAt, int creditedDays) {
    return markPaid(id, externalId, paidAt, Integer.valueOf(creditedDays), null);
  }

  @Override
  public Optional<Payment> markPaid(
      long id, String externalId, Instant paidAt, int creditedDays, NewOutboxMessage job) {
    return markPaid(
        id, externalId, paidAt, Integer.valueOf(creditedDays), Objects.requireNonNull(job, "job"));
  }

  private Optional<Payment> markPaid(
      long id,
      String externalId,
      Instant paidAt,
      @Nullable Integer creditedDays,
      @Nullable NewOutboxMessage job) {
    if (creditedDays != null && creditedDays < 0) {
      throw new IllegalArgumentException("creditedDays must be 0 or more but was " + creditedDays);
    }
    NewPayment.checkExternalId(externalId);
    String update =
        UPDATE
            + "status = 'PAID', paid_at = GREATEST(y.created_at, :paidAt), external_id = :externalId"
            + (creditedDays == null ? "" : ", credited_days = :creditedDays")
            + " WHERE y.id = :id AND y.status "
            + (creditedDays == null ? "= 'PENDING'" : "IN ('PENDING', 'CANCELLED', 'FAILED')")
            + " AND (y.external_id IS NULL OR y.external_id = :externalId)"
            + RETURNING;
    // with a job: a data-modifying CTE, the job inserted only for the row the UPDATE returned
    String sql =
        db.sql(
            job == null
                ? update
                : "WITH paid AS ("
                    + update
                    + "), job AS ("
                    + JdbiOutboxRepository.INSERT_FROM.replace("{from}", "paid")
                    + ") SELECT paid.* FROM paid");
    return db.with(
        "mark payment paid",
        h -> {
          var query = h.createQuery(sql);
          if (creditedDays != null) {
            query.bind("creditedDays", creditedDays.intValue());
          }
          if (job != null) {
            JdbiOutboxRepository.bind(query, job, db.now());
          }
          return query
              .bind("id", id)
              .bind("externalId", externalId)
              .bind("paidAt", Db.ts(Db.micros(Objects.requireNonNull(paidAt, "paidAt"))))
              .map((rs, ctx) -> Rows.payment(rs))
              .findOne();
        });
  }

  /**
   * {@link #markPaidAndCreditPlan}: {@code paid} first, so the credit's CTEs see its row and write
   * nothing when it wrote nothing; the credit takes the buyer, the plan and the currency from it.
   */
  private static final String PAID_CREDIT =
      "WITH paid AS ("
          + UPDATE
          + "status = 'PAID', paid_at = GREATEST(y.created_at, :paidAt), external_id = :externalId,"
          + " credited_days = :creditedDays WHERE y.id = :id AND y.status IN ('PENDING', 'CANCELLED', 'FAILED')"
          + " AND (y.external_id IS NULL OR y.external_id = :externalId) AND y.plan_id IS NOT NULL"
          + RETURNING
          + "), "
          + JdbiSubscriptionRepository.CREDIT_PLAN_CTES
              .replace(":userId", "(SELECT y_user_id FROM paid)")
              .replace(":planId", "(SELECT y_plan_id FROM paid)")
              .replace(":currency", "(SELECT y_currency FROM paid)")
              .replace("{guard}", " AND EXISTS (SELECT 1 FROM paid)")
          + ", job AS (INSERT INTO {s}.shop_outbox AS o (kind, dedupe_key, payload, available_at, created_at)"
          + " SELECT :kind, :dedupeKey, CAST(:payload AS jsonb) || jsonb_build_object(CAST(:endsAtField AS text),"
          + " to_char(c.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')), :availableAt, :now"
          + " FROM credited c ON CONFLICT (dedupe_key) DO NOTHING RETURNING o.id)"
          + " SELECT paid.*, "
          + Rows.SUBSCRIPTION
          + " FROM paid CROSS JOIN credited s";

  @Override
  public Optional<PaidCredit> markPaidAndCreditPlan(
      long id,
      String externalId,
      Instant paidAt,
      int creditedDays,
      NewOutboxMessage job,
      String endsAtField) {
    if (creditedDays < 0 || creditedDays > 36600) {
      throw new IllegalArgumentException(
          "creditedDays must be between 0 and 36600 but was " + creditedDays);
    }
    NewPayment.checkExternalId(externalId);
    Objects.requireNonNull(job, "job");
    if (!job.payloadJson().stripLeading().startsWith("{")) {
      throw new IllegalArgumentException(
          "job payload must be a JSON object to take " + endsAtField);
    }
    if (Objects.requireNonNull(endsAtField, "endsAtField").isEmpty()) {
      throw new IllegalArgumentException("endsAtField must not be empty");
    }
    Instant now = db.now();
    return db.findOne(
        "mark payment paid and credit its plan",
        db.sql(PAID_CREDIT),
        JdbiOutboxRepository.bind(new DirectQuery.Params(), job, now)
            .set("creditedDays", creditedDays)
            .set("days", creditedDays)
            .set("endsAtField", endsAtField)
            .set("id", id)
            .set("externalId", externalId)
            .set("paidAt", Db.ts(Db.micros(Objects.requireNonNull(paidAt, "paidAt")))),
        rs -> new PaidCredit(Rows.payment(rs), Rows.subscription(rs)));
  }

  @Override
  public Optional<Payment> markRefunded(String provider, String externalId, Instant refundedAt) {
    String sql =
        db.sql(
            UPDATE
                + "status = 'REFUNDED', refunded_minor = y.amount_minor,"
                + " refunded_at = GREATEST(y.paid_at, :refundedAt)"
                + " WHERE y.provider = :provider AND y.external_id = :externalId AND y.status = 'PAID'"
                + RETURNING);
    return db.with(
        "mark payment refunded",
        h ->
            h.createQuery(sql)
                .bind("provider", provider)
                .bind("externalId", externalId)
                .bind(
                    "refundedAt",
                    Db.ts(Db.micros(Objects.requireNonNull(refundedAt, "refundedAt"))))
                .map((rs, ctx) -> Rows.payment(rs))
                .findOne());
  }

  @Override
  public Optional<Payment> markFailed(long id) {
    return settle(id, PaymentStatus.FAILED);
  }

  @Override
  public Optional<Payment> markCancelled(long id) {
    return settle(id, PaymentStatus.CANCELLED);
  }

  private Optional<Payment> settle(long id, PaymentStatus to) {
    String sql =
        db.sql(UPDATE + "status = :to WHERE y.id = :id AND y.status = 'PENDING'" + RETURNING);
    return db.with(
        "mark payment " + to.name().toLowerCase(java.util.Locale.ROOT),
        h ->
            h.createQuery(sql)
                .bind("to", to.name())
                .bind("id", id)
                .map((rs, ctx) -> Rows.payment(rs))
                .findOne());
  }

  @Override
  public Optional<Payment> findById(long id) {
    String sql = db.sql(SELECT + "WHERE y.id = :id");
    return db.with(
        "find payment",
        h -> h.createQuery(sql).bind("id", id).map((rs, ctx) -> Rows.payment(rs)).findOne());
  }

  @Override
  public Optional<Payment> findByExternalId(String provider, String externalId) {
    return db.findOne(
        "find payment",
        db.sql(FIND_BY_EXTERNAL_ID),
        new DirectQuery.Params().set("provider", provider).set("externalId", externalId),
        Rows::payment);
  }

  @Override
  public Optional<Payment> findByIdempotencyKey(String idempotencyKey) {
    String sql = db.sql(SELECT + "WHERE y.idempotency_key = :key");
    return db.with(
        "find payment",
        h ->
            h.createQuery(sql)
                .bind("key", idempotencyKey)
                .map((rs, ctx) -> Rows.payment(rs))
                .findOne());
  }

  @Override
  public Page<Payment> listByUser(long userId, PageRequest request) {
    String sql = db.sql(LIST_BY_USER);
    return Cursors.pageById(
        db.with(
            "list payments",
            h ->
                h.createQuery(sql)
                    .bind("userId", userId)
                    .bind("before", Cursors.idBefore(request))
                    .bind("limit", request.size() + 1)
                    .map((rs, ctx) -> Rows.payment(rs))
                    .list()),
        request.size(),
        Payment::id);
  }

  @Override
  public Page<Payment> listCreatedBetween(Instant from, Instant to, PageRequest request) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Optional<Cursors.TimeKey> after = Cursors.timeKey(request);
    String sql = db.sql(listCreatedBetween(after.isEmpty(), request.size() + 1));
    List<Payment> rows =
        db.with(
            "list payments",
            h -> {
              var query = h.createQuery(sql).bind("from", Db.ts(from)).bind("to", Db.ts(to));
              after.ifPresent(
                  key -> query.bind("afterAt", Db.ts(key.at())).bind("afterId", key.id()));
              return query.map((rs, ctx) -> Rows.payment(rs)).list();
            });
    return Cursors.page(rows, request.size(), p -> Cursors.timeCursor(p.createdAt(), p.id()));
  }

  @Override
  public List<Payment> listPendingCreatedBefore(Instant before, int limit) {
    JdbiSubscriptionRepository.checkLimit(limit);
    String sql =
        db.sql(
            SELECT
                + "WHERE y.status = 'PENDING' AND y.created_at < :before ORDER BY y.created_at LIMIT :limit");
    return db.with(
        "list pending payments",
        h ->
            h.createQuery(sql)
                .bind("before", Db.ts(Objects.requireNonNull(before, "before")))
                .bind("limit", limit)
                .map((rs, ctx) -> Rows.payment(rs))
                .list());
  }

  @Override
  public Optional<Payment> lockByExternalId(String provider, String externalId) {
    String sql = db.sql(FIND_BY_EXTERNAL_ID + " FOR UPDATE");
    return db.with(
        "lock payment",
        h ->
            h.createQuery(sql)
                .bind("provider", provider)
                .bind("externalId", externalId)
                .map((rs, ctx) -> Rows.payment(rs))
                .findOne());
  }

  @Override
  public Optional<Payment> lockByIdempotencyKey(String idempotencyKey) {
    String sql = db.sql(SELECT + "WHERE y.idempotency_key = :key FOR UPDATE");
    return db.with(
        "lock payment",
        h ->
            h.createQuery(sql)
                .bind("key", Objects.requireNonNull(idempotencyKey, "key"))
                .map((rs, ctx) -> Rows.payment(rs))
                .findOne());
  }

  @Override
  public Optional<Payment> setCreditedDays(long id, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("days must be 0 or more but was " + days);
    }
    String sql = db.sql(UPDATE + "credited_days = :days WHERE y.id = :id" + RETURNING);
    return db.with(
        "set credited days",
        h ->
            h.createQuery(sql)
                .bind("days", days)
                .bind("id", id)
                .map((rs, ctx) -> Rows.payment(rs))
                .findOne());
  }

  @Override
  public boolean hasOtherPaid(long userId, long exceptPaymentId) {
    String sql =
        db.sql(
            "SELECT EXISTS (SELECT 1 FROM {s}.shop_payments WHERE user_id = :userId"
                + " AND status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED') AND id <> :id)");
    return db.with(
        "check first payment",
        h ->
            h.createQuery(sql)
                .bind("userId", userId)
                .bind("id", exceptPaymentId)
                .mapTo(Boolean.class)
                .one());
  }

  @Override
  public Optional<Money> lastPaidPlanPrice(long userId, long planId) {
    String sql =
        db.sql(
            "SELECT pp.amount_minor, pp.currency FROM {s}.shop_payments p"
                + " JOIN {s}.shop_plan_prices pp ON pp.plan_id = :planId AND pp.currency = p.currency"
                + " WHERE p.user_id = :userId AND p.status IN ('PAID', 'PARTIALLY_REFUNDED') ORDER BY p.paid_at DESC LIMIT 1");
    return db.with(
        "read renewal price",
        h ->
            h.createQuery(sql)
                .bind("userId", userId)
                .bind("planId", planId)
                .map((rs, ctx) -> new Money(rs.getLong("amount_minor"), rs.getString("currency")))
                .findOne());
  }

  @Override
  public List<Money> revenueSince(Instant since) {
    String sql =
        db.sql(
            "SELECT currency, sum(amount_minor - refunded_minor) AS total FROM {s}.shop_payments"
                + " WHERE status IN ('PAID', 'PARTIALLY_REFUNDED') AND paid_at >= :since GROUP BY currency ORDER BY currency");
    return db.with(
        "sum revenue",
        h ->
            h.createQuery(sql)
                .bind("since", Db.ts(Objects.requireNonNull(since, "since")))
                .map((rs, ctx) -> new Money(rs.getLong("total"), rs.getString("currency")))
                .list());
  }

  @Override
  public Optional<Payment> markCancelled(String idempotencyKey) {
    String sql =
        db.sql(
            UPDATE
                + "status = 'CANCELLED' WHERE y.idempotency_key = :key AND y.status = 'PENDING'"
                + RETURNING);
    return db.with(
        "cancel payment",
        h ->
            h.createQuery(sql)
                .bind("key", Objects.requireNonNull(idempotencyKey, "key"))
                .map((rs, ctx) -> Rows.payment(rs))
                .findOne());
  }

  @Override
  public Optional<LockedPayment> lockForCredit(
      String idempotencyKey, String provider, String externalId) {
    String sql = db.sql(LOCK_FOR_CREDIT);
    return db.with(
        "lock order",
        h ->
            h.createQuery(sql)
                .bind("key", Objects.requireNonNull(idempotencyKey, "idempotencyKey"))
                .bind("provider", Objects.requireNonNull(provider, "provider"))
                .bind("externalId", Objects.requireNonNull(externalId, "externalId"))
                .bind("ns", JdbiUserRepository.ACCOUNT_LOCK_PREFIX)
                .map((rs, ctx) -> lockedPayment(rs))
                .findOne());
  }

  @Override
  public CreditLock recordDeliveryAndLockForCredit(
      String provider, String eventId, String idempotencyKey, String externalId) {
    NewPayment.checkProvider(provider);
    JdbiWebhookEventRepository.check(eventId);
    return db.findOne(
            "record delivery and lock order",
            db.sql(DELIVERY_AND_LOCK),
            new DirectQuery.Params()
                .set("eventId", eventId)
                .set("now", Db.ts(db.now()))
                .set("key", Objects.requireNonNull(idempotencyKey, "idempotencyKey"))
                .set("provider", provider)
                .set("externalId", Objects.requireNonNull(externalId, "externalId"))
                .set("ns", JdbiUserRepository.ACCOUNT_LOCK_PREFIX),
            rs ->
                new CreditLock(
                    rs.getLong("fresh") > 0,
                    rs.getObject("y_id") == null
                        ? Optional.empty()
                        : Optional.of(lockedPayment(rs))))
        .orElseThrow(() -> new IllegalStateException("the delivery statement returned no row"));
  }

  private static final String LOCK_FOR_CREDIT = lockForCreditSql(false);
  private static final String DELIVERY_AND_LOCK = lockForCreditSql(true);

  /**
   * The order-lock statement. {@code o}: the order, row-locked; {@code l}: the payer's account
   * lock, taken as {@code o}'s row flows out, so after the row lock (the order a refund takes them
   * in); both fenced ({@code MATERIALIZED}) so neither is folded into the outer query. With the
   * delivery, {@code ev} remembers it first and the order is locked only when the delivery is new;
   * the one row then always comes back, its order columns null when nothing was locked.
   */
  private static String lockForCreditSql(boolean withDelivery) {
    String order =
        "SELECT "
            + Rows.PAYMENT
            + ", EXISTS (SELECT 1 FROM {s}.shop_payments t"
            + " WHERE t.provider = :provider AND t.external_id = :externalId AND t.id <> y.id) AS taken,"
            + " pl.duration_days AS plan_days FROM {s}.shop_payments y"
            + " LEFT JOIN {s}.shop_plans pl ON pl.id = y.plan_id WHERE y.idempotency_key = :key"
            + (withDelivery ? " AND EXISTS (SELECT 1 FROM ev)" : "")
            + " FOR UPDATE OF y";
    String locked =
        "SELECT o.*, "
            + Rows.USER
            + " FROM o JOIN l ON l.user_id = o.y_user_id JOIN {s}.shop_users u ON u.id = o.y_user_id";
    String ctes =
        "o AS MATERIALIZED ("
            + order
            + "), l AS MATERIALIZED (SELECT o.y_user_id AS user_id, "
            + JdbiUserRepository.accountLock("o.y_user_id")
            + " AS locked FROM o)";
    if (!withDelivery) {
      return "WITH " + ctes + " " + locked;
    }
    return "WITH ev AS (INSERT INTO {s}.shop_webhook_events (provider, event_id, received_at)"
        + " VALUES (:provider, :eventId, :now) ON CONFLICT DO NOTHING RETURNING 1 AS fresh), "
        + ctes
        + " SELECT (SELECT count(*) FROM ev) AS fresh, x.* FROM (SELECT 1) one LEFT JOIN ("
        + locked
        + ") x ON true";
  }

  private static LockedPayment lockedPayment(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new LockedPayment(
        Rows.payment(rs), rs.getBoolean("taken"), Rows.optInt(rs, "plan_days"), Rows.user(rs));
  }

  @Override
  public Optional<Payment> recordRefund(long id, long refundedTotalMinor, Instant refundedAt) {
    String sql =
        db.sql(
            UPDATE
                + "refunded_minor = :total,"
                + " status = CASE WHEN :total = y.amount_minor THEN 'REFUNDED' ELSE 'PARTIALLY_REFUNDED' END,"
                + " refunded_at = CASE WHEN :total = y.amount_minor THEN GREATEST(y.paid_at, :refundedAt) END"
                + " WHERE y.id = :id AND y.status IN ('PAID', 'PARTIALLY_REFUNDED') AND :total > y.refunded_minor"
                + " AND :total <= y.amount_minor"
                + RETURNING);
    return db.with(
        "record refund",
        h ->
            h.createQuery(sql)
                .bind("total", refundedTotalMinor)
                .bind("id", id)
                .bind(
                    "refundedAt",
                    Db.ts(Db.micros(Objects.requireNonNull(refundedAt, "refundedAt"))))
                .map((rs, ctx) -> Rows.payment(rs))
                .findOne());
  }
}
