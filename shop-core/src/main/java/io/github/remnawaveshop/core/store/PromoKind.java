package io.github.remnawaveshop.core.store;

/** What a promo code gives. */
public enum PromoKind {
  /** {@code value} extra days of service. */
  BONUS_DAYS,
  /** {@code value} percent (1 to 100) off the next purchase. */
  PERCENT_DISCOUNT
}
