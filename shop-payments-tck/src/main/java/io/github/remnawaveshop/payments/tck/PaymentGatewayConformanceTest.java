package io.github.remnawaveshop.payments.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import io.github.remnawaveshop.core.payment.Checkout;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.GatewayConfigurationException;
import io.github.remnawaveshop.core.payment.GatewayResources;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentGatewayProvider;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import io.github.remnawaveshop.core.payment.ProviderHttp;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The conformance kit every {@link PaymentGateway} runs: an abstract JUnit 5 test class whose test
 * methods check the gateway contract against a provider played by a {@link MockWebServer}. A
 * gateway's own test extends it and supplies, in the provider's real protocol, how to make a
 * genuine paid notification, its tampered variants, and the provider's checkout answer; the kit
 * does the rest.
 *
 * <h2>What it checks</h2>
 *
 * <ul>
 *   <li>a genuine paid notification verifies to a {@code PAID} event with the gateway's id, the
 *       order reference, the exact amount and currency, and the provider ids the test declares;
 *   <li>redelivery of the same notification gives the same provider event id; another payment a
 *       different one;
 *   <li>tampered body, tampered signature, missing signature, wrong secret, and garbage are
 *       rejected with {@link PaymentVerificationException} and the {@link #expectedReason expected
 *       reason};
 *   <li>an old notification is rejected as {@link Reason#EXPIRED}, where the protocol signs a
 *       timestamp (skipped otherwise);
 *   <li>{@code createCheckout} sends the order reference to the provider (or puts it in the
 *       pay-page URL, for gateways that build the URL locally), sends an idempotency key where the
 *       provider supports one, sends the same key again when the same checkout is retried, refuses
 *       unsupported currencies, and turns a provider refusal into {@link PaymentProviderException};
 *   <li>no secret appears in the {@code toString()} of the gateway, its settings, a checkout or a
 *       verified notification, nor in the message of any exception the gateway throws, including
 *       {@link GatewayConfigurationException} for each missing required setting;
 *   <li>the plugin's {@link PaymentGatewayProvider} is found through {@link ServiceLoader} by its
 *       id and {@link PaymentGateways} discovery creates the gateway from the settings;
 *   <li>a gateway created with shared {@link GatewayResources} calls its provider through the
 *       shared client, and closing it (twice) leaves that client open; a standalone one closes
 *       without error.
 * </ul>
 *
 * <h2>How a plugin author uses it</h2>
 *
 * Add {@code io.github.remnawaveshop:shop-payments-tck} in test scope, then:
 *
 * <pre>{@code
 * class AcmePayConformanceTest extends PaymentGatewayConformanceTest {
 *   protected String gatewayId() { return "acmepay"; }
 *   protected GatewaySettings settings(ConformanceContext ctx) {
 *     return GatewaySettings.of("acmepay", Map.of("api-key", API_KEY, "webhook-secret", SECRET,
 *         "api-base-url", ctx.baseUrl().toString()));
 *   }
 *   protected Set<String> secretValues() { return Set.of(API_KEY, SECRET); }
 *   protected Notification paidNotification(TckPayment p) { return signed(body(p), SECRET); }
 *   // … tampered variants, expectedIds, idempotencyHeader, enqueueCheckoutAnswer
 * }
 * }</pre>
 *
 * Compute signatures in the test with {@code javax.crypto} directly, never with the gateway's own
 * code. A gateway whose protocol has a peculiarity overrides the matching hook ({@link
 * #expectedReason}, {@link #beforeVerify}, {@link #checkoutRequest}, {@link #createGateway}) rather
 * than skipping a check.
 *
 * <p>Lifecycle: JUnit makes one instance per test method; each gets a new {@link MockWebServer}, a
 * {@link ConformanceContext} and a gateway from {@link #createGateway}, all closed or dropped after
 * it. Every test has a 30-second timeout so a gateway waiting for an answer never hangs a build.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class PaymentGatewayConformanceTest {
  private static final AtomicLong NUMBERS = new AtomicLong(1000);

  private MockWebServer server;
  private ConformanceContext context;
  private PaymentGateway gateway;
  private OkHttpClient sharedClient;
  private final AtomicInteger sharedCalls = new AtomicInteger();

  // ---------------------------------------------------------------- what a gateway test supplies

  /** The id of the gateway and its provider, e.g. {@code "stripe"}. */
  protected abstract String gatewayId();

  /**
   * Complete, valid settings for the gateway, pointing its provider API at {@link
   * ConformanceContext#baseUrl()}. Used by the default {@link #createGateway}, by the discovery
   * check, and to check that each missing required setting is reported.
   */
  protected abstract GatewaySettings settings(ConformanceContext context);

  /**
   * Every secret value the gateway holds (API keys, webhook secrets, passwords), each at least 8
   * characters so that finding one in a message is never a coincidence.
   */
  protected abstract Set<String> secretValues();

  /**
   * Secrets of {@link #secretValues()} that the provider's protocol itself puts in the request
   * line, so the check that request targets carry no secret skips them there (they are still
   * checked in every {@code toString()}, exception and message). The Telegram Bot API is the case:
   * its calls go to {@code /bot<token>/<method>}. Default: none.
   */
  protected Set<String> secretsInRequestTarget() {
    return Set.of();
  }

  /** A genuine notification that the payment was made, signed the way the provider signs. */
  protected abstract Notification paidNotification(TckPayment payment);

  /**
   * {@link #paidNotification} with its body changed after signing (e.g. a larger amount, another
   * order).
   */
  protected abstract Notification tamperedBodyNotification(TckPayment payment);

  /**
   * {@link #paidNotification} with its signature altered (see {@link Notifications#flipLastChar}).
   */
  protected abstract Notification tamperedSignatureNotification(TckPayment payment);

  /** {@link #paidNotification} with the signature header or parameter removed. */
  protected abstract Notification unsignedNotification(TckPayment payment);

  /** The same payment signed correctly but with a secret the gateway does not hold. */
  protected abstract Notification wrongSecretNotification(TckPayment payment);

  /**
   * For protocols that sign a timestamp: a notification of the payment signed correctly at a time
   * far outside the tolerance (e.g. {@code payment.occurredAt().minus(1, HOURS)}). Empty (the
   * default) for protocols without one, which skips the replay check.
   */
  protected Optional<Notification> expiredNotification(TckPayment payment) {
    return Optional.empty();
  }

  /** The ids the gateway must report for the paid notification of this payment. */
  protected abstract ProviderIds expectedIds(TckPayment payment);

  /**
   * The header that carries the idempotency key of checkout requests ({@code Idempotency-Key},
   * {@code PayPal-Request-Id}), or empty when the provider has none (which skips the idempotency
   * checks).
   */
  protected abstract Optional<String> idempotencyHeader();

  /**
   * Whether {@code createCheckout} calls the provider. Gateways that build a signed pay-page URL
   * locally (Robokassa) answer {@code false}; the kit then checks that no request was made and that
   * the URL carries the order reference.
   */
  protected abstract boolean checkoutCallsProvider();

  /**
   * Enqueues on {@code context.server()} every answer the provider gives to one {@code
   * createCheckout} of this request (a token answer first, if the gateway needs one). Nothing, for
   * local checkouts.
   */
  protected abstract void enqueueCheckoutAnswer(
      ConformanceContext context, CheckoutRequest request);

  // ---------------------------------------------------------------- hooks with defaults

  /**
   * Creates the gateway under test. The default discovers the provider by {@link #gatewayId()}
   * through {@link ServiceLoader} and creates it from {@link #settings} on {@link
   * ConformanceContext#resources()}, as discovery does; override to build it directly, for example
   * to give it {@link ConformanceContext#clock()}.
   */
  protected PaymentGateway createGateway(ConformanceContext context) {
    return provider().create(settings(context), context.resources());
  }

  /**
   * The clock of each test; the default is the system time at the test's start, fixed and truncated
   * to seconds, so a gateway built on the system clock still accepts notifications signed at it.
   */
  protected Clock clock() {
    return Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
  }

  /**
   * The amount of the test payments. The default is {@code 199.00} (in minor units of the currency)
   * in {@code USD} if supported, else {@code RUB}, else the first supported currency.
   */
  protected Money sampleAmount(Set<String> supportedCurrencies) {
    String currency =
        supportedCurrencies.contains("USD")
            ? "USD"
            : supportedCurrencies.contains("RUB")
                ? "RUB"
                : new TreeSet<>(supportedCurrencies).first();
    return Money.of(
        19_900 / (long) Math.pow(10, 2 - Math.min(2, Money.fractionDigits(currency))), currency);
  }

  /**
   * The checkout request for a payment; the default is {@link TckPayment#checkoutRequestBuilder()}
   * as is.
   */
  protected CheckoutRequest checkoutRequest(TckPayment payment) {
    return payment.checkoutRequestBuilder().build();
  }

  /**
   * The reason a notification of this kind must be rejected with. Defaults: missing signature
   * {@link Reason#MISSING_SIGNATURE}; tampered body or signature and wrong secret {@link
   * Reason#BAD_SIGNATURE}; expired {@link Reason#EXPIRED}. A gateway that asks the provider to
   * verify (PayPal online) overrides this, e.g. with {@link Reason#REJECTED_BY_PROVIDER}.
   */
  protected Reason expectedReason(NotificationKind kind) {
    switch (kind) {
      case MISSING_SIGNATURE:
        return Reason.MISSING_SIGNATURE;
      case TAMPERED_BODY:
      case TAMPERED_SIGNATURE:
      case WRONG_SECRET:
        return Reason.BAD_SIGNATURE;
      case EXPIRED:
        return Reason.EXPIRED;
      default:
        throw new IllegalArgumentException("no single expected reason for " + kind);
    }
  }

  /**
   * Called just before the kit passes a notification of this kind to {@code verify}; a gateway that
   * calls the provider while verifying enqueues the provider's answers here. The default does
   * nothing.
   */
  protected void beforeVerify(ConformanceContext context, NotificationKind kind) {}

  /**
   * The exact reply body the provider expects to a paid notification, when it cares (Robokassa:
   * {@code OK<InvId>}).
   */
  protected Optional<String> expectedReplyBody(TckPayment payment) {
    return Optional.empty();
  }

  /**
   * Enqueues the provider's refusal of a checkout (default: one {@code 400} JSON error). Gateways
   * that get a token first override this to enqueue the token answer before the refusal.
   */
  protected void enqueueCheckoutRefusal(ConformanceContext context) {
    context.enqueueJson(
        400, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"refused by the TCK\"}}");
  }

  // ---------------------------------------------------------------- lifecycle and accessors

  @BeforeEach
  final void startProvider() throws IOException {
    server = new MockWebServer();
    ((QueueDispatcher) server.getDispatcher())
        .setFailFast(
            new MockResponse(
                503, Headers.of("Content-Type", "text/plain"), "no answer enqueued by the test"));
    server.start();
    sharedClient =
        ProviderHttp.defaultClientBuilder()
            .addInterceptor(
                chain -> {
                  sharedCalls.incrementAndGet();
                  return chain.proceed(chain.request());
                })
            .build();
    Clock clock = clock();
    context =
        new ConformanceContext(
            server,
            clock,
            GatewayResources.builder().httpClient(sharedClient).clock(clock).build());
    gateway = createGateway(context);
  }

  @AfterEach
  final void stopProvider() {
    try {
      if (gateway != null) {
        gateway.close();
      }
    } finally {
      ProviderHttp.release(sharedClient);
      server.close();
    }
  }

  /** The gateway under test in the current test method. */
  protected final PaymentGateway gateway() {
    return gateway;
  }

  /** The context of the current test method. */
  protected final ConformanceContext context() {
    return context;
  }

  /** A fresh payment with a number no other payment in this JVM has. */
  protected final TckPayment newPayment() {
    long number = NUMBERS.incrementAndGet();
    return new TckPayment(
        "tck-order-" + number,
        sampleAmount(gateway.supportedCurrencies()),
        number,
        context.clock().instant());
  }

  /**
   * The provider registered for {@link #gatewayId()}; fails the test when there is none or more
   * than one.
   */
  protected final PaymentGatewayProvider provider() {
    List<PaymentGatewayProvider> found = new ArrayList<>();
    for (PaymentGatewayProvider p : ServiceLoader.load(PaymentGatewayProvider.class)) {
      if (p.id().equals(gatewayId())) {
        found.add(p);
      }
    }
    if (found.size() != 1) {
      fail(
          "expected exactly one PaymentGatewayProvider with id '%s' in META-INF/services; found %d",
          gatewayId(), found.size());
    }
    return found.get(0);
  }

  // ---------------------------------------------------------------- verification

  @Test
  @DisplayName(
      "a genuine paid notification verifies to a PAID event with the right amount, currency and ids")
  void paidNotificationIsVerified() {
    TckPayment payment = newPayment();
    VerifiedNotification verified = verify(NotificationKind.PAID, paidNotification(payment));

    assertThat(verified.event()).as("a paid notification must carry a payment event").isPresent();
    PaymentEvent event = verified.event().orElseThrow();
    ProviderIds ids = expectedIds(payment);
    assertThat(event.type()).isEqualTo(PaymentEvent.Type.PAID);
    assertThat(event.gatewayId()).isEqualTo(gateway.id());
    assertThat(event.orderReference())
        .as("order reference given back")
        .contains(payment.orderReference());
    assertThat(event.amount()).as("amount and currency").isEqualTo(payment.amount());
    assertThat(event.providerEventId()).isEqualTo(ids.providerEventId());
    assertThat(event.externalPaymentId()).isEqualTo(ids.externalPaymentId());
    assertThat(verified.providerEventId()).isEqualTo(event.providerEventId());
    assertThat(verified.eventType()).isNotBlank();
    assertThat(verified.reply().status()).as("reply status").isBetween(200, 299);
    expectedReplyBody(payment)
        .ifPresent(body -> assertThat(verified.reply().body()).isEqualTo(body));
    assertNoSecrets("VerifiedNotification.toString()", verified.toString());
  }

  @Test
  @DisplayName("redelivery gives the same provider event id; another payment a different one")
  void redeliveryKeepsProviderEventId() {
    TckPayment payment = newPayment();
    Notification notification = paidNotification(payment);
    VerifiedNotification first = verify(NotificationKind.PAID, notification);
    VerifiedNotification again = verify(NotificationKind.PAID, notification);
    VerifiedNotification rebuilt = verify(NotificationKind.PAID, paidNotification(payment));
    assertThat(again.providerEventId()).isEqualTo(first.providerEventId());
    assertThat(rebuilt.providerEventId()).isEqualTo(first.providerEventId());
    assertThat(again.event().orElseThrow().externalPaymentId())
        .isEqualTo(first.event().orElseThrow().externalPaymentId());

    VerifiedNotification other = verify(NotificationKind.PAID, paidNotification(newPayment()));
    assertThat(other.providerEventId())
        .as("another payment's event id")
        .isNotEqualTo(first.providerEventId());
    assertThat(other.event().orElseThrow().externalPaymentId())
        .isNotEqualTo(first.event().orElseThrow().externalPaymentId());
  }

  @Test
  @DisplayName("a notification whose body was changed after signing is rejected")
  void tamperedBodyIsRejected() {
    assertRejected(NotificationKind.TAMPERED_BODY, tamperedBodyNotification(newPayment()));
  }

  @Test
  @DisplayName("a notification with an altered signature is rejected")
  void tamperedSignatureIsRejected() {
    assertRejected(
        NotificationKind.TAMPERED_SIGNATURE, tamperedSignatureNotification(newPayment()));
  }

  @Test
  @DisplayName("a notification without a signature is rejected")
  void missingSignatureIsRejected() {
    assertRejected(NotificationKind.MISSING_SIGNATURE, unsignedNotification(newPayment()));
  }

  @Test
  @DisplayName("a notification signed with another secret is rejected")
  void wrongSecretIsRejected() {
    assertRejected(NotificationKind.WRONG_SECRET, wrongSecretNotification(newPayment()));
  }

  @Test
  @DisplayName(
      "a replayed notification with an old timestamp is rejected (protocols with a signed timestamp)")
  void expiredNotificationIsRejected() {
    Optional<Notification> expired = expiredNotification(newPayment());
    Assumptions.assumeTrue(expired.isPresent(), "the protocol signs no timestamp");
    assertRejected(NotificationKind.EXPIRED, expired.get());
  }

  @Test
  @DisplayName(
      "garbage (empty body, broken JSON, broken form) is rejected with PaymentVerificationException")
  void garbageIsRejected() {
    List<Notification> garbage =
        List.of(
            Notification.post(Map.of(), new byte[0]),
            Notification.post(
                Map.of("Content-Type", "application/json"),
                "{\"id\": ".getBytes(StandardCharsets.UTF_8)),
            Notification.post(
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "%%%=&=&&a".getBytes(StandardCharsets.UTF_8)),
            new Notification("GET", Map.of(), "x=%zz", new byte[0]));
    for (Notification n : garbage) {
      beforeVerify(context, NotificationKind.GARBAGE);
      PaymentVerificationException e =
          catchThrowableOfType(PaymentVerificationException.class, () -> gateway.verify(n));
      assertThat(e).as("verify(%s) must throw PaymentVerificationException", n).isNotNull();
      assertThat(e.reason())
          .isIn(
              Reason.MISSING_SIGNATURE,
              Reason.MALFORMED,
              Reason.BAD_SIGNATURE,
              Reason.REJECTED_BY_PROVIDER);
      assertNoSecrets(e);
    }
  }

  // ---------------------------------------------------------------- checkout

  @Test
  @DisplayName(
      "createCheckout sends the order reference to the provider, or puts it in the pay-page URL")
  void checkoutCarriesOrderReference() throws InterruptedException {
    TckPayment payment = newPayment();
    CheckoutRequest request = checkoutRequest(payment);
    Checkout checkout = createCheckout(request);

    assertThat(checkout.gatewayId()).isEqualTo(gateway.id());
    assertThat(checkout.orderReference()).isEqualTo(payment.orderReference());
    assertThat(checkout.providerReference()).isNotBlank();
    assertThat(checkout.paymentUrl().isPresent() || !checkout.invoice().isEmpty()).isTrue();
    checkout
        .paymentUrl()
        .ifPresent(
            url -> assertThat(url.isAbsolute()).as("payment URL %s is absolute", url).isTrue());
    assertNoSecrets("Checkout.toString()", checkout.toString());

    List<RecordedRequest> sent = takeAll();
    if (checkoutCallsProvider()) {
      assertThat(sent).as("requests sent to the provider").isNotEmpty();
      assertThat(carryingOrderReference(sent, payment.orderReference()))
          .as(
              "a request to the provider carries the order reference '%s'",
              payment.orderReference())
          .isPresent();
      for (RecordedRequest r : sent) {
        String target = r.getTarget();
        for (String onTheWire : secretsInRequestTarget()) {
          target = target.replace(onTheWire, "<credential the protocol puts in the path>");
        }
        assertNoSecrets("request target " + r.getMethod(), target);
      }
    } else {
      assertThat(sent).as("a local checkout makes no request").isEmpty();
      String where =
          checkout.paymentUrl().map(Object::toString).orElse("") + " " + checkout.invoice();
      assertThat(decoded(where))
          .as("checkout carries the order reference")
          .contains(payment.orderReference());
    }
  }

  @Test
  @DisplayName("createCheckout sends an idempotency key (providers that support one)")
  void checkoutSendsIdempotencyKey() throws InterruptedException {
    Assumptions.assumeTrue(idempotencyHeader().isPresent(), "the provider has no idempotency key");
    Assumptions.assumeTrue(checkoutCallsProvider(), "checkout makes no request");
    TckPayment payment = newPayment();
    createCheckout(checkoutRequest(payment));
    String key = idempotencyKeyOf(takeAll(), payment);
    assertThat(key).isNotBlank().hasSizeLessThanOrEqualTo(255);
  }

  @Test
  @DisplayName(
      "a retried checkout sends the same idempotency key; another checkout a different one")
  void retriedCheckoutReusesIdempotencyKey() throws InterruptedException {
    Assumptions.assumeTrue(idempotencyHeader().isPresent(), "the provider has no idempotency key");
    Assumptions.assumeTrue(checkoutCallsProvider(), "checkout makes no request");
    TckPayment payment = newPayment();
    CheckoutRequest request = checkoutRequest(payment);
    createCheckout(request);
    String first = idempotencyKeyOf(takeAll(), payment);
    createCheckout(request);
    String retried = idempotencyKeyOf(takeAll(), payment);
    TckPayment other = newPayment();
    createCheckout(checkoutRequest(other));
    String another = idempotencyKeyOf(takeAll(), other);
    assertThat(retried).as("key of the retried checkout").isEqualTo(first);
    assertThat(another).as("key of another checkout").isNotEqualTo(first);
  }

  @Test
  @DisplayName("createCheckout refuses a currency the gateway does not support")
  void unsupportedCurrencyIsRefused() throws InterruptedException {
    String currency =
        List.of("XTS", "XXX", "ZZZ").stream()
            .filter(c -> !gateway.supportedCurrencies().contains(c))
            .findFirst()
            .orElseThrow();
    TckPayment payment = newPayment();
    CheckoutRequest request =
        payment.checkoutRequestBuilder().amount(Money.of(1000, currency)).build();
    assertThatThrownBy(() -> gateway.createCheckout(request))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertNoSecrets(e));
    assertThat(takeAll()).as("nothing sent for an unsupported currency").isEmpty();
  }

  @Test
  @DisplayName("a provider's refusal of a checkout is a PaymentProviderException without secrets")
  void refusedCheckoutIsProviderException() {
    Assumptions.assumeTrue(checkoutCallsProvider(), "checkout makes no request");
    enqueueCheckoutRefusal(context);
    PaymentProviderException e =
        catchThrowableOfType(
            PaymentProviderException.class,
            () -> gateway.createCheckout(checkoutRequest(newPayment())));
    assertThat(e).as("createCheckout must throw PaymentProviderException").isNotNull();
    assertThat(e.getMessage()).isNotBlank();
    assertNoSecrets(e);
  }

  // ---------------------------------------------------------------- secrets, settings, discovery

  @Test
  @DisplayName("secrets never appear in toString() of the gateway or its settings")
  void secretsNeverInToString() {
    assertThat(secretValues())
        .as("secretValues()")
        .isNotEmpty()
        .allSatisfy(
            s ->
                assertThat(s)
                    .as("each secret is at least 8 characters")
                    .hasSizeGreaterThanOrEqualTo(8));
    assertNoSecrets("gateway.toString()", gateway.toString());
    assertNoSecrets("settings.toString()", settings(context).toString());
    assertNoSecrets("provider.toString()", provider().toString());
  }

  @Test
  @DisplayName("each missing required setting is reported by name, without secrets")
  void missingSettingsAreReportedWithoutSecrets() {
    GatewaySettings complete = settings(context);
    PaymentGatewayProvider provider = provider();
    assertThat(complete.names())
        .as("settings() holds every required setting")
        .containsAll(provider.requiredSettings());
    for (String name : provider.requiredSettings()) {
      Map<String, String> values = new LinkedHashMap<>();
      for (String n : complete.names()) {
        if (!n.equals(name)) {
          values.put(n, complete.get(n).orElseThrow());
        }
      }
      GatewaySettings incomplete = GatewaySettings.of(complete.gatewayId(), values);
      GatewayConfigurationException e =
          catchThrowableOfType(
              GatewayConfigurationException.class, () -> provider.create(incomplete));
      assertThat(e)
          .as("create() without '%s' must throw GatewayConfigurationException", name)
          .isNotNull();
      assertThat(e.getMessage()).contains(name);
      assertNoSecrets(e);
      GatewayConfigurationException shared =
          catchThrowableOfType(
              GatewayConfigurationException.class,
              () -> provider.create(incomplete, context.resources()));
      assertThat(shared)
          .as(
              "create(settings, resources) without '%s' must throw GatewayConfigurationException",
              name)
          .isNotNull();
      assertThat(shared.getMessage()).contains(name);
      assertNoSecrets(shared);
    }
  }

  @Test
  @DisplayName(
      "the provider is found through ServiceLoader by its id and discovery creates the gateway")
  void providerIsDiscoverable() {
    PaymentGatewayProvider provider = provider();
    assertThat(provider.id()).isEqualTo(gatewayId());
    GatewaySettings mine = settings(context);
    assertThat(mine.gatewayId()).isEqualTo(gatewayId());
    PaymentGateways gateways =
        PaymentGateways.builder()
            .discover(id -> id.equals(gatewayId()) ? mine : GatewaySettings.of(id, Map.of()))
            .build();
    assertThat(gateways.get(gatewayId())).as("gateway '%s' discovered", gatewayId()).isPresent();
    PaymentGateway discovered = gateways.get(gatewayId()).orElseThrow();
    assertThat(discovered.id()).isEqualTo(gatewayId());
    assertThat(gateway.id()).isEqualTo(gatewayId());
    assertThat(discovered.supportedCurrencies())
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c).matches("[A-Z]{3}"));
    assertNoSecrets("discovered gateway.toString()", discovered.toString());
    gateways.close();
  }

  @Test
  @DisplayName(
      "a gateway on shared resources calls through the shared client and leaves it open when closed")
  void sharedResourcesAreUsedAndLeftOpen() throws InterruptedException {
    PaymentGateway shared = provider().create(settings(context), context.resources());
    try {
      if (checkoutCallsProvider()) {
        CheckoutRequest request = checkoutRequest(newPayment());
        enqueueCheckoutAnswer(context, request);
        int before = sharedCalls.get();
        shared.createCheckout(request);
        assertThat(sharedCalls.get())
            .as("calls made through the shared client (GatewayResources.httpClient())")
            .isGreaterThan(before);
        takeAll();
      }
    } finally {
      shared.close();
    }
    shared.close(); // idempotent
    assertThat(sharedClient.dispatcher().executorService().isShutdown())
        .as("closing a gateway must not shut the shared client down")
        .isFalse();
    try (okhttp3.Response r =
        sharedClient
            .newCall(new okhttp3.Request.Builder().url(server.url("/after-close")).build())
            .execute()) {
      assertThat(r.code())
          .as("the shared client still calls after the gateway closed")
          .isPositive();
    } catch (IOException e) {
      throw new AssertionError("the shared client no longer works after the gateway closed", e);
    }

    PaymentGateway standalone = provider().create(settings(context));
    standalone.close();
    standalone.close();
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Fails when any of {@link #secretValues()} occurs in the text.
   *
   * @param where what the text is, for the failure message
   */
  protected final void assertNoSecrets(String where, String text) {
    for (String secret : secretValues()) {
      if (text != null && text.contains(secret)) {
        fail("%s reveals a secret (%d characters)", where, secret.length());
      }
    }
  }

  /**
   * Fails when a secret occurs in the message or {@code toString()} of the exception or any of its
   * causes.
   */
  protected final void assertNoSecrets(Throwable error) {
    int depth = 0;
    for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
      assertNoSecrets(t.getClass().getSimpleName() + " message", t.getMessage());
      assertNoSecrets(t.getClass().getSimpleName() + ".toString()", t.toString());
      for (Throwable s : t.getSuppressed()) {
        assertNoSecrets(s);
      }
    }
  }

  private VerifiedNotification verify(NotificationKind kind, Notification notification) {
    beforeVerify(context, kind);
    try {
      return gateway.verify(notification);
    } catch (PaymentVerificationException e) {
      throw new AssertionError(
          "a genuine notification was rejected: " + e.reason() + ": " + e.getMessage(), e);
    }
  }

  private void assertRejected(NotificationKind kind, Notification notification) {
    beforeVerify(context, kind);
    PaymentVerificationException e =
        catchThrowableOfType(
            PaymentVerificationException.class, () -> gateway.verify(notification));
    assertThat(e)
        .as("a %s notification must be rejected with PaymentVerificationException", kind)
        .isNotNull();
    assertThat(e.reason())
        .as("reason for a %s notification (message: %s)", kind, e.getMessage())
        .isEqualTo(expectedReason(kind));
    assertThat(e.getMessage()).isNotBlank();
    assertNoSecrets(e);
  }

  private Checkout createCheckout(CheckoutRequest request) {
    enqueueCheckoutAnswer(context, request);
    return gateway.createCheckout(request);
  }

  private List<RecordedRequest> takeAll() throws InterruptedException {
    List<RecordedRequest> all = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      RecordedRequest r = server.takeRequest(0, TimeUnit.MILLISECONDS);
      if (r == null) {
        break;
      }
      all.add(r);
    }
    return all;
  }

  private String idempotencyKeyOf(List<RecordedRequest> sent, TckPayment payment) {
    String header = idempotencyHeader().orElseThrow();
    RecordedRequest create =
        carryingOrderReference(sent, payment.orderReference())
            .orElseThrow(
                () ->
                    new AssertionError(
                        "no request carries the order reference " + payment.orderReference()));
    String key = create.getHeaders().get(header);
    assertThat(key)
        .as("header %s on %s %s", header, create.getMethod(), create.getTarget())
        .isNotNull();
    return key;
  }

  private static Optional<RecordedRequest> carryingOrderReference(
      List<RecordedRequest> sent, String orderReference) {
    return sent.stream()
        .filter(
            r -> {
              String body = r.getBody() == null ? "" : r.getBody().utf8();
              return decoded(r.getTarget()).contains(orderReference)
                  || decoded(body).contains(orderReference);
            })
        .findFirst();
  }

  private static String decoded(String text) {
    try {
      return text + "\n" + URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notEncoded) {
      return text;
    }
  }
}
