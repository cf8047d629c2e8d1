package io.github.remnawaveshop.payments.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import io.github.remnawaveshop.core.payment.ProviderHttp;
import io.github.remnawaveshop.core.payment.Secret;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The few Stripe REST calls the gateway makes: form-encoded POSTs that always carry an {@code
 * Idempotency-Key}, and GETs. Turns Stripe's error bodies ({@code
 * {"error":{"type","code","message"}}}) and transport failures (through {@link ProviderHttp}) into
 * {@link PaymentProviderException}s whose messages never contain a key. Thread-safe; shares the
 * given {@link OkHttpClient}.
 */
final class StripeApi {
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

  /** Anything that looks like a Stripe key or webhook secret, wherever a message might echo one. */
  private static final Pattern KEY_LIKE =
      Pattern.compile("\\b(sk|rk|pk)_(test|live)_[A-Za-z0-9*]+|\\bwhsec_[A-Za-z0-9*]+");

  private static final int MAX_MESSAGE = 300;

  private final ProviderHttp http;
  private final HttpUrl base;
  private final Secret secretKey;
  private final Optional<String> apiVersion;
  private final ObjectMapper json;

  StripeApi(
      OkHttpClient http,
      HttpUrl base,
      Secret secretKey,
      Optional<String> apiVersion,
      ObjectMapper json) {
    this.http = ProviderHttp.of("Stripe", http);
    this.base = base;
    this.secretKey = secretKey;
    this.apiVersion = apiVersion;
    this.json = json;
  }

  /** {@code POST base/<segments>} with a form body and an idempotency key. */
  JsonNode post(List<String> pathSegments, StripeForm form, String idempotencyKey) {
    Request request =
        authorized(url(pathSegments))
            .header("Idempotency-Key", idempotencyKey)
            .post(RequestBody.create(form.encode(), FORM))
            .build();
    return execute(request);
  }

  /** {@code GET base/<segments>?<query>}. */
  JsonNode get(List<String> pathSegments, Map<String, String> query) {
    HttpUrl.Builder url = url(pathSegments).newBuilder();
    query.forEach(url::addQueryParameter);
    return execute(authorized(url.build()).get().build());
  }

  private HttpUrl url(List<String> segments) {
    HttpUrl.Builder b = base.newBuilder();
    for (String s : segments) {
      b.addPathSegment(s);
    }
    return b.build();
  }

  private Request.Builder authorized(HttpUrl url) {
    Request.Builder b =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + secretKey.reveal())
            .header("Accept", "application/json");
    apiVersion.ifPresent(v -> b.header("Stripe-Version", v));
    return b;
  }

  private JsonNode execute(Request request) {
    String what = request.method() + " " + request.url().encodedPath();
    ProviderHttp.Answer answer = http.send(request, what);
    JsonNode node = parse(answer.body());
    if (!answer.successful()) {
      throw refusal(what, answer.status(), node);
    }
    if (node == null || !node.isObject()) {
      throw new PaymentProviderException(
          "Stripe answered "
              + what
              + " with "
              + answer.status()
              + " but the body is not a JSON object",
          answer.status(),
          null,
          null);
    }
    return node;
  }

  private JsonNode parse(String text) {
    try {
      return text.isEmpty() ? null : json.readTree(text);
    } catch (IOException notJson) {
      return null;
    }
  }

  private PaymentProviderException refusal(String what, int status, JsonNode node) {
    JsonNode error = node == null ? null : node.get("error");
    if (error == null || !error.isObject()) {
      return new PaymentProviderException(
          "Stripe refused " + what + " with HTTP " + status + " (no Stripe error body)",
          status,
          null,
          null);
    }
    String type = textOf(error, "type").orElse("unknown_error");
    Optional<String> code = textOf(error, "code");
    StringBuilder message =
        new StringBuilder("Stripe refused ")
            .append(what)
            .append(" with HTTP ")
            .append(status)
            .append(": ")
            .append(type);
    code.ifPresent(c -> message.append('/').append(c));
    textOf(error, "decline_code")
        .ifPresent(d -> message.append(" (decline ").append(d).append(')'));
    textOf(error, "param").ifPresent(p -> message.append(" [param ").append(p).append(']'));
    textOf(error, "message").ifPresent(m -> message.append(": ").append(redact(shorten(m))));
    return new PaymentProviderException(message.toString(), status, code.orElse(type), null);
  }

  private String redact(String text) {
    String out = text.replace(secretKey.reveal(), "[redacted]");
    return KEY_LIKE.matcher(out).replaceAll("[redacted]");
  }

  private static String shorten(String s) {
    return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "…";
  }

  static Optional<String> textOf(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || !v.isValueNode() || v.isNull() || v.asText().isEmpty()
        ? Optional.empty()
        : Optional.of(v.asText());
  }
}
