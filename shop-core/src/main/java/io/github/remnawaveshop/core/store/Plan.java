package io.github.remnawaveshop.core.store;

import io.github.remnawaveshop.core.payment.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A plan of the catalog: what a purchase gives and what it costs in each accepted currency.
 *
 * @param id the store's id
 * @param code stable code, e.g. {@code month-1}
 * @param title display title
 * @param durationDays days a purchase adds
 * @param trafficLimitBytes traffic per reset period, {@code 0} for unlimited
 * @param trafficResetStrategy when the panel resets traffic
 * @param deviceLimit HWID device limit, {@code 0} for unlimited
 * @param internalSquads the panel's internal squads a subscriber joins
 * @param prices price per currency code, ordered by currency; unmodifiable
 * @param active whether the catalog offers it
 * @param sortOrder position in the catalog (ascending)
 * @param createdAt when created
 * @param updatedAt when last changed
 */
public record Plan(
    long id,
    String code,
    String title,
    int durationDays,
    long trafficLimitBytes,
    TrafficResetStrategy trafficResetStrategy,
    int deviceLimit,
    List<UUID> internalSquads,
    Map<String, Money> prices,
    boolean active,
    int sortOrder,
    Instant createdAt,
    Instant updatedAt) {

  /** Copies the collections into unmodifiable ones. */
  public Plan {
    internalSquads = List.copyOf(internalSquads);
    prices = NewPlan.copyPrices(prices);
  }

  /**
   * The price in one currency.
   *
   * @param currency three capital letters
   * @return the price, or empty when the plan is not sold in that currency
   */
  public Optional<Money> price(String currency) {
    return Optional.ofNullable(prices.get(currency));
  }
}
