package io.github.remnawaveshop.payments.paypal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.remnawaveshop.core.payment.Checkout;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.GatewayConfigurationException;
import io.github.remnawaveshop.core.payment.GatewayResources;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import io.github.remnawaveshop.core.payment.ProviderHttp;
import io.github.remnawaveshop.core.payment.RefundCapability;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PayPal (REST, Orders v2) as a {@link PaymentGateway} with refunds.
 *
 * <ul>
 *   <li>{@link #createCheckout}: {@code POST /v2/checkout/orders} (intent CAPTURE, the order
 *       reference as {@code reference_id} and {@code custom_id}) with {@code PayPal-Request-Id} =
 *       the idempotency key; the buyer goes to the order's {@code payer-action} link.
 *   <li>{@link #verify}: checks the transmission headers online ({@code verify-webhook-signature})
 *       or offline (SHA256withRSA with PayPal's certificate), refuses transmissions older than the
 *       tolerance, then captures approved orders and reports captures completed, denied and
 *       refunded.
 *   <li>{@link #refund}: {@code POST /v2/payments/captures/{id}/refund} with {@code
 *       PayPal-Request-Id}.
 * </ul>
 *
 * <pre>{@code
 * PaymentGateway paypal = PayPalGateway.builder()
 *     .clientId("AX…")
 *     .clientSecret(Secret.of(System.getenv("PAYPAL_SECRET")))
 *     .webhookId("8PT597110X687430LKGECATA")
 *     .environment(PayPalEnvironment.LIVE)
 *     .defaultReturnUrl(URI.create("https://t.me/my_shop_bot"))
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe and long-lived: build once and share. It holds an OAuth2 token cache, a
 * certificate cache and an {@link OkHttpClient} (given, shared through {@link GatewayResources}, or
 * its own, which {@link #close()} releases). {@link #toString()} shows neither the client secret
 * nor a token.
 */
public final class PayPalGateway implements PaymentGateway, RefundCapability {
  private static final Logger log = LoggerFactory.getLogger(PayPalGateway.class);

  /** The gateway id, also the settings prefix ({@code shop.payments.paypal.*}). */
  public static final String ID = "paypal";

  /** Currencies PayPal's REST API accepts, the default for {@link Builder#currencies}. */
  public static final Set<String> PAYPAL_CURRENCIES =
      Set.of(
          "AUD", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "EUR", "GBP", "HKD", "HUF", "ILS", "JPY",
          "MXN", "MYR", "NOK", "NZD", "PHP", "PLN", "SEK", "SGD", "THB", "TWD", "USD");

  /** The default largest age (and clock skew) of a webhook transmission. */
  public static final Duration DEFAULT_TRANSMISSION_TOLERANCE = Duration.ofMinutes(15);

  private final PayPalEnvironment environment;
  private final PayPalVerification verification;
  private final Set<String> currencies;
  private final Optional<URI> defaultReturnUrl;
  private final Optional<URI> defaultCancelUrl;
  private final Duration transmissionTolerance;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final PayPalApi api;
  private final OnlineVerifier online;
  private final OfflineVerifier offline;
  private final CertificateSource certificates;
  private final WebhookEvents events;
  private final Optional<OkHttpClient> ownClient;

  private PayPalGateway(PayPalConfig c) {
    this.ownClient =
        c.httpClient().isPresent() ? Optional.empty() : Optional.of(ProviderHttp.defaultClient());
    OkHttpClient http = c.httpClient().or(() -> ownClient).orElseThrow();
    this.environment = c.environment();
    this.verification = c.verification();
    this.currencies = c.currencies();
    this.defaultReturnUrl = c.defaultReturnUrl();
    this.defaultCancelUrl = c.defaultCancelUrl();
    this.transmissionTolerance = c.transmissionTolerance();
    this.clock = c.clock();
    this.api = new PayPalApi(http, c.apiBase(), c.clientId(), c.clientSecret(), json, clock);
    this.online = new OnlineVerifier(api, json, c.webhookId());
    this.certificates =
        new CertificateSource(
            http, new CertUrlPolicy(c.certHosts(), c.insecureTestOnlyCertUrlPrefix()), clock);
    this.offline = new OfflineVerifier(certificates, c.webhookId());
    this.events = new WebhookEvents(ID, clock, this::capture);
  }

  /**
   * A builder with the sandbox, online verification, PayPal's currencies and PayPal's certificate
   * hosts.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> supportedCurrencies() {
    return currencies;
  }

  /** The PayPal installation this gateway talks to. */
  public PayPalEnvironment environment() {
    return environment;
  }

  /** How webhooks are verified. */
  public PayPalVerification verification() {
    return verification;
  }

  /**
   * Creates a PayPal order and returns its {@code payer-action} link.
   *
   * @throws IllegalArgumentException for an unsupported currency, a fractional HUF/TWD amount, an
   *     order reference over 127 characters, or no return/cancel URL in the request or the defaults
   * @throws PaymentProviderException when PayPal refuses or cannot be reached, or answers without a
   *     link
   */
  @Override
  public Checkout createCheckout(CheckoutRequest request) {
    Objects.requireNonNull(request, "request");
    if (!currencies.contains(request.amount().currency())) {
      throw new IllegalArgumentException(
          "PayPal gateway does not take "
              + request.amount().currency()
              + "; its currencies are "
              + new java.util.TreeSet<>(currencies)
              + " (setting 'currencies')");
    }
    URI returnUrl =
        request
            .returnUrl()
            .or(() -> defaultReturnUrl)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "PayPal needs a return URL: set CheckoutRequest.returnUrl or the setting 'return-url'"));
    URI cancelUrl = request.cancelUrl().or(() -> defaultCancelUrl).orElse(returnUrl);
    String body = OrderJson.createOrder(json, request, returnUrl, cancelUrl);
    JsonNode order =
        api.postJson(
            api.url("v2/checkout/orders"),
            body,
            Optional.of(RequestIds.of(request.idempotencyKey())));
    String orderId =
        WebhookEvents.text(order, "id")
            .orElseThrow(
                () ->
                    new PaymentProviderException(
                        "PayPal created an order without an id", 200, null, null));
    String link =
        OrderJson.buyerLink(order)
            .orElseThrow(
                () ->
                    new PaymentProviderException(
                        "PayPal order "
                            + orderId
                            + " has neither a payer-action nor an approve link",
                        200,
                        null,
                        null));
    URI url;
    try {
      url = URI.create(link);
    } catch (IllegalArgumentException e) {
      throw new PaymentProviderException(
          "PayPal order " + orderId + " has a buyer link that is not a URL", 200, null, e);
    }
    log.info("PayPal order {} created for order {}", orderId, request.orderReference());
    return Checkout.builder()
        .gatewayId(ID)
        .orderReference(request.orderReference())
        .providerReference(orderId)
        .paymentUrl(url)
        .build();
  }

  /**
   * Verifies a webhook and turns it into a payment fact; an approved order is captured here.
   *
   * @throws PaymentVerificationException when a header is missing, the transmission is older than
   *     the tolerance, the signature does not verify, or the event is malformed
   * @throws PaymentProviderException when capturing an approved order failed in a way worth
   *     retrying (no answer, 429, 5xx): answer the webhook with an error so that PayPal delivers it
   *     again
   */
  @Override
  public VerifiedNotification verify(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    WebhookHeaders headers = WebhookHeaders.from(notification);
    checkTransmissionTime(headers.transmissionTime());
    byte[] raw = notification.body();
    JsonNode event;
    if (verification == PayPalVerification.OFFLINE) {
      offline.verify(headers, raw);
      event = parseEvent(raw);
    } else {
      event = parseEvent(raw);
      online.verify(headers, new String(raw, StandardCharsets.UTF_8));
    }
    return events.handle(event);
  }

  /**
   * Refunds a capture, all of it or the given amount.
   *
   * @param externalPaymentId the capture id ({@link
   *     io.github.remnawaveshop.core.payment.PaymentEvent#externalPaymentId()})
   * @throws IllegalArgumentException for an id that is not a PayPal capture id
   * @throws PaymentProviderException when PayPal refuses or cannot be reached
   */
  @Override
  public RefundResult refund(
      String externalPaymentId, Optional<Money> amount, String idempotencyKey) {
    Objects.requireNonNull(externalPaymentId, "externalPaymentId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    if (!Pattern.matches("[A-Za-z0-9-]{1,64}", externalPaymentId)) {
      throw new IllegalArgumentException("not a PayPal capture id: '" + externalPaymentId + "'");
    }
    JsonNode answer =
        api.postJson(
            api.url("v2/payments/captures", externalPaymentId, "refund"),
            OrderJson.refund(json, amount),
            Optional.of(RequestIds.of(idempotencyKey)));
    String refundId =
        WebhookEvents.text(answer, "id")
            .orElseThrow(
                () ->
                    new PaymentProviderException(
                        "PayPal refund of capture " + externalPaymentId + " answered without an id",
                        200,
                        null,
                        null));
    String status = WebhookEvents.text(answer, "status").orElse("UNKNOWN");
    log.info("PayPal refund {} of capture {}: {}", refundId, externalPaymentId, status);
    return new RefundResult(refundId, status);
  }

  /** How many signing certificates are cached (for tests). */
  int cachedCertificates() {
    return certificates.cachedCount();
  }

  private JsonNode capture(String orderId) {
    return api.postJson(
        api.url("v2/checkout/orders", orderId, "capture"),
        "{}",
        Optional.of(RequestIds.capture(orderId)));
  }

  private void checkTransmissionTime(String text) {
    Instant sent;
    try {
      sent = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new PaymentVerificationException(
          Reason.MALFORMED, "PayPal webhook transmission time is not ISO-8601");
    }
    Duration age = Duration.between(sent, clock.instant()).abs();
    if (age.compareTo(transmissionTolerance) > 0) {
      throw new PaymentVerificationException(
          Reason.EXPIRED,
          "PayPal webhook transmitted at "
              + sent
              + " is outside the tolerance of "
              + transmissionTolerance
              + " around now ("
              + clock.instant()
              + ")");
    }
  }

  private JsonNode parseEvent(byte[] raw) {
    try {
      JsonNode node = json.readTree(raw);
      if (node == null || !node.isObject()) {
        throw new PaymentVerificationException(
            Reason.MALFORMED, "PayPal webhook body is not a JSON object");
      }
      return node;
    } catch (java.io.IOException e) {
      throw new PaymentVerificationException(Reason.MALFORMED, "PayPal webhook body is not JSON");
    }
  }

  /** The client this gateway built for itself and closes, if it did (for tests). */
  Optional<OkHttpClient> ownClient() {
    return ownClient;
  }

  /**
   * Releases the HTTP client this gateway built for itself, if it did; a shared or given client
   * stays open.
   */
  @Override
  public void close() {
    ownClient.ifPresent(ProviderHttp::release);
  }

  @Override
  public String toString() {
    return "PayPalGateway["
        + environment.name().toLowerCase(Locale.ROOT)
        + ", verification="
        + verification.name().toLowerCase(Locale.ROOT)
        + "]";
  }

  /**
   * Builder of {@link PayPalGateway}; not thread-safe. {@link #build()} checks every setting and
   * names each bad one (never showing the client secret).
   */
  public static final class Builder {
    // the values, their parsing and their checks live in PayPalSettings, so this class stays the
    // PayPal calls
    private final PayPalSettings draft = new PayPalSettings();

    private Builder() {}

    /**
     * Reads the {@code shop.payments.paypal.*} settings (see {@code docs/payments/paypal.md}):
     * {@code client-id}, {@code client-secret}, {@code webhook-id} (required), {@code environment},
     * {@code api-base}, {@code verification}, {@code return-url}, {@code cancel-url}, {@code
     * currencies}, {@code cert-hosts}, {@code transmission-tolerance} and the test-only {@code
     * insecure-test-only-cert-url-prefix}.
     *
     * @throws GatewayConfigurationException naming every missing or bad setting at once
     */
    public Builder settings(GatewaySettings settings) {
      draft.read(Objects.requireNonNull(settings, "settings"));
      return this;
    }

    /** The REST app's client id (not secret, but kept out of logs anyway). */
    public Builder clientId(String clientId) {
      draft.clientId = clientId;
      return this;
    }

    /** The REST app's secret. */
    public Builder clientSecret(Secret clientSecret) {
      draft.clientSecret = clientSecret;
      return this;
    }

    /** The id PayPal gave the webhook registered for this shop; part of every signed message. */
    public Builder webhookId(String webhookId) {
      draft.webhookId = webhookId;
      return this;
    }

    /** Sandbox (default) or live. */
    public Builder environment(PayPalEnvironment environment) {
      draft.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /** Overrides the environment's API base (tests, proxies). */
    public Builder apiBase(URI apiBase) {
      draft.apiBase = apiBase;
      return this;
    }

    /** Online (default) or offline webhook verification. */
    public Builder verification(PayPalVerification verification) {
      draft.verification = Objects.requireNonNull(verification, "verification");
      return this;
    }

    /**
     * Where PayPal sends the buyer after approving, when the checkout request has no return URL.
     */
    public Builder defaultReturnUrl(URI url) {
      draft.defaultReturnUrl = url;
      return this;
    }

    /**
     * Where PayPal sends a buyer who cancels, when the request has none (default: the return URL).
     */
    public Builder defaultCancelUrl(URI url) {
      draft.defaultCancelUrl = url;
      return this;
    }

    /** The currencies to accept (default {@link #PAYPAL_CURRENCIES}); three-letter codes. */
    public Builder currencies(Set<String> currencies) {
      draft.currencies(currencies);
      return this;
    }

    /**
     * The hosts PayPal certificates may be fetched from for offline verification (default: PayPal's
     * four API hosts). Each must be {@code paypal.com} or under it; {@code *.paypal.com} allows
     * every subdomain.
     *
     * @throws IllegalArgumentException for a host outside paypal.com
     */
    public Builder certHosts(Set<String> hosts) {
      draft.certHosts(hosts);
      return this;
    }

    /**
     * FOR TESTS ONLY: also accept certificate URLs that start with this prefix, over http or https,
     * on any host (e.g. a MockWebServer's {@code http://127.0.0.1:PORT/certs/}). Anyone who can
     * make your server accept their certificate can forge PayPal webhooks, so never set this in
     * production; the gateway logs a warning when it is set.
     *
     * @param prefix an absolute http(s) URL ending with {@code /}
     */
    public Builder insecureTestOnlyCertUrlPrefix(String prefix) {
      draft.insecureTestOnlyCertUrlPrefix(prefix);
      return this;
    }

    /** The largest difference between a transmission's time and now (default 15 minutes). */
    public Builder transmissionTolerance(Duration tolerance) {
      draft.transmissionTolerance(tolerance);
      return this;
    }

    /**
     * The clock for token expiry, certificate validity and transmission age (default: the
     * resources' clock, else the UTC system clock).
     */
    public Builder clock(Clock clock) {
      draft.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The HTTP client to call through (default: the {@link #resources} client, else a new {@link
     * ProviderHttp#defaultClient()} the gateway owns); the gateway does not close a client given
     * here.
     */
    public Builder httpClient(OkHttpClient httpClient) {
      draft.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * The shop's shared resources: calls go through {@code resources.httpClient()} (certificate
     * fetches through a {@code newBuilder()} variant that follows no redirects, sharing its pool),
     * and the clock is {@code resources.clock()} unless {@link #clock} is set. The gateway does not
     * close the shared client.
     */
    public Builder resources(GatewayResources resources) {
      draft.resources = Objects.requireNonNull(resources, "resources");
      return this;
    }

    /**
     * Builds the gateway.
     *
     * @throws GatewayConfigurationException naming every missing or bad setting
     */
    public PayPalGateway build() {
      PayPalConfig config = draft.validate();
      config
          .insecureTestOnlyCertUrlPrefix()
          .ifPresent(
              prefix ->
                  log.warn(
                      "PayPal gateway accepts webhook "
                          + "certificates from '{}' (insecure-test-only-cert-url-prefix): anyone serving a certificate there can "
                          + "forge PayPal webhooks. Never use this outside tests.",
                      prefix));
      if (config.apiBaseOverridden()) {
        log.info(
            "PayPal gateway uses the API base {} instead of the {} one",
            config.apiBase(),
            config.environment().name().toLowerCase(Locale.ROOT));
      }
      PayPalGateway gateway = new PayPalGateway(config);
      log.info(
          "PayPal gateway ready: {}, currencies {}",
          gateway,
          new java.util.TreeSet<>(config.currencies()));
      return gateway;
    }
  }
}
