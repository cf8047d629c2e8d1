package io.github.remnawaveshop.payments.tck.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.remnawaveshop.core.payment.Checkout;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.GatewayResources;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import io.github.remnawaveshop.core.payment.ProviderHttp;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The DemoPay example gateway, published in the kit so a project can depend on a complete,
 * conforming gateway to read, copy or demo with (its {@code DemoPayConformanceTest} runs the kit
 * over it). Checkout: {@code POST /v1/payments} with a JSON body, a bearer API key and an {@code
 * Idempotency-Key} header; the answer's {@code url} is where the buyer pays. Webhooks: a JSON event
 * ({@code payment.succeeded}, {@code payment.failed}, {@code payment.refunded}) signed in the
 * {@code DemoPay-Signature} header (see {@link DemoPaySignature}).
 *
 * <p>Immutable and thread-safe; build once and share. The OkHttp client is shared with the caller
 * when given one.
 */
public final class DemoPayGateway implements PaymentGateway {
  /** The gateway id, also the settings prefix. */
  public static final String ID = "demopay";

  /** The production API (imaginary). */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.demopay.example");

  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Secret apiKey;
  private final DemoPaySignature signature;
  private final HttpUrl baseUrl;
  private final Clock clock;
  private final ProviderHttp http;
  private final Optional<OkHttpClient> ownClient;

  private DemoPayGateway(Builder b) {
    this.apiKey = b.apiKey;
    this.signature = new DemoPaySignature(b.webhookSecret, b.tolerance);
    this.baseUrl = HttpUrl.get(b.baseUrl.toString());
    this.clock =
        b.clock != null ? b.clock : b.resources != null ? b.resources.clock() : Clock.systemUTC();
    OkHttpClient given =
        b.http != null ? b.http : b.resources != null ? b.resources.httpClient() : null;
    this.ownClient = given == null ? Optional.of(ProviderHttp.defaultClient()) : Optional.empty();
    this.http = ProviderHttp.of("DemoPay", given != null ? given : ownClient.orElseThrow());
  }

  /** A builder; {@code apiKey} and {@code webhookSecret} are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> supportedCurrencies() {
    return Set.of("USD", "EUR", "RUB");
  }

  @Override
  public Checkout createCheckout(CheckoutRequest request) {
    if (!supportedCurrencies().contains(request.amount().currency())) {
      throw new IllegalArgumentException(
          "DemoPay does not accept "
              + request.amount().currency()
              + "; supported: "
              + supportedCurrencies());
    }
    ObjectNode body =
        MAPPER
            .createObjectNode()
            .put("order", request.orderReference())
            .put("amount", request.amount().toDecimalString())
            .put("currency", request.amount().currency())
            .put("description", request.description());
    request.returnUrl().ifPresent(u -> body.put("return_url", u.toString()));
    if (!request.metadata().isEmpty()) {
      ObjectNode metadata = body.putObject("metadata");
      request.metadata().forEach(metadata::put);
    }
    Request call =
        new Request.Builder()
            .url(baseUrl.newBuilder().addPathSegments("v1/payments").build())
            .header("Authorization", "Bearer " + apiKey.reveal())
            .header("Idempotency-Key", request.idempotencyKey())
            .post(RequestBody.create(body.toString(), JSON))
            .build();
    // ProviderHttp: one way to call, transport failures as status 0, our own message for a refusal
    String text =
        http.execute(
            call,
            "checkout of order " + request.orderReference(),
            (status, answer) ->
                new PaymentProviderException(
                    "DemoPay refused the checkout of order "
                        + request.orderReference()
                        + " with HTTP "
                        + status,
                    status,
                    errorCode(answer),
                    null));
    JsonNode answer;
    try {
      answer = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new PaymentProviderException(
          "DemoPay answered a checkout with malformed JSON", 200, null, e);
    }
    String id = answer.path("id").asText("");
    String url = answer.path("url").asText("");
    if (id.isEmpty() || url.isEmpty()) {
      throw new PaymentProviderException(
          "DemoPay answered a checkout without id or url", 200, null, null);
    }
    return Checkout.builder()
        .gatewayId(ID)
        .orderReference(request.orderReference())
        .providerReference(id)
        .paymentUrl(URI.create(url))
        .build();
  }

  @Override
  public VerifiedNotification verify(Notification notification) {
    String header =
        notification
            .header(DemoPaySignature.HEADER)
            .orElseThrow(
                () ->
                    new PaymentVerificationException(
                        Reason.MISSING_SIGNATURE, "no " + DemoPaySignature.HEADER + " header"));
    byte[] body = notification.body();
    Instant signedAt = signature.verify(header, body, clock.instant());
    JsonNode event;
    try {
      event = MAPPER.readTree(body);
    } catch (IOException e) {
      throw new PaymentVerificationException(Reason.MALFORMED, "the body is not JSON");
    }
    String eventId = text(event, "id");
    String type = text(event, "type");
    PaymentEvent.Type paymentType;
    switch (type) {
      case "payment.succeeded":
        paymentType = PaymentEvent.Type.PAID;
        break;
      case "payment.failed":
        paymentType = PaymentEvent.Type.FAILED;
        break;
      case "payment.refunded":
        paymentType = PaymentEvent.Type.REFUNDED;
        break;
      default:
        return VerifiedNotification.ignored(eventId, type);
    }
    JsonNode data = event.path("data");
    Money amount;
    try {
      amount = Money.parse(text(data, "amount"), text(data, "currency"));
    } catch (IllegalArgumentException e) {
      throw new PaymentVerificationException(
          Reason.MALFORMED, "bad amount in event " + eventId + ": " + e.getMessage());
    }
    PaymentEvent payment =
        PaymentEvent.builder()
            .gatewayId(ID)
            .type(paymentType)
            .providerEventId(eventId)
            .orderReference(text(data, "order"))
            .externalPaymentId(text(data, "payment_id"))
            .amount(amount)
            .occurredAt(signedAt)
            .build();
    return VerifiedNotification.of(payment, type);
  }

  /**
   * The {@code DemoPay-Signature} header value DemoPay sends with a webhook: for a local stand-in
   * of the provider (the example bot's checkout page) and for tests.
   *
   * @param webhookSecret the secret the gateway was built with
   * @param at the signing time (checked against the gateway's tolerance)
   * @param body the exact body bytes that will be posted
   */
  public static String signatureHeader(Secret webhookSecret, Instant at, byte[] body) {
    return new DemoPaySignature(webhookSecret, Duration.ofMinutes(5)).header(at, body);
  }

