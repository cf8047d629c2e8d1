package io.github.remnawaveshop.payments.paypal;

import io.github.remnawaveshop.core.payment.Money;
import java.util.Set;

/**
 * Amount strings as PayPal writes them: a plain decimal with the currency's minor-unit digits
 * ({@code 9.99} USD, {@code 500} JPY, {@code 1.250} BHD). PayPal takes HUF and TWD in whole units
 * only although ISO 4217 gives them two decimals, so those must be whole amounts and are written
 * without decimals. Stateless.
 */
final class PayPalAmounts {
  /** Currencies PayPal refuses decimals for although ISO 4217 has them. */
  private static final Set<String> WHOLE_UNITS_ONLY = Set.of("HUF", "TWD");

  private PayPalAmounts() {}

  /**
   * The {@code value} string for an amount.
   *
   * @throws IllegalArgumentException for a HUF or TWD amount with a fraction
   */
  static String format(Money amount) {
    if (WHOLE_UNITS_ONLY.contains(amount.currency())) {
      int digits = Money.fractionDigits(amount.currency());
      long unit = (long) Math.pow(10, digits);
      if (amount.minorUnits() % unit != 0) {
        throw new IllegalArgumentException(
            "PayPal takes "
                + amount.currency()
                + " amounts in whole units only; "
                + amount
                + " has a fraction");
      }
      return Long.toString(amount.minorUnits() / unit);
    }
    return amount.toDecimalString();
  }

  /**
   * Parses PayPal's {@code {currency_code, value}}.
   *
   * @throws IllegalArgumentException when the value is not a decimal or has too many fraction
   *     digits
   */
  static Money parse(String value, String currencyCode) {
    return Money.parse(value, currencyCode);
  }
}
