package io.github.remnawaveshop.core.subscription;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A buyer's wish to buy a plan.
 *
 * @param telegramId the buyer
 * @param planCode the plan
 * @param currency the currency to pay in
 * @param promoCode a promo code the buyer entered
 * @param gatewayId the gateway the buyer chose explicitly; otherwise the router picks
 * @param country the buyer's country (ISO 3166 alpha-2), for routing
 * @param recurring whether to ask the gateway for automatic renewal
 * @param returnUrl where redirect-style gateways send the buyer afterwards
 * @param idempotencyKey the caller's key for this purchase (e.g. the Telegram callback query id, or
 *     a per-message key): repeating a purchase with the same key (a redelivered callback, a double
 *     tap) returns the same pending order and checkout instead of opening a second one; 1 to 128
 *     characters
 */
public record PurchaseRequest(
    long telegramId,
    String planCode,
    String currency,
    Optional<String> promoCode,
    Optional<String> gatewayId,
    Optional<String> country,
    boolean recurring,
    Optional<URI> returnUrl,
    Optional<String> idempotencyKey) {

  /**
   * A request without idempotency key (the form before keys existed).
   *
   * @param telegramId the buyer
   * @param planCode the plan
   * @param currency the currency to pay in
   * @param promoCode a promo code the buyer entered
   * @param gatewayId the gateway the buyer chose explicitly
   * @param country the buyer's country
   * @param recurring whether to ask for automatic renewal
   * @param returnUrl where redirect-style gateways send the buyer afterwards
   */
  public PurchaseRequest(
      long telegramId,
      String planCode,
      String currency,
      Optional<String> promoCode,
      Optional<String> gatewayId,
      Optional<String> country,
      boolean recurring,
      Optional<URI> returnUrl) {
    this(
        telegramId,
        planCode,
        currency,
        promoCode,
        gatewayId,
        country,
        recurring,
        returnUrl,
        Optional.empty());
  }

  /** Validates. */
  public PurchaseRequest {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    if (idempotencyKey.isPresent()
        && (idempotencyKey.get().isBlank() || idempotencyKey.get().length() > 128)) {
      throw new IllegalArgumentException(
          "idempotencyKey must be 1 to 128 characters but was '" + idempotencyKey.get() + "'");
    }
    Objects.requireNonNull(planCode, "planCode");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(promoCode, "promoCode");
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(returnUrl, "returnUrl");
  }

  /** A request with no promo code, gateway choice, country or return URL. */
  public static PurchaseRequest of(long telegramId, String planCode, String currency) {
    return new PurchaseRequest(
        telegramId,
        planCode,
        currency,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.empty());
  }

  /** The same request with a promo code. */
  public PurchaseRequest withPromoCode(String code) {
    return new PurchaseRequest(
        telegramId,
        planCode,
        currency,
        Optional.of(code),
        gatewayId,
        country,
        recurring,
        returnUrl,
        idempotencyKey);
  }

  /** The same request with the buyer's choice of gateway. */
  public PurchaseRequest withGateway(String id) {
    return new PurchaseRequest(
        telegramId,
        planCode,
        currency,
        promoCode,
        Optional.of(id),
        country,
        recurring,
        returnUrl,
        idempotencyKey);
  }

  /** The same request from a buyer in this country. */
  public PurchaseRequest inCountry(String countryCode) {
    return new PurchaseRequest(
        telegramId,
        planCode,
        currency,
        promoCode,
        gatewayId,
        Optional.of(countryCode),
        recurring,
        returnUrl,
        idempotencyKey);
  }

  /** The same request asking for automatic renewal. */
  public PurchaseRequest withRecurring(boolean value) {
    return new PurchaseRequest(
        telegramId,
        planCode,
        currency,
        promoCode,
        gatewayId,
        country,
        value,
        returnUrl,
        idempotencyKey);
  }

  /** The same request with a return URL. */
  public PurchaseRequest withReturnUrl(URI url) {
    return new PurchaseRequest(
        telegramId,
        planCode,
        currency,
        promoCode,
        gatewayId,
        country,
        recurring,
        Optional.of(url),
        idempotencyKey);
  }

  /**
   * The same request with an idempotency key: the same key returns the same pending order and
   * checkout.
   *
   * @param key e.g. the Telegram callback query id
   * @return the copy
   */
  public PurchaseRequest withIdempotencyKey(String key) {
    return new PurchaseRequest(
        telegramId,
        planCode,
        currency,
        promoCode,
        gatewayId,
        country,
        recurring,
        returnUrl,
        Optional.of(key));
  }
}
