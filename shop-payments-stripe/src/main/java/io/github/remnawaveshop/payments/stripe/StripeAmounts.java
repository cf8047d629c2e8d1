package io.github.remnawaveshop.payments.stripe;

import io.github.remnawaveshop.core.payment.Money;
import java.util.Locale;

/**
 * Converts between {@link Money} (ISO 4217 minor units) and Stripe's integer {@code amount} fields.
 * They agree for every currency but one: Stripe keeps the Icelandic króna (ISK) two-decimal for
 * backwards compatibility (5 ISK is {@code 500}), while ISO 4217 gives it no minor unit.
 */
final class StripeAmounts {
  private StripeAmounts() {}

  /** The amount as Stripe expects it in a request. */
  static long toStripe(Money money) {
    return "ISK".equals(money.currency())
        ? Math.multiplyExact(money.minorUnits(), 100L)
        : money.minorUnits();
  }

  /**
   * An amount Stripe reported, as {@link Money}.
   *
   * @throws IllegalArgumentException if the currency is not a three-letter code or the amount is
   *     negative
   */
  static Money fromStripe(long amount, String stripeCurrency) {
    String code = stripeCurrency.toUpperCase(Locale.ROOT);
    if ("ISK".equals(code)) {
      if (amount % 100 != 0) {
        throw new IllegalArgumentException(
            "ISK amount " + amount + " is not a whole number of krónur");
      }
      return new Money(amount / 100, code);
    }
    return new Money(amount, code);
  }

  /** The currency code as Stripe writes it (lower case). */
  static String currency(Money money) {
    return money.currency().toLowerCase(Locale.ROOT);
  }
}
