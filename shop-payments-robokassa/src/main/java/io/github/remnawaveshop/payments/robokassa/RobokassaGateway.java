package io.github.remnawaveshop.payments.robokassa;

import io.github.remnawaveshop.core.payment.Checkout;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.GatewayCapability;
import io.github.remnawaveshop.core.payment.GatewayResources;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import io.github.remnawaveshop.core.payment.ProviderHttp;
import io.github.remnawaveshop.core.payment.RefundCapability;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import io.github.remnawaveshop.core.payment.WebhookReply;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Robokassa: a signed pay-page URL for checkout (no call to Robokassa is needed), and verification
 * of the ResultURL notification with Password#2, answered with exactly {@code OK<InvId>}.
 *
 * <h2>Order references and InvId</h2>
 *
 * Robokassa's {@code InvId} is an integer from 1 to 2147483647, unique per shop. The shop's order
 * reference travels in the signed custom parameter {@code Shp_order} and comes back in every
 * verified event. The {@code InvId} is taken from the request's metadata {@value #METADATA_INV_ID}
 * when present, otherwise from the order reference itself when that is such an integer; a request
 * with neither is refused, because a derived number could collide with another order's.
 *
 * <h2>Metadata</h2>
 *
 * {@value #METADATA_INV_ID} and {@value #METADATA_RECEIPT} (a 54-FZ receipt JSON to send instead of
 * the generated one) are read by the gateway; every other metadata entry is sent as a signed custom
 * parameter {@code Shp_<key>} ({@code -} and {@code .} in the key become {@code _}) and comes back
 * in the event's attributes as {@code shp.<key>}.
 *
 * <h2>Redirects</h2>
 *
 * SuccessURL and FailURL are browser redirects and never credit: {@link #verify} accepts only a
 * Password#2 signature (a SuccessURL's Password#1 signature is rejected with a message saying so),
 * and {@link #parseSuccessRedirect} checks a SuccessURL for display only.
 *
 * <p>Immutable and thread-safe; build once and share. The status and refund calls go through the
 * client given to the builder, the shared {@link GatewayResources} client, or one of its own, which
 * {@link #close()} releases.
 */
public final class RobokassaGateway implements PaymentGateway, RefundCapability {
  /** The gateway id, also the settings prefix. */
  public static final String ID = "robokassa";

  /** Robokassa's pay page. */
  public static final URI DEFAULT_PAY_PAGE =
      URI.create("https://auth.robokassa.ru/Merchant/Index.aspx");

  /** Metadata key of an explicit numeric {@code InvId}. */
  public static final String METADATA_INV_ID = "robokassa.inv-id";

  /** Metadata key of a ready 54-FZ receipt JSON, sent instead of the generated one. */
  public static final String METADATA_RECEIPT = "robokassa.receipt";

  /** Robokassa's {@code OpStateExt} status service. */
  public static final URI DEFAULT_OP_STATE_URL =
      URI.create("https://auth.robokassa.ru/Merchant/WebService/Service.asmx/OpStateExt");

  /** Robokassa's refund service. */
  public static final URI DEFAULT_REFUND_URL =
      URI.create("https://services.robokassa.ru/RefundService/Refund/Create");

  /** The custom parameter that carries the shop's order reference. */
  public static final String SHP_ORDER = "Shp_order";

  private static final Logger log = LoggerFactory.getLogger(RobokassaGateway.class);
  private static final Pattern INV_ID = Pattern.compile("[1-9][0-9]{0,9}");
  private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,40}");
  private static final int MAX_DESCRIPTION = 100;

  private final String merchantLogin;
  private final Secret password1;
  private final Secret password2;
  private final boolean testMode;
  private final HashAlgorithm hashAlgorithm;
  private final RobokassaSignatures signatures;
  private final URI payPage;
  private final Optional<String> culture;
  private final Optional<ReceiptTemplate> receipt;
  private final Clock clock;
  private final Optional<Secret> password3;
  private final RobokassaApi api;
  private final OkHttpClient http;
  private final Optional<OkHttpClient> ownClient;

  private RobokassaGateway(RobokassaConfig c) {
    this.merchantLogin = c.merchantLogin();
    this.testMode = c.testMode();
    this.password1 = c.password1();
    this.password2 = c.password2();
    this.hashAlgorithm = c.hashAlgorithm();
    this.signatures = new RobokassaSignatures(c.hashAlgorithm());
    this.payPage = c.payPage();
    this.culture = c.culture();
    this.receipt = c.receipt();
    this.clock = c.clock();
    this.password3 = c.password3();
    this.ownClient =
        c.http().isPresent() ? Optional.empty() : Optional.of(ProviderHttp.defaultClient());
    this.http = c.http().or(() -> ownClient).orElseThrow();
    this.api = new RobokassaApi(http, c.opStateUrl(), c.refundUrl(), c.hashAlgorithm());
  }

  /**
   * A builder; merchant login and passwords #1 and #2 (or the test pair, in test mode) are
   * required.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return ID;
  }

  /** Robokassa takes roubles. */
  @Override
  public Set<String> supportedCurrencies() {
    return Set.of("RUB");
  }

  /** Whether this gateway works with the test passwords and sends {@code IsTest=1}. */
  public boolean testMode() {
    return testMode;
  }

  /** The hash algorithm signatures are made and checked with. */
  public HashAlgorithm hashAlgorithm() {
    return hashAlgorithm;
  }

  /**
   * Builds the signed pay-page URL; makes no network call.
   *
   * @throws IllegalArgumentException when the currency is not RUB, no numeric InvId can be found,
   *     or a metadata key cannot be a {@code Shp_} parameter
   */
  @Override
  public Checkout createCheckout(CheckoutRequest request) {
    Money amount = request.amount();
    if (!supportedCurrencies().contains(amount.currency())) {
      throw new IllegalArgumentException(
          "Robokassa takes RUB only; the request for order "
              + request.orderReference()
              + " is in "
              + amount.currency());
    }
    String invId = invId(request);
    String outSum = amount.toDecimalString();
    SortedMap<String, String> shp = shpParameters(request);
    Optional<String> receiptParam =
        receiptJson(request).map(json -> URLEncoder.encode(json, StandardCharsets.UTF_8));
    String signature =
        signatures.payPage(merchantLogin, outSum, invId, receiptParam, password1, shp);

    Map<String, String> query = new LinkedHashMap<>();
    query.put("MerchantLogin", merchantLogin);
    query.put("OutSum", outSum);
    query.put("InvId", invId);
    query.put("Description", description(request.description()));
    query.put("SignatureValue", signature);
    if (testMode) {
      query.put("IsTest", "1");
    }
    cultureFor(request.locale()).ifPresent(c -> query.put("Culture", c));
    request.customerEmail().ifPresent(e -> query.put("Email", e));
    // the signed Receipt is the once-encoded JSON; in a URL it is encoded once more
    receiptParam.ifPresent(r -> query.put("Receipt", r));
    query.putAll(shp);
    URI url = URI.create(payPage + (payPage.getRawQuery() == null ? "?" : "&") + encode(query));
    log.debug(
        "Robokassa pay page built for order {} as InvId {} (test={})",
        request.orderReference(),
        invId,
        testMode);
    return Checkout.builder()
        .gatewayId(ID)
        .orderReference(request.orderReference())
        .providerReference(invId)
        .paymentUrl(url)
        .build();
  }

  /**
   * Verifies a ResultURL notification (GET query or POST form) signed with Password#2 and turns it
   * into a {@code PAID} event whose provider event id and external payment id are the {@code
   * InvId}. The reply is exactly {@code OK<InvId>}, which Robokassa needs to stop retrying.
   *
   * @throws PaymentVerificationException {@code MISSING_SIGNATURE} without {@code SignatureValue},
   *     {@code BAD_SIGNATURE} when it does not match (including a SuccessURL redirect signed with
   *     Password#1), {@code MALFORMED} without a numeric {@code InvId} or a rouble {@code OutSum},
   *     or for a test payment reaching a live gateway
   */
  @Override
  public VerifiedNotification verify(Notification notification) {
    SignedParameters signed = SignedParameters.of(notification, "ResultURL notification");
    String shownInvId = SignedParameters.safe(signed.invId());
    if (!signed.signedWith(signatures, password2)) {
      if (signed.signedWith(signatures, password1)) {
        throw new PaymentVerificationException(
            Reason.BAD_SIGNATURE,
            "Robokassa InvId "
                + shownInvId
                + " is a SuccessURL redirect (signed with Password#1); redirects never credit: "
                + "register the ResultURL, whose notifications are signed with Password#2");
      }
      throw new PaymentVerificationException(
          Reason.BAD_SIGNATURE,
          "Robokassa ResultURL signature for InvId "
              + shownInvId
              + " does not match ("
              + hashAlgorithm
              + (testMode ? ", test passwords" : ", live passwords")
              + ")");
    }
    if (!INV_ID.matcher(signed.invId()).matches()
        || Long.parseLong(signed.invId()) > Integer.MAX_VALUE) {
      throw new PaymentVerificationException(
          Reason.MALFORMED,
          "Robokassa InvId '" + shownInvId + "' is not an integer from 1 to 2147483647");
    }
    boolean testPayment = "1".equals(signed.param("IsTest").orElse(""));
    if (testPayment && !testMode) {
      throw new PaymentVerificationException(
          Reason.MALFORMED,
          "Robokassa InvId "
              + signed.invId()
              + " is a test payment (IsTest=1) but this gateway is live; nothing is credited");
    }
    Money amount = signed.roubles();

    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("inv-id", signed.invId());
    attributes.put("test", Boolean.toString(testMode));
    signed.param("PaymentMethod").ifPresent(v -> attributes.put("payment-method", v));
    signed.param("IncCurrLabel").ifPresent(v -> attributes.put("inc-curr-label", v));
    signed.param("Fee").ifPresent(v -> attributes.put("fee", v));
    signed
        .shp()
        .forEach(
            (k, v) -> {
              if (!k.equalsIgnoreCase(SHP_ORDER)) {
                attributes.put("shp." + k.substring(4), v);
              }
            });
    Optional<String> order = signed.shpValue(SHP_ORDER);
    PaymentEvent event =
        new PaymentEvent(
            ID,
            PaymentEvent.Type.PAID,
            signed.invId(),
            order,
            signed.invId(),
            amount,
            clock.instant(),
            false,
            Optional.empty(),
            false,
            attributes);
    return VerifiedNotification.of(event, "result")
        .withReply(WebhookReply.ok("OK" + signed.invId()));
  }

  /** {@link RefundCapability} only when Password #3 is configured. */
  @Override
  public <T extends GatewayCapability> Optional<T> capability(Class<T> type) {
    if (type == RefundCapability.class && password3.isEmpty()) {
      return Optional.empty();
    }
    return PaymentGateway.super.capability(type);
  }

  /**
   * Asks Robokassa's {@code OpStateExt} service about an invoice (signed with Password #2), for
   * reconciliation; never a reason to credit by itself.
   *
   * @throws PaymentProviderException when Robokassa cannot be reached or answers with something
   *     unexpected
   */
  public OperationState operationState(String invId) {
    requireInvId(invId);
    return api.opState(merchantLogin, invId, password2);
  }

  /**
   * Refunds a paid invoice through Robokassa's refund service: looks up the operation key with
   * {@link #operationState}, then sends a JWT signed with Password #3. Robokassa has no idempotency
   * key: the key given is not sent, and a refund is refused unless the invoice is still in state
   * 100 (paid), so a repeated full refund fails instead of refunding twice. The result's status is
   * {@code processing}; the refund's end state is Robokassa's to report.
   *
   * @param externalPaymentId the {@code InvId}
   * @throws PaymentProviderException when Password #3 is not configured, the invoice is not paid,
   *     or Robokassa refuses or cannot be reached
   */
  @Override
  public RefundResult refund(
      String externalPaymentId, Optional<Money> amount, String idempotencyKey) {
    Secret key =
        password3.orElseThrow(
            () ->
                new PaymentProviderException(
                    "Robokassa refunds need the password3 setting (Password #3)",
                    0,
                    "not-configured",
                    null));
    amount.ifPresent(
        a -> {
          if (!"RUB".equals(a.currency()) || a.minorUnits() == 0) {
            throw new IllegalArgumentException(
                "a Robokassa refund is a positive amount in RUB; was " + a);
          }
        });
    OperationState state = operationState(externalPaymentId);
    if (!state.paid()) {
      throw new PaymentProviderException(
          "Robokassa InvId "
              + externalPaymentId
              + " is not refundable: result "
              + state.resultCode()
              + ", state "
              + state.stateCode(),
          200,
          "state-" + state.stateCode(),
          null);
    }
    String opKey =
        state
            .opKey()
            .orElseThrow(
                () ->
                    new PaymentProviderException(
                        "Robokassa gave no OpKey for InvId " + externalPaymentId, 200, null, null));
    RefundResult result = api.refund(opKey, amount, key);
    log.info(
        "Robokassa refund requested for InvId {}: request {}",
        externalPaymentId,
        result.refundId());
    return result;
  }

  private static void requireInvId(String invId) {
    if (invId == null
        || !INV_ID.matcher(invId).matches()
        || Long.parseLong(invId) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "InvId must be an integer from 1 to 2147483647; was '" + invId + "'");
    }
  }

  /**
   * Checks a SuccessURL redirect's Password#1 signature, for showing the buyer a confirmation page.
   * The result is for display only and must never be credited: money is confirmed by the ResultURL
   * alone.
   *
   * @throws PaymentVerificationException when the signature is missing or wrong, or parameters are
   *     missing
   */
  public SuccessRedirect parseSuccessRedirect(Notification redirect) {
    SignedParameters signed = SignedParameters.of(redirect, "SuccessURL redirect");
    if (!signed.signedWith(signatures, password1)) {
      throw new PaymentVerificationException(
          Reason.BAD_SIGNATURE,
          "Robokassa SuccessURL signature for InvId "
              + SignedParameters.safe(signed.invId())
              + " does not match");
    }
    return new SuccessRedirect(signed.invId(), signed.outSum(), signed.shpValue(SHP_ORDER));
  }

  private static String invId(CheckoutRequest request) {
    String explicit = request.metadata().get(METADATA_INV_ID);
    String candidate = explicit != null ? explicit.trim() : request.orderReference();
    if (INV_ID.matcher(candidate).matches() && Long.parseLong(candidate) <= Integer.MAX_VALUE) {
      return candidate;
    }
    if (explicit != null) {
      throw new IllegalArgumentException(
          "metadata '"
              + METADATA_INV_ID
              + "' must be an integer from 1 to 2147483647; was '"
              + explicit
              + "'");
    }
    throw new IllegalArgumentException(
        "Robokassa needs a numeric InvId (1 to 2147483647): order reference '"
            + request.orderReference()
            + "' is not one, so give it in metadata '"
            + METADATA_INV_ID
            + "'");
  }

  private static SortedMap<String, String> shpParameters(CheckoutRequest request) {
    SortedMap<String, String> shp = new TreeMap<>();
    shp.put(SHP_ORDER, request.orderReference());
    request
        .metadata()
        .forEach(
            (key, value) -> {
              if (key.startsWith("robokassa.")) {
                return;
              }
              if (!METADATA_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException(
                    "metadata key '"
                        + key
                        + "' cannot be a Robokassa Shp_ parameter: use "
                        + "letters, digits, '_', '-', '.' (at most 40)");
              }
              String name = "Shp_" + key.replace('-', '_').replace('.', '_');
              if (shp.keySet().stream().anyMatch(name::equalsIgnoreCase)) {
                throw new IllegalArgumentException(
                    "metadata key '"
                        + key
                        + "' clashes with another Shp_ parameter ("
                        + name
                        + ")");
              }
              shp.put(name, value);
            });
    return shp;
  }

  private Optional<String> receiptJson(CheckoutRequest request) {
    String given = request.metadata().get(METADATA_RECEIPT);
    if (given != null && !given.isBlank()) {
      return Optional.of(given.trim());
    }
    return receipt.map(r -> r.json(request));
  }

  private Optional<String> cultureFor(Locale locale) {
    if (culture.isPresent()) {
      return culture;
    }
    String language = locale.getLanguage();
    return "ru".equals(language) || "en".equals(language)
        ? Optional.of(language)
        : Optional.empty();
  }

  private static String description(String description) {
    return description.length() <= MAX_DESCRIPTION
        ? description
        : description.substring(0, MAX_DESCRIPTION);
  }

  private static String encode(Map<String, String> query) {
    StringJoiner joined = new StringJoiner("&");
    query.forEach(
        (k, v) ->
            joined.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return joined.toString();
  }

  /** The client calls go through (for tests). */
  OkHttpClient httpClient() {
    return http;
  }

  /**
   * Releases the HTTP client this gateway built for itself, if it did; a shared or given one stays
   * open.
   */
  @Override
  public void close() {
    ownClient.ifPresent(ProviderHttp::release);
  }

  @Override
  public String toString() {
    return "RobokassaGateway[login="
        + merchantLogin
        + ", "
        + (testMode ? "test" : "live")
        + ", "
        + hashAlgorithm
        + ", receipt="
        + receipt.isPresent()
        + ", refunds="
        + password3.isPresent()
        + "]";
  }

  /** Builder of {@link RobokassaGateway}; not thread-safe. */
  public static final class Builder {
    // the values and their checks live in RobokassaConfig, so this class stays the Robokassa
    // protocol
    private final RobokassaConfig.Draft draft = new RobokassaConfig.Draft();

    private Builder() {}

    /**
     * Password #3: signs refund requests; without it the gateway has no {@link RefundCapability}.
     */
    public Builder password3(Secret password3) {
      draft.password3 = Objects.requireNonNull(password3, "password3");
      return this;
    }

    /** The {@code OpStateExt} service (default {@link #DEFAULT_OP_STATE_URL}). */
    public Builder opStateUrl(URI opStateUrl) {
      draft.opStateUrl = Objects.requireNonNull(opStateUrl, "opStateUrl");
      return this;
    }

    /** The refund service's {@code Refund/Create} (default {@link #DEFAULT_REFUND_URL}). */
    public Builder refundUrl(URI refundUrl) {
      draft.refundUrl = Objects.requireNonNull(refundUrl, "refundUrl");
      return this;
    }

    /**
     * An OkHttp client for the status and refund calls (default: the {@link #resources} client,
     * else a new one the gateway owns); the gateway does not close a client given here.
     */
    public Builder httpClient(OkHttpClient http) {
      draft.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /**
     * The shop's shared resources: status and refund calls go through {@code
     * resources.httpClient()}, and events are dated by {@code resources.clock()} unless {@link
     * #clock} is set. The gateway does not close the client.
     */
    public Builder resources(GatewayResources resources) {
      draft.resources = Objects.requireNonNull(resources, "resources");
      return this;
    }

    /** The shop's identifier in Robokassa ({@code MerchantLogin}). */
    public Builder merchantLogin(String merchantLogin) {
      draft.merchantLogin = Objects.requireNonNull(merchantLogin, "merchantLogin");
      return this;
    }

    /** Password #1: signs the pay page (live mode). */
    public Builder password1(Secret password1) {
      draft.password1 = Objects.requireNonNull(password1, "password1");
      return this;
    }

    /** Password #2: signs ResultURL notifications (live mode). */
    public Builder password2(Secret password2) {
      draft.password2 = Objects.requireNonNull(password2, "password2");
      return this;
    }

    /** Test password #1, used instead of password #1 in test mode. */
    public Builder testPassword1(Secret testPassword1) {
      draft.testPassword1 = Objects.requireNonNull(testPassword1, "testPassword1");
      return this;
    }

    /** Test password #2, used instead of password #2 in test mode. */
    public Builder testPassword2(Secret testPassword2) {
      draft.testPassword2 = Objects.requireNonNull(testPassword2, "testPassword2");
      return this;
    }

    /**
     * Test mode: test passwords, {@code IsTest=1}, and only test payments are accepted (default
     * off).
     */
    public Builder testMode(boolean testMode) {
      draft.testMode = testMode;
      return this;
    }

    /** The hash algorithm set in Robokassa's technical settings (default MD5). */
    public Builder hashAlgorithm(HashAlgorithm hashAlgorithm) {
      draft.hashAlgorithm = Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
      return this;
    }

    /** The pay page (default {@link #DEFAULT_PAY_PAGE}). */
    public Builder payPage(URI payPage) {
      draft.payPage = Objects.requireNonNull(payPage, "payPage");
      return this;
    }

    /**
     * The pay page's language, {@code ru} or {@code en} (default: the buyer's, when it is one of
     * these).
     */
    public Builder culture(String culture) {
      draft.culture = Objects.requireNonNull(culture, "culture");
      return this;
    }

    /** Whether to send a generated 54-FZ receipt with each checkout (default off). */
    public Builder receipt(boolean receipt) {
      draft.receipt = receipt;
      return this;
    }

    /** The receipt's taxation system ({@code sno}); default: the one set in Robokassa. */
    public Builder receiptTaxSystem(String taxSystem) {
      draft.receiptTaxSystem = Objects.requireNonNull(taxSystem, "taxSystem");
      return this;
    }

    /** The receipt item's VAT rate (default {@code none}). */
    public Builder receiptTax(String tax) {
      draft.receiptTax = Objects.requireNonNull(tax, "tax");
      return this;
    }

    /** The receipt item's payment method sign (default {@code full_payment}). */
    public Builder receiptPaymentMethod(String paymentMethod) {
      draft.receiptPaymentMethod = Objects.requireNonNull(paymentMethod, "paymentMethod");
      return this;
    }

    /** The receipt item's payment object sign (default {@code service}). */
    public Builder receiptPaymentObject(String paymentObject) {
      draft.receiptPaymentObject = Objects.requireNonNull(paymentObject, "paymentObject");
      return this;
    }

    /**
     * The clock that dates verified events (default the resources' clock, else the system clock).
     */
    public Builder clock(Clock clock) {
      draft.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalStateException naming the missing setting
     * @throws IllegalArgumentException naming the bad setting and value
     */
    public RobokassaGateway build() {
      return new RobokassaGateway(draft.validate());
    }
  }
}
