package io.github.remnawaveshop.telegram.shop.internal;

import io.github.remnawaveshop.core.payment.Money;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** Dates, money and sizes as users read them. */
public final class Formats {
  private static final Map<String, String> SYMBOLS =
      Map.of("RUB", "₽", "USD", "$", "EUR", "€", "XTR", "⭐");

  private Formats() {}

  /** A date in the user's language, UTC. */
  public static String date(Instant at, String language) {
    return DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag(language))
        .withZone(ZoneOffset.UTC)
        .format(at);
  }

  /** A price: {@code 199 ₽}, {@code $4.99}, {@code 100 ⭐}. */
  public static String money(Money m) {
    String symbol = SYMBOLS.get(m.currency());
    String amount = m.toDecimalString();
    if (amount.endsWith(".00")) {
      amount = amount.substring(0, amount.length() - 3);
    }
    if (symbol == null) {
      return amount + " " + m.currency();
    }
    return "USD".equals(m.currency()) ? symbol + amount : amount + " " + symbol;
  }

  /** A size in bytes: {@code 1.5 GB}; zero is unlimited. */
  public static String bytes(long bytes, String unlimited) {
    if (bytes <= 0) {
      return unlimited;
    }
    double gb = bytes / (1024.0 * 1024 * 1024);
    if (gb >= 1) {
      return String.format(Locale.ROOT, gb >= 100 ? "%.0f GB" : "%.1f GB", gb);
    }
    return String.format(Locale.ROOT, "%.0f MB", bytes / (1024.0 * 1024));
  }
}
