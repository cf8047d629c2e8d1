package io.github.remnawaveshop.core.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A promo code. Codes are unique ignoring case and looked up ignoring case.
 *
 * @param id the store's id
 * @param code the code as created
 * @param kind what it gives
 * @param value days for {@link PromoKind#BONUS_DAYS}, percent for {@link
 *     PromoKind#PERCENT_DISCOUNT}
 * @param maxActivations how many activations in total, empty for unlimited
 * @param perUserLimit how many times one user may activate it
 * @param activationsCount activations so far
 * @param validUntil the end of validity, empty for no end
 * @param active whether it can be activated
 * @param createdAt when created
 */
public record PromoCode(
    long id,
    String code,
    PromoKind kind,
    int value,
    Optional<Integer> maxActivations,
    int perUserLimit,
    int activationsCount,
    Optional<Instant> validUntil,
    boolean active,
    Instant createdAt) {

  /**
   * Whether the code can be activated at the given instant (per-user limits aside).
   *
   * @param now the instant to check
   * @return {@code true} when active, not expired and not exhausted
   */
  public boolean isUsable(Instant now) {
    return active
        && validUntil.map(now::isBefore).orElse(true)
        && maxActivations.map(max -> activationsCount < max).orElse(true);
  }
}
