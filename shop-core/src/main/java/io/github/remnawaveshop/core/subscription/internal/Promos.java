package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.store.PromoActivationResult;
import io.github.remnawaveshop.core.store.PromoCode;
import io.github.remnawaveshop.core.store.PromoKind;
import io.github.remnawaveshop.core.store.ShopRepositories;
import io.github.remnawaveshop.core.subscription.PromoCodeRejectedException;
import io.github.remnawaveshop.core.subscription.PromoCodeRejectedException.Reason;
import java.time.Instant;
import java.util.Optional;

/** Promo code checks and activations through the store's promo code repository. */
final class Promos {
  private Promos() {}

  static boolean bonusDays(PromoCode p) {
    return p.kind() == PromoKind.BONUS_DAYS;
  }

  /**
   * Checks a code for a user without using it (quotes); the activation re-checks under the code's
   * row lock.
   */
  static PromoCode check(ShopRepositories repos, String code, long userId, Instant now) {
    PromoCode p =
        repos
            .promoCodes()
            .findByCode(code.trim())
            .orElseThrow(
                () ->
                    new PromoCodeRejectedException(
                        Reason.UNKNOWN, "promo code '" + code + "' does not exist"));
    if (!p.active()) {
      throw new PromoCodeRejectedException(
          Reason.INACTIVE, "promo code '" + p.code() + "' is switched off");
    }
    if (p.validUntil().isPresent() && !p.validUntil().get().isAfter(now)) {
      throw new PromoCodeRejectedException(
          Reason.EXPIRED, "promo code '" + p.code() + "' expired at " + p.validUntil().get());
    }
    if (p.maxActivations().isPresent() && p.activationsCount() >= p.maxActivations().get()) {
      throw new PromoCodeRejectedException(
          Reason.EXHAUSTED, "promo code '" + p.code() + "' has no activations left");
    }
    long used =
        repos.promoCodes().listActivationsByUser(userId).stream()
            .filter(a -> a.promoCodeId() == p.id())
            .count();
    if (used >= p.perUserLimit()) {
      throw new PromoCodeRejectedException(
          Reason.ALREADY_USED,
          "promo code '"
              + p.code()
              + "' was already used "
              + p.perUserLimit()
              + " time(s) by this user");
    }
    return p;
  }

  /**
   * Records one activation, race-free (the store serialises activations of a code on its row lock).
   *
   * @return empty on success, otherwise why the activation was refused (nothing recorded)
   */
  static Optional<Reason> activate(
      ShopRepositories tx, long promoId, long userId, Optional<Long> paymentId) {
    PromoActivationResult result = tx.promoCodes().activate(promoId, userId, paymentId);
    return switch (result.outcome()) {
      case ACTIVATED -> Optional.empty();
      case UNKNOWN_CODE -> Optional.of(Reason.UNKNOWN);
      case INACTIVE -> Optional.of(Reason.INACTIVE);
      case EXPIRED -> Optional.of(Reason.EXPIRED);
      case EXHAUSTED -> Optional.of(Reason.EXHAUSTED);
      case ALREADY_USED -> Optional.of(Reason.ALREADY_USED);
    };
  }
}
