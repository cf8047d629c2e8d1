package io.github.remnawaveshop.payments.stripe;

import io.github.remnawaveshop.core.payment.GatewayConfigurationException;
import io.github.remnawaveshop.core.payment.GatewayResources;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.Secret;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * What {@link StripeGateway.Builder} collects, with Stripe's defaults: read from {@link
 * GatewaySettings} and checked here into a {@link StripeConfig}, so the gateway class holds only
 * the Stripe calls. Not thread-safe; package-private.
 */
final class StripeSettings {
  Secret secretKey;
  Secret webhookSecret;
  URI apiBase = StripeGateway.DEFAULT_API_BASE;
  String successUrl;
  String cancelUrl;
  Duration tolerance = StripeGateway.DEFAULT_TOLERANCE;
  Set<String> currencies = new LinkedHashSet<>(List.of("USD", "EUR"));
  String apiVersion;
  String recurringInterval = "month";
  int recurringIntervalCount = 1;
  Duration timeout = Duration.ofSeconds(30);
  Clock clock;
  OkHttpClient httpClient;
  GatewayResources resources;

  /** Currency codes, trimmed and upper-cased, blanks dropped. */
  void currencies(String... codes) {
    Set<String> set = new LinkedHashSet<>();
    for (String c : codes) {
      if (!c.isBlank()) {
        set.add(c.trim().toUpperCase(Locale.ROOT));
      }
    }
    currencies = set;
  }

  /**
   * Reads the settings named in {@link StripeGateway.Builder#settings}; absent ones keep their
   * value.
   *
   * @throws GatewayConfigurationException naming every missing setting and every value that cannot
   *     be parsed
   */
  void read(GatewaySettings settings) {
    Objects.requireNonNull(settings, "settings");
    GatewaySettings.Problems problems = settings.problems();
    problems.requireSecret("secret-key").ifPresent(v -> secretKey = v);
    problems.requireSecret("webhook-secret").ifPresent(v -> webhookSecret = v);
    problems.read("api-base", () -> apiBase = settings.uri("api-base", apiBase));
    settings.get("success-url").ifPresent(v -> successUrl = v);
    settings.get("cancel-url").ifPresent(v -> cancelUrl = v);
    problems.read("tolerance", () -> tolerance = settings.duration("tolerance", tolerance));
    problems.read("timeout", () -> timeout = settings.duration("timeout", timeout));
    problems.read(
        "currencies",
        () ->
            settings
                .get("currencies")
                .ifPresent(
                    v ->
                        currencies(settings.list("currencies", List.of()).toArray(String[]::new))));
    settings.get("api-version").ifPresent(v -> apiVersion = v);
    settings
        .get("recurring-interval")
        .ifPresent(v -> recurringInterval = v.toLowerCase(Locale.ROOT));
    settings
        .get("recurring-interval-count")
        .ifPresent(
            v -> {
              try {
                recurringIntervalCount = Integer.parseInt(v);
              } catch (NumberFormatException e) {
                problems.invalid(
                    "recurring-interval-count", "must be a whole number; was '" + v + "'");
              }
            });
    problems.throwIfAny();
  }

  /**
   * Checks every value and picks the client: the one given, else a {@code newBuilder()} variant of
   * the shared resources' client with this gateway's timeout (sharing its pool and dispatcher),
   * else none (the gateway builds its own).
   *
   * @throws GatewayConfigurationException naming every missing or invalid setting, never a secret's
   *     value
   */
  StripeConfig validate() {
    List<String> problems = new ArrayList<>();
    if (secretKey == null) {
      problems.add("missing setting 'secret-key'");
    } else if (secretKey.reveal().startsWith("pk_")) {
      problems.add(
          "setting 'secret-key' holds a publishable key (pk_…); use the secret key sk_test_…/sk_live_…");
    } else if (!secretKey.reveal().matches("(sk|rk)_(test|live)_[A-Za-z0-9]+")) {
      problems.add(
          "setting 'secret-key' must look like sk_test_…, sk_live_… (or a restricted rk_… key); "
              + "the value is not shown");
    }
    if (webhookSecret == null) {
      problems.add("missing setting 'webhook-secret'");
    } else if (!webhookSecret.reveal().matches("whsec_[A-Za-z0-9+/=_-]+")) {
      problems.add(
          "setting 'webhook-secret' must look like whsec_… (the endpoint's signing secret); "
              + "the value is not shown");
    }
    HttpUrl base = checkApiBase(problems);
    checkUrl("success-url", successUrl, problems);
    checkUrl("cancel-url", cancelUrl, problems);
    if (tolerance.isNegative() || tolerance.isZero()) {
      problems.add("setting 'tolerance' must be positive; was " + tolerance);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      problems.add("setting 'timeout' must be positive; was " + timeout);
    }
    if (currencies.isEmpty()) {
      problems.add("setting 'currencies' must name at least one currency");
    }
    for (String c : currencies) {
      if (!c.matches("[A-Z]{3}") || "XTR".equals(c)) {
        problems.add(
            "setting 'currencies' has '"
                + c
                + "', which is not an ISO 4217 code Stripe charges in");
      }
    }
    if (!StripeConfig.INTERVALS.contains(recurringInterval)) {
      problems.add(
          "setting 'recurring-interval' must be day, week, month or year; was '"
              + recurringInterval
              + "'");
    }
    if (recurringIntervalCount < 1) {
      problems.add(
          "setting 'recurring-interval-count' must be 1 or more; was " + recurringIntervalCount);
    }
    if (apiVersion != null && !apiVersion.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}(\\.[a-z]+)?")) {
      problems.add(
          "setting 'api-version' must look like 2024-06-20 or 2025-03-31.basil; was '"
              + apiVersion
              + "'");
    }
    if (!problems.isEmpty()) {
      throw new GatewayConfigurationException(StripeGateway.ID, problems);
    }
    Optional<OkHttpClient> http =
        Optional.ofNullable(httpClient)
            .or(
                () ->
                    Optional.ofNullable(resources)
                        .map(r -> r.httpClient().newBuilder().callTimeout(timeout).build()));
    Clock now = clock != null ? clock : resources != null ? resources.clock() : Clock.systemUTC();
    return new StripeConfig(
        secretKey,
        webhookSecret,
        apiBase,
        base,
        Optional.ofNullable(successUrl),
        Optional.ofNullable(cancelUrl),
        tolerance,
        currencies,
        Optional.ofNullable(apiVersion),
        recurringInterval,
        recurringIntervalCount,
        timeout,
        now,
        http);
  }

  private HttpUrl checkApiBase(List<String> problems) {
    HttpUrl base = HttpUrl.parse(apiBase.toString());
    if (base == null) {
      problems.add("setting 'api-base' must be an http(s) URL; was '" + apiBase + "'");
      return null;
    }
    if (!base.isHttps() && !isLoopback(base.host())) {
      problems.add(
          "setting 'api-base' must use https (plain http only for a loopback test server); was '"
              + apiBase
              + "'");
    }
    return base;
  }

  private static boolean isLoopback(String host) {
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return true;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
  }

  private static void checkUrl(String name, String value, List<String> problems) {
    if (value == null) {
      return;
    }
    try {
      URI uri = URI.create(value.replace("{CHECKOUT_SESSION_ID}", "cs"));
      if (!uri.isAbsolute()
          || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        problems.add("setting '" + name + "' must be an absolute http(s) URL; was '" + value + "'");
      }
    } catch (IllegalArgumentException e) {
      problems.add("setting '" + name + "' is not a valid URL; was '" + value + "'");
    }
  }
}
