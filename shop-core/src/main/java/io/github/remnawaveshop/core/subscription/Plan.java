package io.github.remnawaveshop.core.subscription;

import io.github.remnawaveshop.core.payment.Money;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A plan of the catalog, as the engine sells it.
 *
 * @param id the store's id
 * @param code stable code ({@code month}, {@code year})
 * @param title the title shown to buyers
 * @param durationDays days of access one purchase gives
 * @param trafficLimitBytes traffic limit per period, 0 = unlimited
 * @param trafficResetStrategy the panel's reset strategy name ({@code NO_RESET}, {@code MONTH}, …)
 * @param deviceLimit device (HWID) limit, 0 = unlimited
 * @param internalSquads panel internal squad UUIDs the user gets
 * @param prices price per currency code
 */
public record Plan(
    long id,
    String code,
    String title,
    int durationDays,
    long trafficLimitBytes,
    String trafficResetStrategy,
    int deviceLimit,
    List<String> internalSquads,
    Map<String, Money> prices) {

  /** Validates and copies. */
  public Plan {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(trafficResetStrategy, "trafficResetStrategy");
    internalSquads = List.copyOf(internalSquads);
    prices = Map.copyOf(prices);
    if (durationDays < 1) {
      throw new IllegalArgumentException("durationDays must be 1 or more; was " + durationDays);
    }
  }

  /** The price in a currency, when the plan is sold in it. */
  public Optional<Money> price(String currency) {
    return Optional.ofNullable(prices.get(currency));
  }
}
