package io.github.remnawaveshop.payments.paypal;

import io.github.remnawaveshop.core.payment.GatewayConfigurationException;
import io.github.remnawaveshop.core.payment.GatewayResources;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.Secret;
import java.net.URI;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link PayPalGateway.Builder} collects, with PayPal's defaults: read from {@link
 * GatewaySettings}, each value checked as it is set, and the whole checked into a {@link
 * PayPalConfig}, so the gateway class holds only the PayPal calls. Not thread-safe;
 * package-private.
 */
final class PayPalSettings {
  private static final Logger log = LoggerFactory.getLogger(PayPalSettings.class);
  private static final Set<String> KNOWN_SETTINGS =
      Set.of(
          "enabled",
          "client-id",
          "client-secret",
          "webhook-id",
          "environment",
          "api-base",
          "verification",
          "return-url",
          "cancel-url",
          "currencies",
          "cert-hosts",
          "insecure-test-only-cert-url-prefix",
          "transmission-tolerance");
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
  Clock clock;
  OkHttpClient httpClient;
  GatewayResources resources;

  /**
   * Reads the settings named in {@link PayPalGateway.Builder#settings}; absent optional ones keep
   * their value.
   *
   * @throws GatewayConfigurationException naming every missing or bad setting at once
   */
  void read(GatewaySettings settings) {
    GatewaySettings.Problems problems = settings.problems();
    problems.require("client-id").ifPresent(v -> clientId = v);
    problems.requireSecret("client-secret").ifPresent(v -> clientSecret = v);
    problems.require("webhook-id").ifPresent(v -> webhookId = v);
    problems.read(
        "environment",
        () ->
            settings
                .get("environment")
                .map(PayPalEnvironment::parse)
                .ifPresent(v -> environment = v));
    problems.read("api-base", () -> apiBase = settings.uri("api-base", null));
    problems.read(
        "verification",
        () ->
            settings
                .get("verification")
                .map(PayPalVerification::parse)
                .ifPresent(v -> verification = v));
    problems.read("return-url", () -> defaultReturnUrl = settings.uri("return-url", null));
    problems.read("cancel-url", () -> defaultCancelUrl = settings.uri("cancel-url", null));
    problems.read(
        "currencies",
        () ->
            settings
                .get("currencies")
                .ifPresent(
                    v -> currencies(new LinkedHashSet<>(settings.list("currencies", List.of())))));
    problems.read(
        "cert-hosts",
        () ->
            settings
                .get("cert-hosts")
                .ifPresent(
                    v -> certHosts(new LinkedHashSet<>(settings.list("cert-hosts", List.of())))));
    problems.read(
        "insecure-test-only-cert-url-prefix",
        () ->
            settings
                .get("insecure-test-only-cert-url-prefix")
                .ifPresent(this::insecureTestOnlyCertUrlPrefix));
    problems.read(
        "transmission-tolerance",
        () ->
            transmissionTolerance(
                settings.duration(
                    "transmission-tolerance", PayPalGateway.DEFAULT_TRANSMISSION_TOLERANCE)));
    for (String name : settings.names()) {
      if (!KNOWN_SETTINGS.contains(name)) {
        log.warn(
            "PayPal setting '{}' is not known and is ignored (known: {})", name, KNOWN_SETTINGS);
      }
    }
    problems.throwIfAny();
  }

  /** Three-letter codes, upper-cased. */
  void currencies(Set<String> codes) {
    Set<String> upper = new LinkedHashSet<>();
    for (String c : Objects.requireNonNull(codes, "currencies")) {
      String code = c.trim().toUpperCase(Locale.ROOT);
      if (!code.matches("[A-Z]{3}")) {
        throw new IllegalArgumentException(
            "currencies must be three-letter codes; was '" + c + "'");
      }
      upper.add(code);
    }
    if (upper.isEmpty()) {
      throw new IllegalArgumentException("currencies must not be empty");
    }
    currencies = upper;
  }

  /** Hosts under paypal.com. */
  void certHosts(Set<String> hosts) {
    Objects.requireNonNull(hosts, "hosts");
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("certificate hosts must not be empty");
    }
    hosts.forEach(CertUrlPolicy::checkPayPalOwned);
    certHosts = Set.copyOf(hosts);
  }

  /** An absolute http(s) URL ending with {@code /}, or null. */
  void insecureTestOnlyCertUrlPrefix(String prefix) {
    if (prefix != null && !(prefix.matches("(?i)https?://[^/?#@]+/.*") && prefix.endsWith("/"))) {
      throw new IllegalArgumentException(
          "must be an absolute http(s) URL ending with '/'; was '" + prefix + "'");
    }
    insecureTestOnlyCertUrlPrefix = prefix;
  }

  /** A positive tolerance. */
  void transmissionTolerance(Duration tolerance) {
    Objects.requireNonNull(tolerance, "tolerance");
    if (tolerance.isNegative() || tolerance.isZero()) {
      throw new IllegalArgumentException(
          "transmission tolerance must be positive; was " + tolerance);
    }
    transmissionTolerance = tolerance;
  }

  /**
   * Checks every value; the client is the one given, else the shared resources' client, else none
   * (the gateway builds its own). The clock is the one given, else the resources', else the system
   * clock.
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
    return new PayPalConfig(
        clientId,
        clientSecret,
        webhookId,
        environment,
        baseUrl,
        apiBase != null,
        verification,
        Optional.ofNullable(defaultReturnUrl),
        Optional.ofNullable(defaultCancelUrl),
        currencies,
        certHosts,
        Optional.ofNullable(insecureTestOnlyCertUrlPrefix),
        transmissionTolerance,
        clock != null ? clock : resources != null ? resources.clock() : Clock.systemUTC(),
        Optional.ofNullable(httpClient)
            .or(() -> Optional.ofNullable(resources).map(GatewayResources::httpClient)));
  }

  /** The missing-setting line, worded like {@code GatewaySettings.Problems#require}. */
  private static String missing(String name) {
    return "missing setting '"
        + name
        + "' (property shop.payments.paypal."
        + name
        + " or environment SHOP_PAYMENTS_PAYPAL_"
        + name.toUpperCase(Locale.ROOT).replace('-', '_')
        + ")";
  }

  private static void checkRedirectUrl(List<String> problems, String name, URI url) {
    if (url != null
        && !("https".equalsIgnoreCase(url.getScheme())
            || "http".equalsIgnoreCase(url.getScheme()))) {
      problems.add("setting '" + name + "' must be an http(s) URL; was '" + url + "'");
    }
  }
}
