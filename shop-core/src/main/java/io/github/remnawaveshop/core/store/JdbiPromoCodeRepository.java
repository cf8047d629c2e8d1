package io.github.remnawaveshop.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@link PromoCodeRepository} on Jdbi. Codes compare by {@code lower(code)}, which a unique index
 * covers.
 */
final class JdbiPromoCodeRepository implements PromoCodeRepository {
  private static final String SELECT = "SELECT " + Rows.PROMO + " FROM {s}.shop_promo_codes c ";
  static final String FIND_BY_CODE = SELECT + "WHERE lower(c.code) = lower(:code)";
  private static final String INSERT =
      "INSERT INTO {s}.shop_promo_codes AS c (code, kind, value, max_activations,"
          + " per_user_limit, valid_until, active, created_at)"
          + " VALUES (:code, :kind, :value, :maxActivations, :perUserLimit, :validUntil, :active, :now)"
          + " RETURNING "
          + Rows.PROMO;
  private static final String INSERT_ACTIVATION =
      "INSERT INTO {s}.shop_promo_activations AS a"
          + " (promo_code_id, user_id, activation_no, payment_id, activated_at)"
          + " VALUES (:promoCodeId, :userId, :activationNo, :paymentId, :now) RETURNING "
          + Rows.ACTIVATION;
  private static final String SELECT_ACTIVATIONS =
      "SELECT " + Rows.ACTIVATION + " FROM {s}.shop_promo_activations a ";

  private final Db db;

  JdbiPromoCodeRepository(Db db) {
    this.db = db;
  }

  @Override
  public PromoCode create(NewPromoCode code) {
    return db.with(
        "create promo code",
        h ->
            h.createQuery(db.sql(INSERT))
                .bind("code", code.code())
                .bind("kind", code.kind().name())
                .bind("value", code.value())
                .bind("maxActivations", code.maxActivations().orElse(null))
                .bind("perUserLimit", code.perUserLimit())
                .bindByType(
                    "validUntil",
                    code.validUntil().map(Db::micros).map(Db::ts).orElse(null),
                    java.time.OffsetDateTime.class)
                .bind("active", code.active())
                .bind("now", Db.ts(db.now()))
                .map((rs, ctx) -> Rows.promo(rs))
                .one());
  }

  @Override
  public Optional<PromoCode> findById(long id) {
    String sql = db.sql(SELECT + "WHERE c.id = :id");
    return db.with(
        "find promo code",
        h -> h.createQuery(sql).bind("id", id).map((rs, ctx) -> Rows.promo(rs)).findOne());
  }

  @Override
  public Optional<PromoCode> findByCode(String code) {
    return db.findOne(
        "find promo code",
        db.sql(FIND_BY_CODE),
        new DirectQuery.Params().set("code", Objects.requireNonNull(code, "code")),
        Rows::promo);
  }

  @Override
  public Page<PromoCode> list(PageRequest request, boolean activeOnly) {
    String sql =
        db.sql(
            SELECT
                + "WHERE c.id < :before"
                + (activeOnly ? " AND c.active" : "")
                + " ORDER BY c.id DESC LIMIT :limit");
    return Cursors.pageById(
        db.with(
            "list promo codes",
            h ->
                h.createQuery(sql)
                    .bind("before", Cursors.idBefore(request))
                    .bind("limit", request.size() + 1)
                    .map((rs, ctx) -> Rows.promo(rs))
                    .list()),
        request.size(),
        PromoCode::id);
  }

  @Override
  public Optional<PromoCode> setActive(long id, boolean active) {
    String sql =
        db.sql(
            "UPDATE {s}.shop_promo_codes c SET active = :active WHERE c.id = :id RETURNING "
                + Rows.PROMO);
    return db.with(
        "update promo code",
        h ->
            h.createQuery(sql)
                .bind("active", active)
                .bind("id", id)
                .map((rs, ctx) -> Rows.promo(rs))
                .findOne());
  }

  @Override
  public PromoActivationResult activate(String code, long userId, Optional<Long> paymentId) {
    Objects.requireNonNull(code, "code");
    return activate("lower(c.code) = lower(:key)", code, userId, paymentId);
  }

  @Override
  public PromoActivationResult activate(long promoCodeId, long userId, Optional<Long> paymentId) {
    return activate("c.id = :key", promoCodeId, userId, paymentId);
  }

