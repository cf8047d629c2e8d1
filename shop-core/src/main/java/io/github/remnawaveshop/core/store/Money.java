package io.github.remnawaveshop.core.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money in minor units of a currency: cents for {@code USD}, kopecks for {@code RUB},
 * whole Stars for Telegram's {@code XTR}. The currency is any three capital letters, so codes outside
 * ISO 4217 such as {@code XTR} are allowed; the number of minor-unit digits is the caller's business.
 *
 * @param minorUnits the amount in minor units, zero or more
 * @param currency three capital letters, e.g. {@code EUR} or {@code XTR}
 */
public record Money(long minorUnits, String currency) {
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  /** Validates the amount and the currency code. */
  public Money {
    Objects.requireNonNull(currency, "currency");
    if (minorUnits < 0) {
      throw new IllegalArgumentException("minorUnits must be >= 0 but was " + minorUnits);
    }
    checkCurrency(currency);
  }

  /**
   * Shorthand for the constructor.
   *
   * @param minorUnits the amount in minor units, zero or more
   * @param currency three capital letters
   * @return the amount
   */
  public static Money of(long minorUnits, String currency) {
    return new Money(minorUnits, currency);
  }

  static String checkCurrency(String currency) {
    if (!CURRENCY.matcher(currency).matches()) {
      throw new IllegalArgumentException("currency must be three capital letters (e.g. USD, XTR) but was '" + currency + "'");
    }
    return currency;
  }

  @Override
  public String toString() {
    return minorUnits + " " + currency;
  }
}
