package io.github.remnawaveshop.core.payment;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The routing rules of one gateway: where and for which amounts the {@link PaymentRouter} offers
 * it. An empty set means "no restriction". Immutable.
 *
 * @param gatewayId the gateway these rules are for
 * @param languages buyer languages (ISO 639, lower case, e.g. {@code ru}) the gateway is offered to
 * @param countries buyer countries (ISO 3166 alpha-2, upper case) the gateway is offered to
 * @param minimumAmounts per currency, the smallest amount in minor units the gateway accepts
 * @param maximumAmounts per currency, the largest amount in minor units the gateway accepts
 */
public record GatewayRoute(
    String gatewayId,
    Set<String> languages,
    Set<String> countries,
    Map<String, Long> minimumAmounts,
    Map<String, Long> maximumAmounts) {

  /** Validates and copies; normalises the case of languages, countries and currencies. */
  public GatewayRoute {
    Objects.requireNonNull(gatewayId, "gatewayId");
    if (gatewayId.isBlank()) {
      throw new IllegalArgumentException("gatewayId must not be blank");
    }
    languages =
        Set.copyOf(
            Objects.requireNonNull(languages, "languages").stream()
                .map(l -> l.toLowerCase(Locale.ROOT))
                .toList());
    countries =
        Set.copyOf(
            Objects.requireNonNull(countries, "countries").stream()
                .map(c -> c.toUpperCase(Locale.ROOT))
                .toList());
    minimumAmounts = upperKeys(minimumAmounts, "minimumAmounts");
    maximumAmounts = upperKeys(maximumAmounts, "maximumAmounts");
    for (Map.Entry<String, Long> min : minimumAmounts.entrySet()) {
      Long max = maximumAmounts.get(min.getKey());
      if (max != null && max < min.getValue()) {
        throw new IllegalArgumentException(
            "maximum amount "
                + max
                + " "
                + min.getKey()
                + " of gateway '"
                + gatewayId
                + "' is below its minimum "
                + min.getValue());
      }
    }
  }

  /** Rules with no restriction at all for a gateway. */
  public static GatewayRoute unrestricted(String gatewayId) {
    return new GatewayRoute(gatewayId, Set.of(), Set.of(), Map.of(), Map.of());
  }

  /** A copy offered only to buyers with one of these languages. */
  public GatewayRoute withLanguages(String... languageCodes) {
    return new GatewayRoute(
        gatewayId, Set.of(languageCodes), countries, minimumAmounts, maximumAmounts);
  }

  /** A copy offered only to buyers in one of these countries. */
  public GatewayRoute withCountries(String... countryCodes) {
    return new GatewayRoute(
        gatewayId, languages, Set.of(countryCodes), minimumAmounts, maximumAmounts);
  }

  /**
   * A copy that accepts amounts of this currency between {@code min} and {@code max} minor units.
   */
  public GatewayRoute withAmountLimits(String currency, long min, long max) {
    Map<String, Long> mins = new TreeMap<>(minimumAmounts);
    Map<String, Long> maxs = new TreeMap<>(maximumAmounts);
    mins.put(currency.toUpperCase(Locale.ROOT), min);
    maxs.put(currency.toUpperCase(Locale.ROOT), max);
    return new GatewayRoute(gatewayId, languages, countries, mins, maxs);
  }

  /** Whether these rules allow offering the gateway for this amount, language and country. */
  boolean allows(Money amount, String language, java.util.Optional<String> country) {
    if (!languages.isEmpty() && !languages.contains(language)) {
      return false;
    }
    if (!countries.isEmpty() && (country.isEmpty() || !countries.contains(country.get()))) {
      return false;
    }
    Long min = minimumAmounts.get(amount.currency());
    Long max = maximumAmounts.get(amount.currency());
    return (min == null || amount.minorUnits() >= min)
        && (max == null || amount.minorUnits() <= max);
  }

  private static Map<String, Long> upperKeys(Map<String, Long> map, String name) {
    Objects.requireNonNull(map, name);
    Map<String, Long> copy = new TreeMap<>();
    map.forEach(
        (k, v) -> {
          if (v == null || v < 0) {
            throw new IllegalArgumentException(
                name + " for " + k + " must be zero or more; was " + v);
          }
          copy.put(k.toUpperCase(Locale.ROOT), v);
        });
    return Map.copyOf(copy);
  }
}