  private PromoActivationResult activate(
      String where, Object key, long userId, Optional<Long> paymentId) {
    Objects.requireNonNull(paymentId, "paymentId");
    String lock = db.sql(SELECT + "WHERE " + where + " FOR UPDATE");
    String count =
        db.sql(
            "SELECT count(*) FROM {s}.shop_promo_activations WHERE user_id = :userId AND promo_code_id = :id");
    String bump =
        db.sql(
            "UPDATE {s}.shop_promo_codes SET activations_count = activations_count + 1 WHERE id = :id");
    return db.atomically(
        "activate promo code",
        h -> {
          Optional<PromoCode> found =
              h.createQuery(lock).bind("key", key).map((rs, ctx) -> Rows.promo(rs)).findOne();
          if (found.isEmpty()) {
            return rejected(PromoActivationResult.Outcome.UNKNOWN_CODE);
          }
          PromoCode promo = found.get();
          Instant now = db.now();
          if (!promo.active()) {
            return rejected(PromoActivationResult.Outcome.INACTIVE);
          }
          if (promo.validUntil().isPresent() && !now.isBefore(promo.validUntil().get())) {
            return rejected(PromoActivationResult.Outcome.EXPIRED);
          }
          if (promo.maxActivations().isPresent()
              && promo.activationsCount() >= promo.maxActivations().get()) {
            return rejected(PromoActivationResult.Outcome.EXHAUSTED);
          }
          // the code's row is locked: activations of this code are serialised, so the count is
          // exact
          long used =
              h.createQuery(count)
                  .bind("userId", userId)
                  .bind("id", promo.id())
                  .mapTo(Long.class)
                  .one();
          if (used >= promo.perUserLimit()) {
            return rejected(PromoActivationResult.Outcome.ALREADY_USED);
          }
          PromoActivation activation =
              insertActivation(h, promo.id(), userId, (int) used + 1, paymentId, now);
          h.createUpdate(bump).bind("id", promo.id()).execute();
          return new PromoActivationResult(
              PromoActivationResult.Outcome.ACTIVATED, Optional.of(activation));
        });
  }

  /** Inserts one activation row; the unique (user, code, number) key rejects a duplicate. */
  PromoActivation insertActivation(
      Handle h,
      long promoCodeId,
      long userId,
      int activationNo,
      Optional<Long> paymentId,
      Instant now) {
    return h.createQuery(db.sql(INSERT_ACTIVATION))
        .bind("promoCodeId", promoCodeId)
        .bind("userId", userId)
        .bind("activationNo", activationNo)
        .bind("paymentId", paymentId.orElse(null))
        .bind("now", Db.ts(now))
        .map((rs, ctx) -> Rows.activation(rs))
        .one();
  }

  private static PromoActivationResult rejected(PromoActivationResult.Outcome outcome) {
    return new PromoActivationResult(outcome, Optional.empty());
  }

  @Override
  public List<PromoActivation> listActivationsByUser(long userId) {
    String sql = db.sql(SELECT_ACTIVATIONS + "WHERE a.user_id = :userId ORDER BY a.id DESC");
    return db.with(
        "list promo activations",
        h ->
            h.createQuery(sql).bind("userId", userId).map((rs, ctx) -> Rows.activation(rs)).list());
  }

  @Override
  public List<PromoActivation> listActivationsByPayment(long paymentId) {
    String sql = db.sql(SELECT_ACTIVATIONS + "WHERE a.payment_id = :paymentId ORDER BY a.id");
    return db.with(
        "list promo activations",
        h ->
            h.createQuery(sql)
                .bind("paymentId", paymentId)
                .map((rs, ctx) -> Rows.activation(rs))
                .list());
  }

  @Override
  public int releaseActivations(long paymentId) {
    String sql =
        db.sql(
            "WITH gone AS (DELETE FROM {s}.shop_promo_activations WHERE payment_id = :paymentId"
                + " RETURNING promo_code_id), counted AS (SELECT promo_code_id, count(*) AS n FROM gone GROUP BY promo_code_id),"
                + " bumped AS (UPDATE {s}.shop_promo_codes c SET activations_count = c.activations_count - counted.n"
                + " FROM counted WHERE c.id = counted.promo_code_id RETURNING counted.n)"
                + " SELECT COALESCE(sum(n), 0) FROM bumped");
    return db.with(
        "release promo activations",
        h -> h.createQuery(sql).bind("paymentId", paymentId).mapTo(Integer.class).one());
  }
}
