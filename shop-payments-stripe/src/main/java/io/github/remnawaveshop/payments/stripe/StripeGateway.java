package io.github.remnawaveshop.payments.stripe;

import static io.github.remnawaveshop.payments.stripe.StripeApi.textOf;

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
import io.github.remnawaveshop.core.payment.ProviderHttp;
import io.github.remnawaveshop.core.payment.RecurringCapability;
import io.github.remnawaveshop.core.payment.RefundCapability;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Stripe payment gateway: creates Checkout Sessions, verifies {@code Stripe-Signature}
 * webhooks, refunds payments ({@link RefundCapability}) and, for checkouts with {@link
 * CheckoutRequest#recurring()}, sets up a Stripe subscription that Stripe renews on its own
 * schedule ({@link RecurringCapability}).
 *
 * <pre>{@code
 * StripeGateway stripe = StripeGateway.builder()
 *     .secretKey(Secret.of(System.getenv("STRIPE_SECRET_KEY")))        // sk_test_… or sk_live_…
 *     .webhookSecret(Secret.of(System.getenv("STRIPE_WEBHOOK_SECRET"))) // whsec_…
 *     .successUrl("https://t.me/my_shop_bot")
 *     .currencies("USD", "EUR")
 *     .build();
 * }</pre>
 *
 * <p>Every POST carries an {@code Idempotency-Key}; see {@code docs/payments/stripe.md} for which
 * Stripe id becomes the {@link
 * io.github.remnawaveshop.core.payment.PaymentEvent#externalPaymentId()} of each event.
 *
 * <p>Immutable and thread-safe: build one per Stripe account and share it. It calls Stripe through
 * the {@link OkHttpClient} given to the builder, a variant of the shared {@link GatewayResources}'
 * client, or one of its own; {@link #close()} releases only its own.
 */
public final class StripeGateway implements PaymentGateway, RefundCapability, RecurringCapability {
  /** The gateway id, also the settings prefix ({@code shop.payments.stripe.*}). */
  public static final String ID = "stripe";

  /** Stripe's API. */
  public static final URI DEFAULT_API_BASE = URI.create("https://api.stripe.com");

  /**
   * How far a signed timestamp may be from now, unless configured otherwise (Stripe's own default).
   */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  /**
   * Prefix of {@link CheckoutRequest#metadata()} keys that steer this gateway instead of being sent
   * to Stripe: {@value #METADATA_RECURRING_INTERVAL} and {@value
   * #METADATA_RECURRING_INTERVAL_COUNT} override the renewal period of one subscription-mode
   * checkout.
   */
  public static final String CONTROL_PREFIX = "stripe.";

  /**
   * Metadata key: renewal interval of one checkout ({@code day}, {@code week}, {@code month},
   * {@code year}).
   */
  public static final String METADATA_RECURRING_INTERVAL = "stripe.recurring.interval";

  /**
   * Metadata key: number of intervals between renewals of one checkout ({@code 3} with {@code
   * month}: quarterly).
   */
  public static final String METADATA_RECURRING_INTERVAL_COUNT = "stripe.recurring.interval_count";

  private static final Logger log = LoggerFactory.getLogger(StripeGateway.class);

  private final boolean liveMode;
  private final URI apiBase;
  private final Optional<String> successUrl;
  private final Optional<String> cancelUrl;
  private final Set<String> currencies;
  private final String recurringInterval;
  private final int recurringIntervalCount;
  private final Duration tolerance;
  private final StripeApi api;
  private final StripeSignatureVerifier verifier;
  private final StripeEventParser parser;
  private final Optional<OkHttpClient> ownClient;
  private final OkHttpClient http;

  private StripeGateway(StripeConfig c) {
    this.liveMode = c.liveMode();
    this.apiBase = c.apiBase();
    this.successUrl = c.successUrl();
    this.cancelUrl = c.cancelUrl();
    this.currencies = c.currencies();
    this.recurringInterval = c.recurringInterval();
    this.recurringIntervalCount = c.recurringIntervalCount();
    this.tolerance = c.tolerance();
    ObjectMapper json = new ObjectMapper();
    this.ownClient =
        c.httpClient().isPresent()
            ? Optional.empty()
            : Optional.of(ProviderHttp.defaultClientBuilder().callTimeout(c.timeout()).build());
    this.http = c.httpClient().or(() -> ownClient).orElseThrow();
    this.api = new StripeApi(http, c.base(), c.secretKey(), c.apiVersion(), json);
    this.verifier = new StripeSignatureVerifier(c.webhookSecret(), c.tolerance(), c.clock());
    this.parser = new StripeEventParser(ID, json);
  }

  /**
   * A builder with Stripe's defaults: the live API base, 300 s tolerance, USD and EUR, monthly
   * renewals.
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

  /**
   * Whether the secret key is a live-mode key ({@code sk_live_…}); test-mode keys move no real
   * money.
   */
  public boolean liveMode() {
    return liveMode;
  }

  /**
   * Creates a Checkout Session ({@code POST /v1/checkout/sessions}, with the request's idempotency
   * key): {@code mode=payment}, or {@code mode=subscription} with a recurring price when the
   * request asks for automatic renewal.
   *
   * @throws IllegalArgumentException when the currency is not supported, or there is no success URL
   *     (neither the request's return URL nor the {@code success-url} setting)
   * @throws PaymentProviderException when Stripe refuses or cannot be reached
   */
  @Override
  public Checkout createCheckout(CheckoutRequest request) {
    Objects.requireNonNull(request, "request");
    requireSupported(request.amount());
    String success =
        request
            .returnUrl()
            .map(URI::toString)
            .or(() -> successUrl)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no success URL for Stripe checkout of order '"
                            + request.orderReference()
                            + "': set the request's returnUrl or the 'success-url' setting"));
    Optional<String> cancel = request.cancelUrl().map(URI::toString).or(() -> cancelUrl);
    String interval =
        request.metadata().getOrDefault(METADATA_RECURRING_INTERVAL, recurringInterval);
    if (!StripeConfig.INTERVALS.contains(interval)) {
      throw new IllegalArgumentException(
          METADATA_RECURRING_INTERVAL
              + " must be day, week, month or year; was '"
              + interval
              + "'");
    }
    int count = intervalCount(request.metadata().get(METADATA_RECURRING_INTERVAL_COUNT));
    StripeForm form = StripeCheckoutForm.of(request, success, cancel, interval, count);
    JsonNode session =
        api.post(List.of("v1", "checkout", "sessions"), form, request.idempotencyKey());
    String id =
        textOf(session, "id").orElseThrow(() -> unexpected("Checkout Session answer has no id"));
    String url =
        textOf(session, "url")
            .orElseThrow(() -> unexpected("Checkout Session " + id + " has no url"));
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw unexpected("Checkout Session " + id + " has an invalid url");
    }
    log.debug(
        "Stripe Checkout Session {} created for order {} ({})",
        id,
        request.orderReference(),
        request.recurring() ? "subscription" : "payment");
    return Checkout.builder()
        .gatewayId(ID)
        .orderReference(request.orderReference())
        .providerReference(id)
        .paymentUrl(uri)
        .build();
  }

  private int intervalCount(String text) {
    if (text == null) {
      return recurringIntervalCount;
    }
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        METADATA_RECURRING_INTERVAL_COUNT
            + " must be a whole number of 1 or more; was '"
            + text
            + "'");
  }

  /**
   * Verifies a webhook delivery: the {@code Stripe-Signature} header against the raw body, the
   * timestamp within the tolerance, then the event. Paying events become {@link
   * io.github.remnawaveshop.core.payment.PaymentEvent}s whose provider event id is the Stripe event
   * id ({@code evt_…}, the same on redelivery); other genuine events are answered {@code 200} and
   * ignored.
   *
   * @throws PaymentVerificationException when the notification is unsigned, forged, too old or too
   *     far in the future, or not a Stripe event
   */
  @Override
  public VerifiedNotification verify(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    byte[] body = notification.body();
    try {
      verifier.verify(notification.header(StripeSignatureVerifier.HEADER), body);
      VerifiedNotification verified = parser.parse(body);
      log.debug(
          "Stripe event {} ({}) verified{}",
          verified.providerEventId(),
          verified.eventType(),
          verified.event().isPresent() ? "" : ", nothing to credit");
      return verified;
    } catch (PaymentVerificationException e) {
      log.warn("Stripe webhook rejected ({}): {}", e.reason(), e.getMessage());
      throw e;
    }
  }

  /**
   * Refunds a payment ({@code POST /v1/refunds}) without a reason or metadata.
   *
   * @see #refund(String, Optional, String, Optional, Map)
   */
  @Override
  public RefundResult refund(
      String externalPaymentId, Optional<Money> amount, String idempotencyKey) {
    return refund(externalPaymentId, amount, idempotencyKey, Optional.empty(), Map.of());
  }

  /**
   * Refunds a payment ({@code POST /v1/refunds} with the idempotency key). The payment is named the
   * way {@link io.github.remnawaveshop.core.payment.PaymentEvent#externalPaymentId()} names it: a
   * PaymentIntent ({@code pi_…}), a charge ({@code ch_…}), or an invoice ({@code in_…},
   * subscription payments), whose payment is looked up first ({@code GET /v1/invoices/{id}}).
   *
   * @param externalPaymentId the paid payment
   * @param amount how much to return, or empty for the whole (remaining) amount
   * @param idempotencyKey unique to this refund attempt, at most 255 characters
   * @param reason the reason to record at Stripe, if any
   * @param metadata non-secret key/values to attach to the refund
   * @return Stripe's refund id ({@code re_…}) and status ({@code succeeded}, {@code pending}, …)
   * @throws IllegalArgumentException for an id of another kind, an unsupported currency, or a blank
   *     key
   * @throws PaymentProviderException when Stripe refuses or cannot be reached
   */
  public RefundResult refund(
      String externalPaymentId,
      Optional<Money> amount,
      String idempotencyKey,
      Optional<StripeRefundReason> reason,
      Map<String, String> metadata) {
    Objects.requireNonNull(externalPaymentId, "externalPaymentId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(metadata, "metadata");
    requireKey(idempotencyKey);
    amount.ifPresent(this::requireSupported);
    StripeForm form = new StripeForm();
    if (externalPaymentId.startsWith("pi_")) {
      form.add("payment_intent", externalPaymentId);
    } else if (externalPaymentId.startsWith("ch_")) {
      form.add("charge", externalPaymentId);
    } else if (externalPaymentId.startsWith("in_")) {
      invoicePayment(externalPaymentId, form);
    } else {
      throw new IllegalArgumentException(
          "externalPaymentId must be a Stripe PaymentIntent (pi_…), charge (ch_…) "
              + "or invoice (in_…) id; was '"
              + externalPaymentId
              + "'");
    }
    amount.ifPresent(m -> form.add("amount", StripeAmounts.toStripe(m)));
    reason.ifPresent(r -> form.add("reason", r.wireValue()));
    new TreeMap<>(metadata).forEach((k, v) -> form.add("metadata[" + k + "]", v));
    JsonNode refund = api.post(List.of("v1", "refunds"), form, idempotencyKey);
    String id = textOf(refund, "id").orElseThrow(() -> unexpected("refund answer has no id"));
    String status = textOf(refund, "status").orElse("unknown");
    log.info("Stripe refund {} of {} is {}", id, externalPaymentId, status);
    return new RefundResult(id, status);
  }

  /**
   * Finds what paid an invoice. Before API version 2025-03-31 the invoice names its {@code
   * payment_intent} (or {@code charge}); from then on its payments are InvoicePayment objects,
   * listed with {@code GET /v1/invoice_payments?invoice=…}.
   */
  private void invoicePayment(String invoiceId, StripeForm form) {
    JsonNode invoice = api.get(List.of("v1", "invoices", invoiceId), Map.of());
    Optional<String> paymentIntent = idOf(invoice, "payment_intent");
    Optional<String> charge = idOf(invoice, "charge");
    if (paymentIntent.isEmpty() && charge.isEmpty()) {
      JsonNode payments = invoice.path("payments").path("data");
      if (!payments.isArray()) {
        payments =
            api.get(List.of("v1", "invoice_payments"), Map.of("invoice", invoiceId)).path("data");
      }
      paymentIntent = paidIntent(payments);
    }
    if (paymentIntent.isPresent()) {
      form.add("payment_intent", paymentIntent.get());
    } else if (charge.isPresent()) {
      form.add("charge", charge.get());
    } else {
      throw new PaymentProviderException(
          "Stripe invoice " + invoiceId + " names no payment to refund", 200, null, null);
    }
  }

  /** The PaymentIntent of the paid InvoicePayment, or of any, when none is marked paid. */
  private static Optional<String> paidIntent(JsonNode invoicePayments) {
    Optional<String> any = Optional.empty();
    for (JsonNode p : invoicePayments) {
      Optional<String> intent = idOf(p.path("payment"), "payment_intent");
      if (intent.isPresent() && "paid".equals(textOf(p, "status").orElse(""))) {
        return intent;
      }
      any = any.or(() -> intent);
    }
    return any;
  }

  /** Stripe renews on its own schedule and sends {@code invoice.paid}; the shop only listens. */
  @Override
  public boolean providerSchedulesRenewals() {
    return true;
  }

  /**
   * Stops a Stripe subscription from renewing, keeping it active until the end of the paid period
   * ({@code POST /v1/subscriptions/{id}} with {@code cancel_at_period_end=true}; idempotency key
   * {@code cancel-renewal-<id>}).
   *
   * @param providerSubscriptionId {@code PaymentEvent.providerSubscriptionId()} of the paying event
   *     ({@code sub_…})
   * @throws IllegalArgumentException when the id is not a subscription id
   * @throws PaymentProviderException when Stripe refuses or cannot be reached
   */
  @Override
  public void cancelRenewal(String providerSubscriptionId) {
    Objects.requireNonNull(providerSubscriptionId, "providerSubscriptionId");
    if (!providerSubscriptionId.startsWith("sub_")) {
      throw new IllegalArgumentException(
          "providerSubscriptionId must be a Stripe subscription id (sub_…); was '"
              + providerSubscriptionId
              + "'");
    }
    api.post(
        List.of("v1", "subscriptions", providerSubscriptionId),
        new StripeForm().add("cancel_at_period_end", "true"),
        "cancel-renewal-" + providerSubscriptionId);
    log.info("Stripe subscription {} will not renew", providerSubscriptionId);
  }

  private void requireSupported(Money amount) {
    if (!currencies.contains(amount.currency())) {
      throw new IllegalArgumentException(
          "currency "
              + amount.currency()
              + " is not enabled for the Stripe gateway; "
              + "enabled: "
              + currencies
              + " (setting 'currencies')");
    }
  }

  private static void requireKey(String idempotencyKey) {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    if (idempotencyKey.isBlank() || idempotencyKey.length() > 255) {
      throw new IllegalArgumentException(
          "idempotencyKey must be 1 to 255 characters; was " + idempotencyKey.length());
    }
  }

  private static Optional<String> idOf(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    return v.isObject() ? textOf(v, "id") : textOf(node, field);
  }

  private static PaymentProviderException unexpected(String what) {
    return new PaymentProviderException("unexpected Stripe answer: " + what, 200, null, null);
  }

  /** The client calls go through (for tests). */
  OkHttpClient httpClient() {
    return http;
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
    return "StripeGateway["
        + (liveMode ? "live" : "test")
        + ", api="
        + apiBase
        + ", currencies="
        + currencies
        + ", tolerance="
        + tolerance.toSeconds()
        + "s]";
  }

  /**
   * Builder of {@link StripeGateway}; not thread-safe. {@link #build()} checks every setting and
   * reports all problems at once, naming each setting but never showing a secret's value.
   */
  public static final class Builder {
    // the values, their parsing and their checks live in StripeSettings, so this class stays the
    // Stripe calls
    private final StripeSettings draft = new StripeSettings();

    private Builder() {}

    /**
     * Reads the settings: {@code secret-key}, {@code webhook-secret} (required), {@code api-base},
     * {@code success-url}, {@code cancel-url}, {@code tolerance}, {@code currencies}
     * (comma-separated), {@code api-version}, {@code recurring-interval}, {@code
     * recurring-interval-count}, {@code timeout}. Absent ones keep their current value.
     *
     * @throws GatewayConfigurationException when a required setting is missing or a value cannot be
     *     parsed
     */
    public Builder settings(GatewaySettings settings) {
      draft.read(settings);
      return this;
    }

    /**
     * The secret API key ({@code sk_test_…}, {@code sk_live_…}, or a restricted {@code rk_…} key).
     */
    public Builder secretKey(Secret secretKey) {
      draft.secretKey = Objects.requireNonNull(secretKey, "secretKey");
      return this;
    }

    /** The webhook endpoint's signing secret ({@code whsec_…}). */
    public Builder webhookSecret(Secret webhookSecret) {
      draft.webhookSecret = Objects.requireNonNull(webhookSecret, "webhookSecret");
      return this;
    }

    /**
     * The API base URL (default {@code https://api.stripe.com}); plain http only for loopback test
     * servers.
     */
    public Builder apiBase(URI apiBase) {
      draft.apiBase = Objects.requireNonNull(apiBase, "apiBase");
      return this;
    }

    /**
     * Where Stripe sends the buyer after paying when the request names no return URL. May contain
     * Stripe's {@code {CHECKOUT_SESSION_ID}} placeholder.
     */
    public Builder successUrl(String successUrl) {
      draft.successUrl = Objects.requireNonNull(successUrl, "successUrl");
      return this;
    }

    /** Where Stripe sends a buyer who goes back, when the request names no cancel URL. */
    public Builder cancelUrl(String cancelUrl) {
      draft.cancelUrl = Objects.requireNonNull(cancelUrl, "cancelUrl");
      return this;
    }

    /** How far a webhook's signed timestamp may be from now, either way (default 300 s). */
    public Builder tolerance(Duration tolerance) {
      draft.tolerance = Objects.requireNonNull(tolerance, "tolerance");
      return this;
    }

    /** The currencies to accept, as ISO 4217 codes (default USD and EUR). */
    public Builder currencies(String... codes) {
      draft.currencies(codes);
      return this;
    }

    /** A {@code Stripe-Version} to send with every request (default: the account's version). */
    public Builder apiVersion(String apiVersion) {
      draft.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
      return this;
    }

    /**
     * Default renewal period of subscription-mode checkouts, e.g. {@code ("month", 1)} (the
     * default).
     */
    public Builder recurringInterval(String interval, int count) {
      draft.recurringInterval =
          Objects.requireNonNull(interval, "interval").toLowerCase(Locale.ROOT);
      draft.recurringIntervalCount = count;
      return this;
    }

    /**
     * The whole-call timeout (default 30 s) of the built-in HTTP client, or of the variant of the
     * {@link #resources shared client}; unused with {@link #httpClient}.
     */
    public Builder timeout(Duration timeout) {
      draft.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * The clock webhook timestamps are checked against (default: the resources' clock, else the
     * system clock, UTC).
     */
    public Builder clock(Clock clock) {
      draft.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * An OkHttp client to call through as it is (derive it with {@code newBuilder()} from the
     * application's client); the gateway does not close it. Wins over {@link #resources}.
     */
    public Builder httpClient(OkHttpClient httpClient) {
      draft.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * The shop's shared resources: calls go through {@code resources.httpClient().newBuilder()}
     * with this gateway's {@link #timeout} (same connection pool and dispatcher), and the clock is
     * {@code resources.clock()} unless {@link #clock} is set. The gateway does not close the shared
     * client.
     */
    public Builder resources(GatewayResources resources) {
      draft.resources = Objects.requireNonNull(resources, "resources");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws GatewayConfigurationException naming every missing or invalid setting
     */
    public StripeGateway build() {
      return new StripeGateway(draft.validate());
    }
  }
}