  /** The header DemoPay signs its webhooks in. */
  public static String signatureHeaderName() {
    return DemoPaySignature.HEADER;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isValueNode() || value.asText().isBlank()) {
      throw new PaymentVerificationException(Reason.MALFORMED, "the event lacks '" + field + "'");
    }
    return value.asText();
  }

  private static String errorCode(String body) {
    try {
      String type = MAPPER.readTree(body).path("error").path("type").asText("");
      return type.isEmpty() ? null : type;
    } catch (IOException | RuntimeException e) {
      return null;
    }
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
    return "DemoPayGateway[" + baseUrl + "]";
  }

  /** Builder of {@link DemoPayGateway}; not thread-safe. */
  public static final class Builder {
    private Secret apiKey;
    private Secret webhookSecret;
    private URI baseUrl = DEFAULT_BASE_URL;
    private Duration tolerance = Duration.ofMinutes(5);
    private Clock clock;
    private OkHttpClient http;
    private GatewayResources resources;

    private Builder() {}

    /** The API key sent as a bearer token. */
    public Builder apiKey(Secret apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /** The secret webhooks are signed with. */
    public Builder webhookSecret(Secret webhookSecret) {
      this.webhookSecret = Objects.requireNonNull(webhookSecret, "webhookSecret");
      return this;
    }

    /** The API's base URL (default {@link #DEFAULT_BASE_URL}). */
    public Builder baseUrl(URI baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /** How far a webhook's signed time may be from now (default 5 minutes). */
    public Builder tolerance(Duration tolerance) {
      this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
      return this;
    }

    /**
     * The clock webhook timestamps are checked against (default the resources' clock, else the
     * system clock).
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * An OkHttp client to call through (default: the resources' client, else a new one the gateway
     * owns).
     */
    public Builder httpClient(OkHttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /** The shop's shared client and clock; the gateway does not close the client. */
    public Builder resources(GatewayResources resources) {
      this.resources = Objects.requireNonNull(resources, "resources");
      return this;
    }

    /** Validates and builds. */
    public DemoPayGateway build() {
      if (apiKey == null || webhookSecret == null) {
        throw new IllegalStateException("DemoPayGateway needs apiKey and webhookSecret");
      }
      if (tolerance.isNegative() || tolerance.isZero()) {
        throw new IllegalArgumentException("tolerance must be positive; was " + tolerance);
      }
      if (HttpUrl.parse(baseUrl.toString()) == null) {
        throw new IllegalArgumentException("baseUrl must be an http(s) URL; was " + baseUrl);
      }
      return new DemoPayGateway(this);
    }
  }
}
