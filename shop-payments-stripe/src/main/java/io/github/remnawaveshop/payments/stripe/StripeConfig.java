package io.github.remnawaveshop.payments.stripe;

import io.github.remnawaveshop.core.payment.Secret;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The checked configuration of one {@link StripeGateway}, made by {@link
 * StripeSettings#validate()}. Immutable; package-private (the public way in is {@code
 * StripeGateway.builder()…build()}).
 *
 * @param httpClient the client to call through when the gateway was given one (shared, or derived
 *     from shared resources); empty when the gateway builds, owns and closes its own
 * @param timeout the whole-call timeout of a client the gateway builds itself
 */
record StripeConfig(
    Secret secretKey,
    Secret webhookSecret,
    URI apiBase,
    HttpUrl base,
    Optional<String> successUrl,
    Optional<String> cancelUrl,
    Duration tolerance,
    Set<String> currencies,
    Optional<String> apiVersion,
    String recurringInterval,
    int recurringIntervalCount,
    Duration timeout,
    Clock clock,
    Optional<OkHttpClient> httpClient) {

  /** Renewal intervals Stripe accepts. */
  static final Set<String> INTERVALS = Set.of("day", "week", "month", "year");

  StripeConfig {
    currencies = Collections.unmodifiableSet(new LinkedHashSet<>(currencies));
  }

  /** Whether the key is a live-mode key. */
  boolean liveMode() {
    return secretKey.reveal().contains("_live_");
  }
}
