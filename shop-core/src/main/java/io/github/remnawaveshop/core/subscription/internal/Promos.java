package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.subscription.PromoCodeRejectedException;
import io.github.remnawaveshop.core.subscription.PromoCodeRejectedException.Reason;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Promo code checks and activations, inside the caller's transaction. */
final class Promos {
  private Promos() {}

  /** A promo code row. */
  record PromoRow(long id, String code, String kind, int value, Optional<Integer> maxActivations, int perUserLimit,
      int activations, Optional<Instant> validUntil) {
    boolean bonusDays() {
      return "BONUS_DAYS".equals(kind);
    }
  }

  static Optional<PromoRow> find(Handle h, String code) {
    return h.createQuery("SELECT * FROM shop_promo_codes WHERE lower(code) = lower(:c) AND active")
        .bind("c", code.trim())
        .map((rs, c) -> {
          int max = rs.getInt("max_activations");
          Optional<Integer> maxActivations = rs.wasNull() ? Optional.empty() : Optional.of(max);
          return new PromoRow(rs.getLong("id"), rs.getString("code"), rs.getString("kind"), rs.getInt("value"),
              maxActivations, rs.getInt("per_user_limit"), rs.getInt("activations_count"),
              Optional.ofNullable(Sql.instant(rs, "valid_until")));
        }).findOne();
  }

  static Optional<PromoRow> findById(Handle h, long id) {
    String code = h.createQuery("SELECT code FROM shop_promo_codes WHERE id = :id").bind("id", id)
        .mapTo(String.class).findOne().orElse(null);
    return code == null ? Optional.empty() : find(h, code);
  }

  /** Checks a code for a user without using it. */
  static PromoRow check(Handle h, String code, long userId, Instant now) {
    PromoRow p = find(h, code).orElseThrow(
        () -> new PromoCodeRejectedException(Reason.UNKNOWN, "promo code '" + code + "' does not exist"));
    if (p.validUntil().isPresent() && !p.validUntil().get().isAfter(now)) {
      throw new PromoCodeRejectedException(Reason.EXPIRED, "promo code '" + p.code() + "' expired at "
          + p.validUntil().get());
    }
    if (p.maxActivations().isPresent() && p.activations() >= p.maxActivations().get()) {
      throw new PromoCodeRejectedException(Reason.EXHAUSTED, "promo code '" + p.code() + "' has no activations left");
    }
    if (usedBy(h, p.id(), userId) >= p.perUserLimit()) {
      throw new PromoCodeRejectedException(Reason.ALREADY_USED, "promo code '" + p.code() + "' was already used "
          + p.perUserLimit() + " time(s) by this user");
    }
    return p;
  }

  private static int usedBy(Handle h, long promoId, long userId) {
    return h.createQuery("SELECT count(*) FROM shop_promo_activations WHERE promo_code_id = :p AND user_id = :u")
        .bind("p", promoId).bind("u", userId).mapTo(Integer.class).one();
  }

  /**
   * Records one activation, race-free: the conditional increment on the code's row takes one of the
   * remaining activations (concurrent callers queue on the row lock and re-check the limit), and the unique
   * {@code (user, code, activation_no)} row stops one user taking more than their share.
   *
   * @return empty on success, otherwise why the activation was refused (nothing recorded)
   */
  static Optional<Reason> activate(Handle h, PromoRow promo, long userId, Optional<Long> paymentId, Instant now) {
    int taken = h.createUpdate("UPDATE shop_promo_codes SET activations_count = activations_count + 1 "
            + "WHERE id = :id AND active AND (max_activations IS NULL OR activations_count < max_activations) "
            + "AND (valid_until IS NULL OR valid_until > :now)")
        .bind("id", promo.id()).bind("now", Sql.ts(now)).execute();
    if (taken == 0) {
      boolean expired = promo.validUntil().isPresent() && !promo.validUntil().get().isAfter(now);
      return Optional.of(expired ? Reason.EXPIRED : Reason.EXHAUSTED);
    }
    int used = usedBy(h, promo.id(), userId);
    boolean recorded = used < promo.perUserLimit() && h.createUpdate(
            "INSERT INTO shop_promo_activations (promo_code_id, user_id, activation_no, payment_id, activated_at) "
                + "VALUES (:p, :u, :n, :pay, :now) ON CONFLICT DO NOTHING")
        .bind("p", promo.id()).bind("u", userId).bind("n", used + 1).bind("pay", paymentId.orElse(null))
        .bind("now", Sql.ts(now)).execute() == 1;
    if (!recorded) {
      h.createUpdate("UPDATE shop_promo_codes SET activations_count = activations_count - 1 WHERE id = :id")
          .bind("id", promo.id()).execute();
      return Optional.of(Reason.ALREADY_USED);
    }
    return Optional.empty();
  }
}
