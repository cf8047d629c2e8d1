package io.github.remnawaveshop.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link ReferralRepository} on Jdbi; idempotency comes from two partial unique indexes. */
final class JdbiReferralRepository implements ReferralRepository {
  private static final String INSERT =
      "INSERT INTO {s}.shop_referral_rewards AS r"
          + " (referrer_id, referred_id, payment_id, bonus_days, created_at)"
          + " VALUES (:referrerId, :referredId, :paymentId, :bonusDays, :now) ON CONFLICT DO NOTHING RETURNING "
          + Rows.REWARD;

  private final Db db;

  JdbiReferralRepository(Db db) {
    this.db = db;
  }

  @Override
  public Optional<ReferralReward> grant(
      long referrerId, long referredId, Optional<Long> paymentId, int bonusDays) {
    Objects.requireNonNull(paymentId, "paymentId");
    if (bonusDays < 1 || bonusDays > 36600) {
      throw new IllegalArgumentException(
          "bonusDays must be between 1 and 36600 but was " + bonusDays);
    }
    if (referrerId == referredId) {
      throw new IllegalArgumentException(
          "a user cannot refer themselves (user " + referrerId + ")");
    }
    return db.with(
        "grant referral reward",
        h ->
            h.createQuery(db.sql(INSERT))
                .bind("referrerId", referrerId)
                .bind("referredId", referredId)
                .bind("paymentId", paymentId.orElse(null))
                .bind("bonusDays", bonusDays)
                .bind("now", Db.ts(db.now()))
                .map((rs, ctx) -> Rows.reward(rs))
                .findOne());
  }

  @Override
  public Page<ReferralReward> listByReferrer(long referrerId, PageRequest request) {
    String sql =
        db.sql(
            "SELECT "
                + Rows.REWARD
                + " FROM {s}.shop_referral_rewards r"
                + " WHERE r.referrer_id = :referrerId AND r.id < :before ORDER BY r.id DESC LIMIT :limit");
    return Cursors.pageById(
        db.with(
            "list referral rewards",
            h ->
                h.createQuery(sql)
                    .bind("referrerId", referrerId)
                    .bind("before", Cursors.idBefore(request))
                    .bind("limit", request.size() + 1)
                    .map((rs, ctx) -> Rows.reward(rs))
                    .list()),
        request.size(),
        ReferralReward::id);
  }

  @Override
  public long totalBonusDays(long referrerId) {
    String sql =
        db.sql(
            "SELECT COALESCE(sum(bonus_days), 0) FROM {s}.shop_referral_rewards WHERE referrer_id = :id");
    return db.with(
        "sum referral rewards",
        h -> h.createQuery(sql).bind("id", referrerId).mapTo(Long.class).one());
  }

  @Override
  public List<ReferralReward> listByPayment(long paymentId) {
    String sql =
        db.sql(
            "SELECT "
                + Rows.REWARD
                + " FROM {s}.shop_referral_rewards r WHERE r.payment_id = :paymentId"
                + " ORDER BY r.id");
    return db.with(
        "list referral rewards",
        h ->
            h.createQuery(sql)
                .bind("paymentId", paymentId)
                .map((rs, ctx) -> Rows.reward(rs))
                .list());
  }
}
