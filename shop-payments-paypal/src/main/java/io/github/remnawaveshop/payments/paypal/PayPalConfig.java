package io.github.remnawaveshop.payments.paypal;

import io.github.remnawaveshop.core.payment.GatewayConfigurationException;
import io.github.remnawaveshop.core.payment.Secret;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The checked configuration of one {@link PayPalGateway}: what {@link PayPalGateway.Builder} collected,
 * validated here so the gateway class holds only the PayPal calls. Immutable; package-private (the public way
 * in is {@code PayPalGateway.builder()…build()}).
 *
 * @param apiBase the API base, ending with {@code /}
 * @param apiBaseOverridden whether {@code api-base} replaced the environment's own base
 */
record PayPalConfig(
    String clientId,
    Secret clientSecret,
    String webhookId,
    PayPalEnvironment environment,
    HttpUrl apiBase,
    boolean apiBaseOverridden,
    PayPalVerification verification,
    Optional<URI> defaultReturnUrl,
    Optional<URI> defaultCancelUrl,
    Set<String> currencies,
    Set<String> certHosts,
    Optional<String> insecureTestOnlyCertUrlPrefix,
    Duration transmissionTolerance,
    Clock clock,
    Optional<OkHttpClient> httpClient) {

  PayPalConfig {
    currencies = Set.copyOf(currencies);
    certHosts = Set.copyOf(certHosts);
  }

  /** The values as the builder collects them, with PayPal's defaults; not thread-safe. */
  static final class Draft {
    String clientId;
    Secret clientSecret;
    String webhookId;
    PayPalEnvironment environment = PayPalEnvironment.SANDBOX;
    URI apiBase;
    PayPalVerification verification = PayPalVerification.ONLINE;
    URI defaultReturnUrl;
    URI defaultCancelUrl;
    Set<String> currencies = PayPalGateway.PAYPAL_CURRENCIES;
    Set<String> certHosts = CertUrlPolicy.DEFAULT_HOSTS;
    String insecureTestOnlyCertUrlPrefix;
    Duration transmissionTolerance = PayPalGateway.DEFAULT_TRANSMISSION_TOLERANCE;
    Clock clock = Clock.systemUTC();
    OkHttpClient httpClient;

    /**
     * Checks every value.
     *
     * @throws GatewayConfigurationException naming every missing or bad setting
     */
    PayPalConfig validate() {
      List<String> problems = new ArrayList<>();
      if (clientId == null || clientId.isBlank()) {
        problems.add(missing("client-id"));
      }
      if (clientSecret == null) {
        problems.add(missing("client-secret"));
      }
      if (webhookId == null || webhookId.isBlank()) {
        problems.add(missing("webhook-id"));
      }
      URI base = apiBase != null ? apiBase : environment.apiBase();
      HttpUrl baseUrl = HttpUrl.parse(base.toString());
      if (baseUrl == null) {
        problems.add("setting 'api-base' must be an http(s) URL; was '" + base + "'");
      } else if (!baseUrl.encodedPath().endsWith("/")) {
        baseUrl = HttpUrl.parse(base + "/");
      }
      checkRedirectUrl(problems, "return-url", defaultReturnUrl);
      checkRedirectUrl(problems, "cancel-url", defaultCancelUrl);
      if (!problems.isEmpty()) {
        throw new GatewayConfigurationException(PayPalGateway.ID, problems);
      }
      return new PayPalConfig(clientId, clientSecret, webhookId, environment, baseUrl, apiBase != null, verification,
          Optional.ofNullable(defaultReturnUrl), Optional.ofNullable(defaultCancelUrl), currencies, certHosts,
          Optional.ofNullable(insecureTestOnlyCertUrlPrefix), transmissionTolerance, clock,
          Optional.ofNullable(httpClient));
    }

    /** The missing-setting line, worded like {@code GatewaySettings.Problems#require}. */
    private static String missing(String name) {
      return "missing setting '" + name + "' (property shop.payments.paypal." + name + " or environment SHOP_PAYMENTS_PAYPAL_"
          + name.toUpperCase(Locale.ROOT).replace('-', '_') + ")";
    }

    private static void checkRedirectUrl(List<String> problems, String name, URI url) {
      if (url != null && !("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme()))) {
        problems.add("setting '" + name + "' must be an http(s) URL; was '" + url + "'");
      }
    }
  }
}
