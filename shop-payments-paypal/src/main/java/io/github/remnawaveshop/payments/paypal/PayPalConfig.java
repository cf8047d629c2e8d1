package io.github.remnawaveshop.payments.paypal;

import io.github.remnawaveshop.core.payment.Secret;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The checked configuration of one {@link PayPalGateway}, made by {@link
 * PayPalSettings#validate()}. Immutable; package-private (the public way in is {@code
 * PayPalGateway.builder()…build()}).
 *
 * @param apiBase the API base, ending with {@code /}
 * @param apiBaseOverridden whether {@code api-base} replaced the environment's own base
 * @param httpClient the client to call through when the gateway was given one (shared, or from
 *     shared resources); empty when the gateway builds, owns and closes its own
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
}
