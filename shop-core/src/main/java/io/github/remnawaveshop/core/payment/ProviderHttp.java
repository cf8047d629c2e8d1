package io.github.remnawaveshop.core.payment;

import io.github.remnawaveshop.core.internal.OkHttpRelease;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The HTTP calls a gateway makes to its provider, done one way: every call goes through a shared
 * {@link OkHttpClient} (by default one with {@link #defaultClient() the SDK's timeouts}), a
 * transport failure becomes a {@link PaymentProviderException} with status 0, and a non-2xx answer
 * becomes one with the status, built by the gateway's own {@link Refusal} (which knows the
 * provider's error body) or, without one, a plain "refused with HTTP n". Messages name the
 * provider, the call ({@code what}, e.g. {@code "POST /v1/refunds"}) and the exception's class;
 * they never contain a request or response body, a header or an exception message that might echo a
 * credential. Thread-safe and cheap; build one per gateway.
 *
 * <pre>{@code
 * ProviderHttp http = ProviderHttp.of("Stripe", client);
 * String body = http.execute(request, "POST /v1/refunds", (status, text) -> parseStripeError(status, text));
 * }</pre>
 */
public final class ProviderHttp {
  /** Connect timeout of {@link #defaultClient()}. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Read (and write) timeout of {@link #defaultClient()}. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Whole-call timeout of {@link #defaultClient()}: a provider call never blocks a webhook or a
   * user longer.
   */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Turns a provider's non-2xx answer into the exception to throw; it must not copy the body whole.
   */
  @FunctionalInterface
  public interface Refusal {
    /**
     * @param status the HTTP status, not 2xx
     * @param body the answer's body as text, possibly empty
     * @return the exception to throw; its {@code httpStatus()} should be {@code status}
     */
    PaymentProviderException toException(int status, String body);
  }

  /**
   * One answer of the provider, whatever its status.
   *
   * @param status the HTTP status
   * @param body the body as text, empty when there was none
   * @param headers the answer's headers
   */
  public record Answer(int status, String body, Headers headers) {
    /** Validates. */
    public Answer {
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(headers, "headers");
    }

    /** Whether the status is 2xx. */
    public boolean successful() {
      return status >= 200 && status < 300;
    }
  }

  private final String provider;
  private final OkHttpClient client;

  private ProviderHttp(String provider, OkHttpClient client) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.client = Objects.requireNonNull(client, "client");
    if (provider.isBlank()) {
      throw new IllegalArgumentException("provider must not be blank");
    }
  }

  /**
   * Calls through {@code client}.
   *
   * @param provider the provider's name for messages ({@code "Stripe"})
   * @param client the shared client; its timeouts apply
   * @return the helper
   */
  public static ProviderHttp of(String provider, OkHttpClient client) {
    return new ProviderHttp(provider, client);
  }

  /**
   * A builder of a client with the SDK's default timeouts ({@link #DEFAULT_CONNECT_TIMEOUT}, {@link
   * #DEFAULT_READ_TIMEOUT}, {@link #DEFAULT_CALL_TIMEOUT}), to adjust before building.
   *
   * @return a new builder
   */
  public static OkHttpClient.Builder defaultClientBuilder() {
    return new OkHttpClient.Builder()
        .connectTimeout(DEFAULT_CONNECT_TIMEOUT)
        .readTimeout(DEFAULT_READ_TIMEOUT)
        .writeTimeout(DEFAULT_READ_TIMEOUT)
        .callTimeout(DEFAULT_CALL_TIMEOUT);
  }

  /**
   * A new client with the SDK's default timeouts; a gateway builds one when it is given none, and
   * owns it.
   *
   * @return a new client
   */
  public static OkHttpClient defaultClient() {
    return defaultClientBuilder().build();
  }

  /**
   * Releases a client the calling gateway built itself (never a shared one): shuts its dispatcher's
   * threads down, evicts the pooled connections and closes its cache, if any. For a gateway's
   * {@code close()}; idempotent.
   *
   * @param client a client the caller owns
   */
  public static void release(OkHttpClient client) {
    OkHttpRelease.release(client);
  }

  /** The client calls go through. */
  public OkHttpClient client() {
    return client;
  }

  /**
   * Sends a request and returns the answer whatever its status (for a caller that reacts to a
   * status itself, such as a retry after a 401).
   *
   * @param what the call, for messages ({@code "POST /v2/checkout/orders"}); no secrets
   * @throws PaymentProviderException with status 0 when the provider cannot be reached or the call
   *     times out
   */
  public Answer send(Request request, String what) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(what, "what");
    try (Response response = client.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      return new Answer(response.code(), text, response.headers());
    } catch (IOException e) {
      throw new PaymentProviderException(
          provider + " could not be reached for " + what + ": " + e.getClass().getSimpleName(),
          0,
          null,
          e);
    }
  }

  /**
   * Sends a request and returns the body of a 2xx answer.
   *
   * @param what the call, for messages; no secrets
   * @param refusal builds the exception for a non-2xx answer
   * @throws PaymentProviderException with status 0 when the provider cannot be reached, or the one
   *     {@code refusal} builds for a non-2xx answer
   */
  public String execute(Request request, String what, Refusal refusal) {
    Objects.requireNonNull(refusal, "refusal");
    Answer answer = send(request, what);
    if (!answer.successful()) {
      throw Objects.requireNonNull(
          refusal.toException(answer.status(), answer.body()), "refusal's exception");
    }
    return answer.body();
  }

  /**
   * Sends a request and returns the body of a 2xx answer; a non-2xx answer is a {@code "<provider>
   * <what> failed with HTTP <status>"} exception that does not show the body.
   *
   * @param what the call, for messages; no secrets
   * @throws PaymentProviderException when the provider cannot be reached (status 0) or answers
   *     non-2xx
   */
  public String execute(Request request, String what) {
    return execute(
        request,
        what,
        (status, body) ->
            new PaymentProviderException(
                provider + " " + what + " failed with HTTP " + status, status, null, null));
  }

  @Override
  public String toString() {
    return "ProviderHttp[" + provider + "]";
  }
}
