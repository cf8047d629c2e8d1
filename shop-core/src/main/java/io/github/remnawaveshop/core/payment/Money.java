package io.github.remnawaveshop.core.payment;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money in the currency's minor units (cents, kopecks; whole Stars for {@code XTR}).
 * Never a floating-point number.
 *
 * @param minorUnits amount in minor units, zero or more
 * @param currency ISO 4217 code in upper case, or {@code XTR} for Telegram Stars
 */
public record Money(long minorUnits, String currency) {
  private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

  /** Validates the amount and the currency code. */
  public Money {
    Objects.requireNonNull(currency, "currency");
    if (!CODE.matcher(currency).matches()) {
      throw new IllegalArgumentException(
          "currency must be three upper-case letters; was '" + currency + "'");
    }
    if (minorUnits < 0) {
      throw new IllegalArgumentException("minorUnits must be zero or more; was " + minorUnits);
    }
  }

  /** Shorthand for {@code new Money(minorUnits, currency.toUpperCase())}. */
  public static Money of(long minorUnits, String currency) {
    return new Money(
        minorUnits, Objects.requireNonNull(currency, "currency").toUpperCase(Locale.ROOT));
  }

  /**
   * Parses a decimal amount as providers write it ({@code "9.99"}, {@code "199.00"}, {@code "500"}
   * for JPY).
   *
   * @throws IllegalArgumentException if the text is not a number or has more fraction digits than
   *     the currency has
   */
  public static Money parse(String decimal, String currency) {
    Objects.requireNonNull(decimal, "decimal");
    String code = Objects.requireNonNull(currency, "currency").toUpperCase(Locale.ROOT);
    BigDecimal value;
    try {
      value = new BigDecimal(decimal.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("amount '" + decimal + "' is not a decimal number", e);
    }
    int digits = fractionDigits(code);
    BigDecimal minor = value.movePointRight(digits);
    try {
      return new Money(minor.longValueExact(), code);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "amount '" + decimal + "' has more than " + digits + " fraction digits for " + code, e);
    }
  }

  /** Number of fraction digits of a currency: 2 for USD, 0 for JPY and XTR; 2 for unknown codes. */
  public static int fractionDigits(String currency) {
    if ("XTR".equals(currency)) {
      return 0;
    }
    try {
      int digits = Currency.getInstance(currency).getDefaultFractionDigits();
      return digits < 0 ? 2 : digits;
    } catch (IllegalArgumentException unknown) {
      return 2;
    }
  }

  /**
   * The amount as a plain decimal string with exactly the currency's fraction digits, e.g. {@code
   * "9.99"}.
   */
  public String toDecimalString() {
    return BigDecimal.valueOf(minorUnits, fractionDigits(currency)).toPlainString();
  }

  @Override
  public String toString() {
    return toDecimalString() + " " + currency;
  }
}
