package io.github.remnawaveshop.payments.paypal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import io.github.remnawaveshop.core.payment.ProviderHttp;
import io.github.remnawaveshop.core.payment.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PayPal's REST API as this gateway uses it: bearer-authenticated JSON POSTs with an OAuth2
 * client-credentials token (cached by {@link AccessTokens}), and PayPal's error bodies turned into
 * {@link PaymentProviderException}s that carry the status, PayPal's error {@code name} and {@code
 * debug_id} but never the client secret or a token; transport failures go through {@link
 * ProviderHttp}. Thread-safe; shares the given {@link OkHttpClient}.
 */
final class PayPalApi {
  private static final Logger log = LoggerFactory.getLogger(PayPalApi.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final int MAX_ERROR_TEXT = 200;

  private final ProviderHttp http;
  private final HttpUrl base;
  private final String clientId;
  private final Secret clientSecret;
  private final ObjectMapper json;
  private final AccessTokens tokens;

  PayPalApi(
      OkHttpClient http,
      HttpUrl base,
      String clientId,
      Secret clientSecret,
      ObjectMapper json,
      Clock clock) {
    this.http = ProviderHttp.of("PayPal", http);
    this.base = base;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.json = json;
    this.tokens = new AccessTokens(this::fetchToken, clock);
  }

  /** The token cache (for tests of its behaviour through the gateway). */
  AccessTokens tokens() {
    return tokens;
  }

  /**
   * A URL under the API base: fixed path segments ({@code v2/checkout/orders}) then encoded ids.
   */
  HttpUrl url(String fixedSegments, String... ids) {
    HttpUrl.Builder b = base.newBuilder().addPathSegments(fixedSegments);
    for (String id : ids) {
      b.addPathSegment(id);
    }
    return b.build();
  }

  /**
   * POSTs JSON with the bearer token; on 401 forgets the token and tries once more with a fresh
   * one.
   *
   * @param requestId the {@code PayPal-Request-Id}, when the call must be idempotent
   * @throws PaymentProviderException on any non-2xx answer, an unreachable API, or a non-JSON
   *     answer
   */
  JsonNode postJson(HttpUrl url, String body, Optional<String> requestId) {
    for (int attempt = 1; ; attempt++) {
      String token = tokens.get();
      Request.Builder request =
          new Request.Builder()
              .url(url)
              .header("Authorization", "Bearer " + token)
              .header("Accept", "application/json")
              .post(RequestBody.create(body, JSON));
      requestId.ifPresent(id -> request.header("PayPal-Request-Id", id));
      String what = "POST " + url.encodedPath();
      ProviderHttp.Answer answer = http.send(request.build(), what);
      String debugId = answer.headers().get("PayPal-Debug-Id");
      log.debug(
          "PayPal POST {} -> {} (debug id {})",
          url.encodedPath(),
          answer.status(),
          debugId == null ? "-" : debugId);
      if (answer.status() == 401 && attempt == 1) {
        tokens.invalidate(token);
        continue;
      }
      if (!answer.successful()) {
        throw apiError(what, answer.status(), answer.body());
      }
      return parse(what, answer.status(), answer.body());
    }
  }

  private AccessTokens.Fetched fetchToken() {
    HttpUrl url = url("v1/oauth2/token");
    Request request =
        new Request.Builder()
            .url(url)
            .header("Authorization", Credentials.basic(clientId, clientSecret.reveal()))
            .header("Accept", "application/json")
            .post(new FormBody.Builder().add("grant_type", "client_credentials").build())
            .build();
    ProviderHttp.Answer reply = http.send(request, "token request");
    if (!reply.successful()) {
      throw apiError("token request", reply.status(), reply.body());
    }
    JsonNode answer = parse("token request", reply.status(), reply.body());
    String token = answer.path("access_token").asText("");
    if (token.isEmpty()) {
      throw new PaymentProviderException(
          "PayPal token request: answer has no access_token", reply.status(), null, null);
    }
    long seconds = answer.path("expires_in").asLong(0);
    log.debug("PayPal access token fetched, valid for {} s", seconds);
    return new AccessTokens.Fetched(token, Duration.ofSeconds(Math.max(0, seconds)));
  }

  private JsonNode parse(String what, int status, String text) {
    try {
      JsonNode node = json.readTree(text.isEmpty() ? "{}" : text);
      if (node == null || !node.isObject()) {
        throw new PaymentProviderException(
            "PayPal " + what + ": answer is not a JSON object", status, null, null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new PaymentProviderException(
          "PayPal " + what + ": answer is not JSON", status, null, null);
    }
  }

  /**
   * Error from PayPal's body: REST errors have {@code name}, {@code message}, {@code debug_id} and
   * {@code details[].issue}; OAuth errors have {@code error} and {@code error_description}.
   */
  private PaymentProviderException apiError(String what, int status, String text) {
    String code = null;
    StringBuilder message =
        new StringBuilder("PayPal ").append(what).append(" answered HTTP ").append(status);
    try {
      JsonNode body = json.readTree(text);
      if (body != null && body.isObject()) {
        if (body.hasNonNull("name")) {
          code = body.get("name").asText();
          message.append(": ").append(code);
          JsonNode issue = body.path("details").path(0).path("issue");
          if (issue.isTextual()) {
            message.append(" (").append(issue.asText()).append(')');
          }
          if (body.hasNonNull("message")) {
            message.append(" - ").append(clip(body.get("message").asText()));
          }
        } else if (body.hasNonNull("error")) {
          code = body.get("error").asText();
          message.append(": ").append(code);
          if (body.hasNonNull("error_description")) {
            message.append(" - ").append(clip(body.get("error_description").asText()));
          }
        }
        if (body.hasNonNull("debug_id")) {
          message.append(", debug_id ").append(body.get("debug_id").asText());
        }
      }
    } catch (JsonProcessingException notJson) {
      // an HTML error page from a proxy: the status says enough
    }
    return new PaymentProviderException(message.toString(), status, code, null);
  }

  /** Keeps PayPal's free-text messages short in our exception messages. */
  private static String clip(String text) {
    return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "…";
  }
}
