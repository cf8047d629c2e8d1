package io.github.remnawaveshop.core.payment;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@link PaymentRouter} knows about one purchase when it picks gateways.
 *
 * @param amount the amount to pay (its currency decides which gateways can take it)
 * @param language the buyer's language (ISO 639, e.g. {@code ru}); compared in lower case
 * @param country the buyer's country (ISO 3166 alpha-2), when known
 * @param chosenGatewayId the gateway the buyer picked explicitly, when they did
 */
public record RoutingRequest(
    Money amount, String language, Optional<String> country, Optional<String> chosenGatewayId) {

  /** Validates and normalises case. */
  public RoutingRequest {
    Objects.requireNonNull(amount, "amount");
    language = Objects.requireNonNull(language, "language").toLowerCase(Locale.ROOT);
    country = Objects.requireNonNull(country, "country").map(c -> c.toUpperCase(Locale.ROOT));
    Objects.requireNonNull(chosenGatewayId, "chosenGatewayId");
  }

  /** A request with only an amount and a language. */
  public static RoutingRequest of(Money amount, String language) {
    return new RoutingRequest(amount, language, Optional.empty(), Optional.empty());
  }

  /** The same request from a buyer in this country. */
  public RoutingRequest inCountry(String countryCode) {
    return new RoutingRequest(amount, language, Optional.of(countryCode), chosenGatewayId);
  }

  /** The same request with the buyer's explicit choice of gateway. */
  public RoutingRequest choosing(String gatewayId) {
    return new RoutingRequest(amount, language, country, Optional.of(gatewayId));
  }
}
