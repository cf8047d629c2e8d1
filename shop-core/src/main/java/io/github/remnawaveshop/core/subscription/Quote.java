package io.github.remnawaveshop.core.subscription;

import io.github.remnawaveshop.core.payment.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * The price of a plan for one buyer, with a promo code applied.
 *
 * @param plan the plan
 * @param listPrice the catalog price
 * @param price what the buyer pays
 * @param days the days the purchase gives (plan duration plus promo bonus days)
 * @param promoCode the promo code that was applied, if any
 */
public record Quote(Plan plan, Money listPrice, Money price, int days, Optional<String> promoCode) {

  /** Validates. */
  public Quote {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(listPrice, "listPrice");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(promoCode, "promoCode");
  }
}
